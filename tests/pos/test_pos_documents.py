"""Printed documents: the receipt (HTML for an 80 mm roll, and PDF), stamp sheets and shelf
labels, read back with pypdf (text) and zxing-cpp (the QR codes on the page)."""

import io
from decimal import Decimal

import pytest
import zxingcpp
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import UserFactory, sellable_product
from tests.pos_support import counter_user, point_of_sale, shelf

pytestmark = pytest.mark.django_db


def _text(pdf_bytes: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


def _qr_codes(pdf_bytes: bytes) -> list[str]:
    codes = []
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for image in page.images:
            codes += [r.text for r in zxingcpp.read_barcodes(image.image)]
    return codes


@pytest.fixture
def sold(client, reference_data):
    pos = point_of_sale()
    product = sellable_product()
    shelf(pos, product, price=Decimal("85000"), sku="MUINE-001")
    client.force_login(counter_user(pos))
    client.post(reverse("pos:scan"), {"code": "MUINE-001"})
    basket = client.get(reverse("pos:counter")).context["basket"].pk
    response = client.post(reverse("pos:sell"), {"basket": basket, "method": "cash", "tendered": "100.000"})
    return response["Location"].rstrip("/").rsplit("/", 1)[1], product


def test_the_receipt_pdf_lists_the_certificate_numbers_and_the_change(client, sold):
    number, product = sold
    response = client.get(reverse("pos:receipt-pdf", args=[number]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    for expected in (f"Hóa đơn {number}", product.title, product.certificates.get().number, "85.000 ₫",
                     "100.000 ₫", "15.000 ₫", "Cửa hàng OCOP Mũi Né"):
        assert expected in text, expected


def test_the_receipt_html_fits_an_80_mm_roll(client, sold):
    number, product = sold
    page = client.get(reverse("pos:receipt", args=[number])).content.decode()
    assert "pos_receipt.css" in page and product.certificates.get().number in page and "15.000" in page


def test_a_producer_prints_a_stamp_sheet_of_its_own_certificates(client, reference_data, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://ocop.example.vn"
    mine = [sellable_product(stars=4), sellable_product(stars=5, score=95)]
    for product in mine[1:]:
        product.producer = mine[0].producer
        product.save()
    other = sellable_product()
    user = UserFactory()
    mine[0].producer.partner.users.add(user)
    client.force_login(user)
    response = client.get(reverse("pos_stamp_sheet"))
    assert response.status_code == 200
    text = _text(response.content)
    numbers = [p.certificates.get().number for p in mine]
    assert all(n in text for n in numbers) and other.certificates.get().number not in text
    assert "★★★★★" in text and "★★★★" in text
    assert sorted(_qr_codes(response.content)) == sorted(f"https://ocop.example.vn/verify/{n}/" for n in numbers)


def test_the_office_prints_any_producers_stamp_sheet_and_others_cannot(client, reference_data):
    from django.contrib.auth.models import Permission

    products = [sellable_product() for _ in range(16)]  # more than one page (15 a page)
    office = UserFactory()
    office.user_permissions.add(Permission.objects.get(codename="change_certificate"))
    client.force_login(office)
    response = client.get(reverse("pos_stamp_sheet"))
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 2
    assert all(p.certificates.get().number in _text(response.content) for p in products)
    client.force_login(UserFactory())
    assert client.get(reverse("pos_stamp_sheet")).status_code == 403


def test_shelf_labels_show_name_price_stars_and_qr(client, sold, settings):
    _number, product = sold
    response = client.get(reverse("pos:shelf-labels"))
    text = _text(response.content)
    assert product.title in text and "85.000 ₫" in text and "★★★★" in text
    assert _qr_codes(response.content) == [settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                                           + f"/verify/{product.certificates.get().number}/"]
