"""Public pages: stamp verification (/verify/), points of sale (/diem-ban/), stamp sheets."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from catalogue.rules import today_in_vietnam
from pos import documents, selectors
from pos.throttle import verify_allowed
from producers.selectors import is_office, producer_for


def _too_many(request):
    return render(request, "pos/verify.html", {"state": "throttled"}, status=429)


@require_GET
def verify_form(request):
    if not verify_allowed(request):
        return _too_many(request)
    number = request.GET.get("so", "").strip()
    if number:
        if selectors.CERTIFICATE_NUMBER.match(number):
            return redirect("pos_verify:detail", number=number)
        return render(request, "pos/verify.html", {"state": "not_found", "number": number[:64]}, status=404)
    return render(request, "pos/verify.html", {"state": "form"})


@require_GET
def verify_detail(request, number):
    if not verify_allowed(request):
        return _too_many(request)
    verification = selectors.verify_certificate(number)
    if verification.state == "not_found":
        return render(request, "pos/verify.html", {"state": "not_found", "number": number[:64]}, status=404)
    product = verification.product
    buy_url = ""
    if verification.state == "valid" and product.is_public:
        if request.strategy.fetch_for_product(product).availability.is_available_to_buy:
            buy_url = product.get_absolute_url()
    return render(request, "pos/verify.html", {
        "state": verification.state, "v": verification, "number": number, "buy_url": buy_url,
        "verify_url": documents.verify_url(number),
    })


def points_of_sale(request):
    return render(request, "pos/points_of_sale.html", {"groups": selectors.points_of_sale_by_province()})


@never_cache
def stamp_sheet(request):
    """Office: every verified certificate (or one producer's, ?producer=ID); a producer:
    its own. Anyone else: 403/login."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificates = selectors.Certificate.objects.valid_on(today_in_vietnam()).select_related("product")
    if is_office(request.user):
        producer_id = request.GET.get("producer", "")
        if producer_id.isdigit():
            certificates = certificates.filter(product__producer_id=int(producer_id))
    else:
        producer = producer_for(request.user)  # PermissionDenied for anyone else
        certificates = certificates.filter(product__producer=producer)
    certificates = list(certificates.order_by("product__title", "number")[:300])
    response = HttpResponse(documents.stamp_sheet_pdf(certificates), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="tem-ocop.pdf"'
    return response


def gs1_product(request, gtin):
    """GS1 Digital Link (https://host/01/<gtin>): the product's verification page."""
    product = selectors.Product.objects.filter(upc=gtin).first()
    if product is None:
        raise Http404
    certificate = selectors.product_verify_certificate(product)
    if certificate is None:
        return redirect(product.get_absolute_url())
    return redirect(reverse("pos_verify:detail", kwargs={"number": certificate.number}))
