"""The producer area (/nha-san-xuat/). Every view is ``producer_required`` and every
object is looked up within ``request.producer``: another producer's id is a 404."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from catalogue.sellable import check_sellable
from producers import certification, services
from producers.access import producer_required
from producers.forms import CashForm, CertificateForm, ImageForm, ImportForm, LineAdvanceForm, ProductForm
from checkout.selectors import payment_method_of
from producers.importing import ImportFileError, import_products, template_csv, template_xlsx
from producers.models import LineStatus, ProductImport
from producers.overview import overview
from producers.responses import scan_response, statement_response
from producers.selectors import (
    expiring_certificates,
    producer_certificates,
    producer_lines,
    producer_products,
)

Certificate = get_model("catalogue", "Certificate")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

PAGE_SIZE = 50
LOW_STOCK = 5


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _area_context(request, **extra):
    return {"producer": request.producer,
            "expiring": list(expiring_certificates(request.producer)), **extra}


@producer_required
def home(request):
    return render(request, "producer_area/home.html",
                  _area_context(request, overview=overview(request.producer)))


@producer_required
def product_list(request):
    producer = request.producer
    page = Paginator(producer_products(producer), PAGE_SIZE).get_page(request.GET.get("page"))
    today = today_in_vietnam()
    rows = []
    for product in page.object_list:
        stockrecord = product.own_stockrecords[0] if product.own_stockrecords else None
        product.producer = producer  # the rule reads it; it is this producer
        rows.append((product, stockrecord, check_sellable(product, stockrecord=stockrecord, day=today)))
    return render(request, "producer_area/product_list.html",
                  _area_context(request, page=page, rows=rows))


def _product_initial(product, producer) -> dict:
    stockrecord = StockRecord.objects.filter(product=product, partner_id=producer.partner_id).first()
    category = product.categories.first()
    return {"title": product.title, "description": product.description,
            "title_en": product.title_en, "description_en": product.description_en,
            "category": category.pk if category else None,
            "sku": stockrecord.partner_sku if stockrecord else "",
            "price": stockrecord.price if stockrecord else None,
            "num_in_stock": stockrecord.num_in_stock if stockrecord else 0,
            "weight_grams": services.product_weight(product), "is_public": product.is_public}


@producer_required
def product_edit(request, pk=None):
    producer = request.producer
    product = get_object_or_404(Product, pk=pk, producer=producer) if pk is not None else None
    if request.method == "POST":
        form = ProductForm(request.POST, producer=producer, product=product)
        if form.is_valid():
            try:
                saved = services.product_save(producer=producer, product=product, **form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Đã lưu sản phẩm “%(t)s”.") % {"t": saved.title})
                return redirect("producer_area:product-edit", pk=saved.pk)
    else:
        form = ProductForm(producer=producer, product=product,
                           initial=_product_initial(product, producer) if product else {"is_public": True})
    images = list(product.images.order_by("display_order", "pk")) if product else []
    verdict = None
    if product:
        stockrecord = StockRecord.objects.filter(product=product, partner_id=producer.partner_id).first()
        verdict = check_sellable(product, stockrecord=stockrecord)
    return render(request, "producer_area/product_form.html", _area_context(
        request, form=form, product=product, images=images, image_form=ImageForm(), verdict=verdict))


@producer_required
def product_image_add(request, pk):
    product = get_object_or_404(Product, pk=pk, producer=request.producer)
    if request.method != "POST":  # after the lookup: another producer's id is a 404 first
        return HttpResponseNotAllowed(["POST"])
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        services.product_image_add(producer=request.producer, product=product,
                                   image_file=form.cleaned_data["image"],
                                   caption=form.cleaned_data["caption"])
        messages.success(request, _("Đã thêm ảnh."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("producer_area:product-edit", pk=product.pk)


@producer_required
def product_image_delete(request, pk):
    image = get_object_or_404(ProductImage, pk=pk, product__producer=request.producer)
    if request.method != "POST":  # after the lookup: another producer's id is a 404 first
        return HttpResponseNotAllowed(["POST"])
    product_id = image.product_id
    services.product_image_delete(producer=request.producer, image_id=image.pk)
    messages.success(request, _("Đã xóa ảnh."))
    return redirect("producer_area:product-edit", pk=product_id)


@producer_required
def stockrecord_edit(request, pk):
    """Price and stock of one stock record, in one small form (the list's quick edit)."""
    stockrecord = get_object_or_404(StockRecord, pk=pk, partner_id=request.producer.partner_id,
                                    product__producer=request.producer)
    product = stockrecord.product
    initial = _product_initial(product, request.producer)
    if request.method == "POST":
        data = {**initial, "price": request.POST.get("price"),
                "num_in_stock": request.POST.get("num_in_stock")}
        form = ProductForm(data, producer=request.producer, product=product)
        if form.is_valid():
            try:
                services.product_save(producer=request.producer, product=product, **form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Đã cập nhật giá và tồn kho."))
                return redirect("producer_area:products")
        for field in ("price", "num_in_stock"):
            for error in form.errors.get(field, []):
                messages.error(request, error)
    return render(request, "producer_area/stockrecord_form.html",
                  _area_context(request, stockrecord=stockrecord, product=product))


# ------------------------------------------------------------------ certificates


@producer_required
def certificate_list(request):
    return render(request, "producer_area/certificate_list.html", _area_context(
        request, certificates=producer_certificates(request.producer)[:500]))


@producer_required
def certificate_submit(request):
    producer = request.producer
    if request.method == "POST":
        form = CertificateForm(request.POST, request.FILES, producer=producer)
        if form.is_valid():
            printed = {k: v for k, v in form.cleaned_data.items() if k != "product"}
            try:
                with transaction.atomic():
                    certificate = certification.certificate_submit(
                        product=form.cleaned_data["product"], user=request.user, **printed)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Đã nộp chứng nhận %(n)s; chờ Văn phòng OCOP xác minh.") % {
                    "n": certificate.number})
                return redirect("producer_area:certificate-detail", pk=certificate.pk)
    else:
        form = CertificateForm(producer=producer, initial={"product": request.GET.get("product")})
    return render(request, "producer_area/certificate_form.html", _area_context(request, form=form))


@producer_required
def certificate_detail(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("product"), pk=pk,
                                    product__producer=request.producer)
    return render(request, "producer_area/certificate_detail.html",
                  _area_context(request, certificate=certificate))


@producer_required
def certificate_scan(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk, product__producer=request.producer)
    if not certificate.scan:
        raise Http404
    return scan_response(certificate)


# ------------------------------------------------------------------ orders


@producer_required
def line_list(request):
    lines = producer_lines(request.producer)
    status = request.GET.get("status") or ""
    if status == "new":  # blank, Oscar's initial line status
        lines = lines.filter(status=LineStatus.NEW)
    elif status and status in LineStatus.values:
        lines = lines.filter(status=status)
    else:
        status = ""
    page = Paginator(lines, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "producer_area/line_list.html", _area_context(
        request, page=page, statuses=LineStatus.choices, status=status))


@producer_required
def order_detail(request, number):
    producer = request.producer
    lines = list(producer_lines(producer).filter(order__number=number))
    if not lines:
        raise Http404
    order = lines[0].order
    return render(request, "producer_area/order_detail.html", _area_context(
        request, order=order, lines=lines, address=order.shipping_address,
        is_cod=str(payment_method_of(order) or "") == "cod",
        own_total=sum(line.line_price_incl_tax for line in lines),
        transitions=services.LINE_TRANSITIONS, advance_form=LineAdvanceForm(), cash_form=CashForm()))


def _line_action(request, pk, form_class, act, done_message):
    """A POST on one of the producer's own order lines: look the line up (another
    producer's id is a 404, for GET too), validate the form, run ``act``, report."""
    line = get_object_or_404(Line.objects.select_related("order"), pk=pk,
                             partner_id=request.producer.partner_id)
    if request.method != "POST":  # after the lookup: another producer's id is a 404 first
        return HttpResponseNotAllowed(["POST"])
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(line, form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done_message)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("producer_area:order-detail", number=line.order.number)


@producer_required
def line_advance(request, pk):
    def advance(line, data):
        services.line_advance(producer=request.producer, user=request.user, line_id=line.pk,
                              to_status=data["status"], carrier=data["carrier"],
                              tracking_number=data["tracking_number"])

    return _line_action(request, pk, LineAdvanceForm, advance, _("Đã cập nhật trạng thái dòng đơn."))


@producer_required
def line_cash(request, pk):
    def record(line, data):
        services.line_record_cash(producer=request.producer, user=request.user, line_id=line.pk, **data)

    return _line_action(request, pk, CashForm, record, _("Đã ghi tiền thu."))


# ------------------------------------------------------------------ imports


@producer_required
def import_list(request):
    producer = request.producer
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_products(producer=producer, fileobj=upload, filename=upload.name,
                                     user=request.user)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            if result.succeeded:
                messages.success(request, _("Đã nhập %(c)s sản phẩm mới, cập nhật %(u)s.") % {
                    "c": result.created, "u": result.updated})
                return redirect("producer_area:import-detail", pk=result.record.pk)
    imports = ProductImport.objects.filter(producer=producer)[:50]
    return render(request, "producer_area/import.html", _area_context(
        request, form=form, result=result, imports=imports))


@producer_required
def import_detail(request, pk):
    record = get_object_or_404(ProductImport, pk=pk, producer=request.producer)
    return render(request, "producer_area/import_detail.html", _area_context(request, record=record))


@producer_required
def import_template(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(template_xlsx(), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-san-pham.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ------------------------------------------------------------------ statements


@producer_required
def statements(request):
    today = today_in_vietnam()
    months, month = [], today.replace(day=1)
    for _ in range(12):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return render(request, "producer_area/statements.html", _area_context(request, months=months))


@producer_required
def statement(request, year, month, fmt):
    return statement_response(request.producer, year, month, fmt)
