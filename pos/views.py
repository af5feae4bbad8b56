"""The counter (/pos/): find, basket, pay, receipt, end of day, shelf labels."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from checkout.payments import vietqr
from checkout.forms import VietnamAddressForm
from checkout.placement import AlreadyPlaced, StockUnavailable
from pos import documents, selectors, services
from pos.access import pos_staff_required
from pos.models import PosSale

Basket = get_model("basket", "Basket")


def _session_key(point_of_sale) -> str:
    return f"pos_basket_{point_of_sale.pk}"


def _basket(request):
    key = _session_key(request.point_of_sale)
    basket = services.counter_basket(point_of_sale=request.point_of_sale, basket_id=request.session.get(key))
    if request.session.get(key) != basket.pk:  # unchanged: no session write
        request.session[key] = basket.pk
    return basket


def _int(raw, default=0) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return default


@pos_staff_required
def counter(request):
    pos = request.point_of_sale
    basket = _basket(request)
    query = request.GET.get("q", "")[:100]
    results = selectors.search_lookup(point_of_sale=pos, text=query) if query else []
    lines = list(basket.all_lines())
    total = basket.total_incl_tax if lines else 0
    transfer_svg = ""
    note = ""
    if lines and vietqr.is_configured():
        note = vietqr.transfer_note(f"POS {pos.pk} {basket.pk}")
        transfer_svg = vietqr.qr_svg(vietqr.vietqr_payload(
            bank_bin=settings.VIETQR_BANK_BIN, account_number=settings.VIETQR_ACCOUNT_NUMBER,
            amount=total, note=note))
    return render(request, "pos/counter.html", {
        "pos": pos, "basket": basket, "lines": lines, "total": total, "query": query, "results": results,
        "transfer_svg": transfer_svg, "transfer_note": note, "payments": PosSale.Payment,
        "recent": PosSale.objects.filter(point_of_sale=pos).select_related("order")[:5],
    })


@require_POST
@pos_staff_required
def scan(request):
    """A scanned or typed code (USB scanner, camera, keyboard): one exact match goes straight
    into the basket; several are listed; a code that is not ours is said to be so."""
    pos = request.point_of_sale
    code = request.POST.get("code", "")
    result = selectors.scan_lookup(point_of_sale=pos, code=code)
    if len(result.records) == 1:
        return _add(request, result.records[0].product_id, 1, product=result.records[0].product)
    if len(result.records) > 1:
        messages.info(request, _("Có nhiều mặt hàng khớp; chọn một."))
        return redirect(reverse("pos:counter") + "?q=" + result.records[0].product.title[:60])
    if result.recognised:
        messages.error(request, _("Sản phẩm OCOP này không có trong kho của điểm bán."))
    elif code.strip():
        messages.error(request, _("Mã vừa quét không phải mã của hệ thống OCOP (không phải mã hàng, mã vạch "
                                  "hay tem OCOP của chúng tôi)."))
    return redirect("pos:counter")


def _add(request, product_id, quantity, product=None):
    basket = _basket(request)
    try:
        services.counter_add(basket=basket, point_of_sale=request.point_of_sale, product_id=product_id,
                             quantity=quantity, product=product)
    except services.SaleRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("pos:counter")


@require_POST
@pos_staff_required
def add(request):
    return _add(request, _int(request.POST.get("product")), max(1, min(_int(request.POST.get("quantity"), 1), 999)))


@require_POST
@pos_staff_required
def line(request, pk):
    basket = _basket(request)
    services.counter_set_quantity(basket=basket, line_id=pk, quantity=_int(request.POST.get("quantity"), 0))
    return redirect("pos:counter")


@require_POST
@pos_staff_required
def clear(request):
    request.session.pop(_session_key(request.point_of_sale), None)
    return redirect("pos:counter")


def _receipt_redirect(order):
    return redirect("pos:receipt", number=order.number)


@require_POST
@pos_staff_required
def sell(request):
    pos = request.point_of_sale
    basket_id = _int(request.POST.get("basket"))
    current_id = request.session.get(_session_key(pos))
    basket = Basket.objects.filter(pk=basket_id, owner=None).first()
    if basket is None:
        raise Http404
    if basket.pk != current_id:
        # A retry of a sale already recorded (the session moved on): show that sale's receipt.
        sale = PosSale.objects.filter(order__basket_id=basket.pk, point_of_sale=pos).select_related("order").first()
        if sale is None:
            raise Http404
        return _receipt_redirect(sale.order)
    payment = services.CounterPayment(
        method=request.POST.get("method", ""),
        tendered=services.parse_amount(request.POST.get("tendered")),
        reference=request.POST.get("reference", "").strip()[:64],
        confirmed=request.POST.get("confirmed") == "1",
    )
    try:
        sale = services.do_counter_sale(point_of_sale=pos, user=request.user, basket=basket, payment=payment)
    except AlreadyPlaced as placed:
        if not PosSale.objects.filter(order=placed.order, point_of_sale=pos).exists():
            raise Http404
        request.session.pop(_session_key(pos), None)
        return _receipt_redirect(placed.order)
    except (services.SaleRefused, StockUnavailable) as refusal:
        messages.error(request, str(refusal))
        return redirect("pos:counter")
    request.session.pop(_session_key(pos), None)
    return _receipt_redirect(sale.order)


def _sale(request, number):
    sale = (PosSale.objects.filter(order__number=number, point_of_sale=request.point_of_sale)
            .select_related("order", "point_of_sale").first())
    if sale is None:
        raise Http404
    return sale


@pos_staff_required
def receipt(request, number):
    sale = _sale(request, number)
    return render(request, "pos/receipt.html", {"sale": sale, "rows": documents.receipt_lines(sale),
                                                "pos": request.point_of_sale})


@pos_staff_required
def ship_home(request, number):
    """Staff turn the sale into a delivery to a Vietnamese address (paid at the counter,
    fulfilled from online stock)."""
    sale = _sale(request, number)
    form = VietnamAddressForm(request.POST or None)
    if request.method == "POST" and sale.delivery_order_id is None and form.is_valid():
        try:
            services.do_ship_home(sale=sale, shipping_address=form.save(commit=False))
        except services.SaleRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Đã tạo đơn giao về nhà."))
            return redirect("pos:ship-home", number=number)
    sale.refresh_from_db()
    return render(request, "pos/ship_home.html", {"sale": sale, "form": form, "pos": request.point_of_sale})


@pos_staff_required
def receipt_pdf(request, number):
    sale = _sale(request, number)
    response = HttpResponse(documents.receipt_pdf(sale, documents.receipt_lines(sale)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="hoa-don-{sale.order.number}.pdf"'
    return response


@pos_staff_required
def day_summary(request):
    try:
        day = datetime.date.fromisoformat(request.GET.get("ngay", ""))
    except ValueError:
        day = today_in_vietnam()
    summary = selectors.day_summary(point_of_sale=request.point_of_sale, day=day)
    return render(request, "pos/day_summary.html", {"summary": summary, "pos": request.point_of_sale})


@pos_staff_required
def shelf_labels(request):
    pos = request.point_of_sale
    strategy = services.CounterStrategy(pos)
    items = []
    records = (selectors.StockRecord.objects.filter(partner_id=pos.partner_id)
               .select_related("product").prefetch_related("product__certificates").order_by("product__title"))
    for record in records:
        info_certificate = selectors.product_verify_certificate(record.product, day=strategy.day)
        items.append((record.product.get_title(), record.price, info_certificate))
    response = HttpResponse(documents.shelf_labels_pdf(items), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="nhan-ke-{pos.slug}.pdf"'
    return response
