"""Public verification (/verify/): each state in Vietnamese and English, 404 for anything
not found, exact matches only, a rate limit; the product page's QR decodes to the page."""

import datetime
import io

import pytest
import segno
import time_machine
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from pos.documents import verify_url
from tests.factories import CertificateFactory, sellable_product

pytestmark = pytest.mark.django_db


def _verify(client, number):
    return client.get(reverse("pos_verify:detail", kwargs={"number": number}))


def test_a_valid_certificate_shows_product_producer_province_and_a_buy_link(client, reference_data):
    product = sellable_product()
    certificate = product.certificates.get()
    response = _verify(client, certificate.number)
    page = response.content.decode()
    assert response.status_code == 200 and response.context["state"] == "valid"
    for text in ("Chứng nhận còn hiệu lực", "Valid certificate", product.title, product.producer.name, "Lâm Đồng",
                 certificate.issuing_body, certificate.issued_on.strftime("%d/%m/%Y"),
                 certificate.expires_on.strftime("%d/%m/%Y")):
        assert text in page
    assert response.context["buy_url"] == product.get_absolute_url()


def test_the_former_province_is_shown(client, reference_data):
    from catalogue.models import Province

    product = sellable_product()
    product.producer.former_province = Province.objects.get(slug="binh-thuan")
    product.producer.save()
    page = _verify(client, product.certificates.get().number).content.decode()
    assert "Bình Thuận" in page


def test_an_expired_certificate_says_so_and_offers_no_purchase(client, reference_data):
    certificate = CertificateFactory(issued_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2023, 1, 1))
    response = _verify(client, certificate.number)
    page = response.content.decode()
    assert response.status_code == 200 and response.context["state"] == "expired"
    assert "đã hết hạn ngày 01/01/2023" in page and "Expired on 01/01/2023" in page
    assert response.context["buy_url"] == ""


def test_a_revoked_certificate_shows_its_date(client, reference_data):
    certificate = CertificateFactory(status="revoked", revoked_reason="Vi phạm chất lượng",
                                     decided_at=timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0)))
    response = _verify(client, certificate.number)
    page = response.content.decode()
    assert response.context["state"] == "revoked"
    assert "bị thu hồi ngày 02/03/2026" in page and "Revoked on 02/03/2026" in page


def test_a_sellable_product_without_stock_gets_no_buy_link(client, reference_data):
    product = sellable_product(num_in_stock=0)
    response = _verify(client, product.certificates.get().number)
    assert response.context["state"] == "valid" and response.context["buy_url"] == ""


@pytest.mark.parametrize("number", [
    "OCOP-KHONG-CO", "ocop-test-00000x", "../etc/passwd", "A" * 70, "%00", "' OR 1=1 --", "<script>",
], ids=["unknown", "case", "traversal", "long", "nul", "sql", "markup"])
def test_unknown_or_malformed_numbers_are_not_found_with_404(client, reference_data, number):
    CertificateFactory(number="OCOP-TEST-00001")
    response = client.get("/verify/" + number.replace("/", "%2F") + "/")
    assert response.status_code in (404, 400)
    if response.status_code == 404 and response.context:
        assert response.context["state"] == "not_found"
        assert "Traceback" not in response.content.decode()


def test_no_partial_or_case_insensitive_match(client, reference_data):
    certificate = CertificateFactory(number="BTH-2025-0001")
    for near in ("BTH-2025-000", "bth-2025-0001", "BTH-2025-0001 ", "BTH-2025"):
        assert _verify(client, near).status_code == 404, near
    assert _verify(client, certificate.number).status_code == 200


def test_pending_and_rejected_certificates_are_not_found(client, reference_data):
    pending = CertificateFactory(status="pending")
    rejected = CertificateFactory(status="rejected", rejection_reason="Thiếu hồ sơ")
    assert _verify(client, pending.number).status_code == 404
    assert _verify(client, rejected.number).status_code == 404


def test_the_form_goes_to_the_number_page_and_refuses_junk(client, reference_data):
    certificate = CertificateFactory()
    assert client.get(reverse("pos_verify:form")).status_code == 200
    response = client.get(reverse("pos_verify:form"), {"so": certificate.number})
    assert response.status_code == 302 and response["Location"] == f"/verify/{certificate.number}/"
    assert client.get(reverse("pos_verify:form"), {"so": "có dấu?*"}).status_code == 404


@time_machine.travel(datetime.datetime(2026, 11, 25, 3, 0, tzinfo=datetime.UTC), tick=True)
def test_lookups_are_rate_limited_per_client(client, reference_data, settings):
    # (the clock starts at the top of a minute, so the window cannot turn mid-test)
    settings.OCOP_VERIFY_PER_MINUTE = 3
    statuses = [_verify(client, f"KHONG-CO-{n}").status_code for n in range(5)]
    assert statuses == [404, 404, 404, 429, 429]


def _decode(svg_or_png) -> str:
    results = zxingcpp.read_barcodes(svg_or_png)
    assert len(results) == 1
    return results[0].text


def test_the_product_page_qr_decodes_to_the_verification_page(client, reference_data, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://ocop.example.vn"
    product = sellable_product()
    number = product.certificates.get().number
    response = client.get(product.get_absolute_url())
    page = response.content.decode()
    assert f"https://ocop.example.vn/verify/{number}/" in page and "<svg" in page
    # the same code, rendered to pixels and read back with ZXing
    out = io.BytesIO()
    segno.make(verify_url(number), error="m").save(out, kind="png", scale=6, border=4)
    assert _decode(Image.open(io.BytesIO(out.getvalue()))) == f"https://ocop.example.vn/verify/{number}/"


def test_the_product_page_lists_points_of_sale_with_stock(client, reference_data):
    from tests.pos_support import point_of_sale, shelf

    product = sellable_product()
    shelf(point_of_sale(), product, num_in_stock=2)
    shelf(point_of_sale(slug="het-hang", name="Ki-ốt hết hàng"), product, num_in_stock=0)
    page = client.get(product.get_absolute_url()).content.decode()
    # The product's own list (the footer names every point of sale, stock or not).
    section = page[page.index('class="ocop-product-stamp'):]
    section = section[:section.index("</section>")]
    assert "Cửa hàng OCOP Mũi Né" in section and "Ki-ốt hết hàng" not in section


def test_points_of_sale_page_by_province(client, reference_data):
    from tests.pos_support import point_of_sale

    point_of_sale()
    page = client.get(reverse("pos_points_of_sale")).content.decode()
    assert "Cửa hàng OCOP Mũi Né" in page and "7:00–21:00" in page and "Lâm Đồng" in page


def test_gs1_digital_link_resolves_to_the_verification_page(client, reference_data):
    product = sellable_product()
    response = client.get(f"/01/{product.upc}")
    assert response.status_code == 302
    assert response["Location"] == reverse("pos_verify:detail", args=[product.certificates.get().number])
    assert client.get("/01/8930000000000").status_code == 404
