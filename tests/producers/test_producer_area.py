"""The producer area: producer accounts reach only their own data, and nothing else."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from catalogue.sellable import is_sellable
from producers.models import LineStatus
from tests.factories import CertificateFactory, StockRecordFactory, UserFactory, sellable_product
from tests.producer_support import SHOPPER_EMAIL, client_for, make_order, producer_with_user

Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db



def png_bytes(size=(4, 4)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _png():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")


def _pdf_upload(name="ban-quet.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                              content_type="application/pdf")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def two_producers(reference_data, media):
    """Producer A and producer B, each with a product, an image, a certificate with a scan,
    an import, and lines in one shared order."""
    a, user_a = producer_with_user()
    b, user_b = producer_with_user()
    product_a = sellable_product(producer=a)
    product_b = sellable_product(producer=b)
    from producers import services

    services.product_image_add(producer=b, product=product_b, image_file=_clean_png())
    cert_b = product_b.certificates.get()
    cert_b.scan.save("x.pdf", _pdf_upload(), save=True)
    order = make_order([(product_a, 1), (product_b, 2)])
    b_only = make_order([(product_b, 1)])  # an order with only B's lines, delivered (cash form)
    b_only.lines.update(status=LineStatus.DELIVERED)
    import io

    from producers.importing import import_products

    import_products(producer=b, fileobj=io.BytesIO(
        "sku,title,category,price,stock,weight_grams,description\nB-1,Trà B,tra,90000,5,,\n".encode()),
        filename="b.csv")
    return {"a": a, "user_a": user_a, "b": b, "user_b": user_b, "product_a": product_a,
            "product_b": product_b, "order": order}


def _clean_png():
    from producers.uploads import clean_image

    return clean_image(_png())


AREA_PREFIXES = ("/nha-san-xuat/",)


def _crawl(client, start: str) -> set[str]:
    """Every producer-area URL reachable from ``start`` by links and form actions."""
    seen, queue = set(), [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for link in re.findall(r'(?:href|action)="(/nha-san-xuat/[^"#?]*)', html):
            if link not in seen:
                queue.append(link)
    return seen


def test_crawler_another_producers_ids_give_404_for_get_and_post(two_producers):
    """Collect every id-bearing URL producer B can reach; producer A gets 404 on each."""
    client_b = client_for(two_producers["user_b"])
    urls = _crawl(client_b, "/nha-san-xuat/")
    with_ids = sorted(u for u in urls if re.search(r"/\d+/|/don-hang/[^/]+/$", u))
    kinds = {re.sub(r"\d+", "N", u) for u in with_ids}
    # products, stock records, images, certificates (+ scan), orders, lines, imports
    for expected in ("/nha-san-xuat/san-pham/N/", "/nha-san-xuat/ton-kho/N/", "/nha-san-xuat/anh/N/xoa/",
                     "/nha-san-xuat/chung-nhan/N/", "/nha-san-xuat/chung-nhan/N/ban-quet/",
                     "/nha-san-xuat/don-hang/N/", "/nha-san-xuat/dong-don/N/trang-thai/",
                     "/nha-san-xuat/nhap-san-pham/N/", "/nha-san-xuat/san-pham/N/anh/",
                     "/nha-san-xuat/dong-don/N/thu-tien/"):
        assert expected in kinds, (expected, kinds)

    client_a = client_for(two_producers["user_a"])
    leaks = {}
    shared = f"/don-hang/{two_producers['order'].number}/"  # A has lines there too: see below
    for url in with_ids:
        if url.endswith(shared):
            continue
        for method in ("get", "post"):
            status = getattr(client_a, method)(url, {"status": "confirmed", "price": "1",
                                                      "num_in_stock": "1"}).status_code
            if status != 404:
                leaks[(method, url)] = status
    assert leaks == {}
    # and nothing of B's changed through those POSTs
    assert ProductImage.objects.filter(product=two_producers["product_b"]).count() == 1
    assert two_producers["order"].lines.get(partner=two_producers["b"].partner).status == ""


def test_producer_sees_only_its_lines_of_a_shared_order_and_no_shopper_email_or_total(two_producers):
    order = two_producers["order"]
    client_a = client_for(two_producers["user_a"])

    html = client_a.get(reverse("producer_area:order-detail", args=[order.number])).content.decode()

    assert two_producers["product_a"].title in html
    assert two_producers["product_b"].title not in html
    assert SHOPPER_EMAIL not in html
    assert "12 Lê Lợi" in html and "+84912345678" in html
    assert "450.000" not in html  # the order total (150.000 + 2 × 150.000)
    lines_html = client_a.get(reverse("producer_area:lines")).content.decode()
    assert two_producers["product_b"].title not in lines_html


@pytest.mark.parametrize("url", ["/dashboard/", "/dashboard/catalogue/", "/dashboard/orders/",
                                 "/admin/", "/cms/", "/van-phong/", "/van-phong/nhat-ky/?format=csv",
                                 "/van-phong/chu-the/"])
def test_a_producer_user_reaches_no_office_dashboard_or_admin(two_producers, url):
    response = client_for(two_producers["user_a"]).get(url)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]


def test_a_user_without_a_producer_is_refused_the_area(db):
    assert client_for(UserFactory()).get("/nha-san-xuat/").status_code == 403
    assert client_for(UserFactory(is_staff=True, is_superuser=True)).get("/nha-san-xuat/").status_code == 403


def test_producer_creates_a_product_that_goes_on_sale_only_once_certified(reference_data, media):
    producer, user = producer_with_user()
    other, _ = producer_with_user()
    client = client_for(user)
    category = Category.objects.get(slug="tra")

    response = client.post(reverse("producer_area:product-create"), {
        "title": "Trà Shan tuyết", "description": "Trà cổ thụ", "category": category.pk,
        "sku": "TRA-01", "price": "250000", "num_in_stock": "30", "weight_grams": "200",
        "is_public": "on", "producer": other.pk, "partner": other.partner_id, "stars": "5",
        "status": "verified"})

    product = Product.objects.get(title="Trà Shan tuyết")
    assert response.status_code == 302
    assert product.producer == producer  # the posted producer is ignored
    stockrecord = StockRecord.objects.get(product=product)
    assert (stockrecord.partner_id, stockrecord.price, stockrecord.num_in_stock) == (
        producer.partner_id, Decimal("250000"), 30)
    assert not product.certificates.exists()
    assert not is_sellable(product, stockrecord=stockrecord)
    CertificateFactory(product=product, issued_on=today_in_vietnam())
    product = Product.objects.get(pk=product.pk)
    assert is_sellable(product, stockrecord=stockrecord)


def test_producer_gives_a_product_an_english_title_and_description(reference_data, media):
    producer, user = producer_with_user()
    client = client_for(user)

    client.post(reverse("producer_area:product-create"), {
        "title": "Trà Shan tuyết", "title_en": "Shan tuyết tea", "description": "Trà cổ thụ",
        "description_en": "Tea from ancient trees", "category": Category.objects.get(slug="tra").pk,
        "sku": "TRA-01", "price": "250000", "num_in_stock": "30", "is_public": "on"})

    product = Product.objects.get(producer=producer)
    assert (product.title_en, product.description_en) == ("Shan tuyết tea", "Tea from ancient trees")
    form = client.get(reverse("producer_area:product-edit", args=[product.pk])).content.decode()
    assert 'value="Shan tuyết tea"' in form


@pytest.mark.parametrize("field,value", [
    ("title", "Trà\x00độc"), ("title", "x" * 300), ("sku", "A\x00"), ("description", "\x00"),
    ("price", "-1"), ("num_in_stock", "-5"), ("price", "1e30"), ("title_en", "x" * 300),
    ("description_en", "\x00"),
], ids=["nul-title", "long-title", "nul-sku", "nul-description", "negative-price",
        "negative-stock", "huge-price", "long-english-title", "nul-english-description"])
def test_bad_product_input_is_a_form_error_never_a_500(reference_data, media, field, value):
    producer, user = producer_with_user()
    data = {"title": "Trà", "description": "", "category": Category.objects.get(slug="tra").pk,
            "sku": "T-1", "price": "1000", "num_in_stock": "1", field: value}

    response = client_for(user).post(reverse("producer_area:product-create"), data)

    if "\x00" in value:  # refused by the middleware before any form sees it
        assert response.status_code == 400
    else:
        assert response.status_code == 200
        assert response.context["form"].errors.get(field)
    assert not Product.objects.filter(producer=producer).exists()


def test_producer_submits_a_certificate_that_stays_pending_whatever_status_is_posted(reference_data, media):
    producer, user = producer_with_user()
    product = sellable_product(producer=producer)

    response = client_for(user).post(reverse("producer_area:certificate-submit"), {
        "product": product.pk, "number": "LD-2026-0001", "stars": "4", "score": "75",
        "level": "province", "issuing_body": "UBND tỉnh Lâm Đồng", "issuing_place": "Lâm Đồng",
        "decision_reference": "12/QĐ-UBND", "issued_on": "2026-01-10", "scan": _pdf_upload(),
        "status": "verified", "decided_by": user.pk})

    certificate = Certificate.objects.get(number="LD-2026-0001")
    assert response.status_code == 302
    assert certificate.status == Certificate.Status.PENDING
    assert certificate.submitted_by == user and certificate.decided_by is None
    assert certificate.scan.name.endswith(".pdf") and "ban-quet" not in certificate.scan.name


def test_a_scan_is_kept_outside_media_and_served_only_through_the_checked_view(
    reference_data, media, settings, tmp_path_factory
):
    # given a producer's submitted scan, with /media/ served as in the demo (DEBUG)
    private = tmp_path_factory.mktemp("private")
    settings.PRIVATE_MEDIA_ROOT = private
    producer, user = producer_with_user()
    product = sellable_product(producer=producer)
    client = client_for(user)
    client.post(reverse("producer_area:certificate-submit"), {
        "product": product.pk, "number": "LD-2026-0099", "stars": "4", "score": "75",
        "level": "province", "issuing_body": "UBND tỉnh Lâm Đồng", "issuing_place": "Lâm Đồng",
        "decision_reference": "12/QĐ-UBND", "issued_on": "2026-01-10", "scan": _pdf_upload()})
    certificate = Certificate.objects.get(number="LD-2026-0099")

    # then the file is under the private root, nothing of it under MEDIA_ROOT
    assert (private / certificate.scan.name).is_file()
    assert not list(media.rglob("*.pdf"))
    # and only the producer's own view serves it, as an attachment
    response = client.get(reverse("producer_area:certificate-scan", kwargs={"pk": certificate.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert client.get(f"/media/{certificate.scan.name}").status_code == 404


def test_a_certificate_for_another_producers_product_is_refused(reference_data, media):
    producer, user = producer_with_user()
    other_product = sellable_product()

    response = client_for(user).post(reverse("producer_area:certificate-submit"), {
        "product": other_product.pk, "number": "X-1", "stars": "3", "score": "55",
        "level": "province", "issuing_body": "UBND", "issuing_place": "X",
        "decision_reference": "1", "issued_on": "2026-01-10", "scan": _pdf_upload()})

    assert response.status_code == 200
    assert "product" in response.context["form"].errors
    assert not Certificate.objects.filter(number="X-1").exists()


def test_scan_is_served_as_an_attachment_with_nosniff(two_producers):
    cert = two_producers["product_b"].certificates.get()

    response = client_for(two_producers["user_b"]).get(
        reverse("producer_area:certificate-scan", args=[cert.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_producer_product_list_keeps_a_constant_query_count(reference_data, media, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    producer, user = producer_with_user()
    client = client_for(user)
    for _ in range(3):
        sellable_product(producer=producer)
    client.get(reverse("producer_area:products"))  # warm: session, content types
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("producer_area:products")).status_code == 200
    for _ in range(30):
        sellable_product(producer=producer)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("producer_area:products")).status_code == 200

    assert len(many) == len(few)


def test_line_list_keeps_a_constant_query_count(reference_data, media):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    producer, user = producer_with_user()
    client = client_for(user)
    product = sellable_product(producer=producer)
    make_order([(product, 1)])
    client.get(reverse("producer_area:lines"))  # warm: session, content types
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("producer_area:lines")).status_code == 200
    for _ in range(20):
        make_order([(product, 1), (sellable_product(), 1)])
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("producer_area:lines")).status_code == 200

    assert len(many) == len(few)


def test_expiry_banner_lists_certificates_expiring_within_30_days(reference_data, media):
    import datetime

    producer, user = producer_with_user()
    product = sellable_product(producer=producer)
    CertificateFactory(product=product, number="SAP-HET-HAN", issued_on=today_in_vietnam() - datetime.timedelta(days=300),
                       expires_on=today_in_vietnam() + datetime.timedelta(days=10))

    html = client_for(user).get(reverse("producer_area:home")).content.decode()

    assert "SAP-HET-HAN" in html
    assert "ocop-expiry-banner" in html


def test_posting_stars_score_or_status_to_a_submitted_certificate_changes_nothing(reference_data, media):
    producer, user = producer_with_user()
    certificate = CertificateFactory(product=sellable_product(producer=producer),
                                     status=Certificate.Status.REVOKED, revoked_reason="Sai",
                                     stars=3, score=55)

    response = client_for(user).post(reverse("producer_area:certificate-detail", args=[certificate.pk]),
                                      {"stars": "5", "score": "95", "status": "verified", "revoked_reason": ""})

    certificate.refresh_from_db()
    assert response.status_code == 200
    assert (certificate.stars, certificate.score, certificate.status) == (3, 55, Certificate.Status.REVOKED)


@pytest.mark.parametrize("field", ["number", "issuing_body", "issuing_place", "decision_reference"])
@pytest.mark.parametrize("value", ["A\x00B", "x" * 300], ids=["nul", "over-long"])
def test_bad_certificate_text_is_a_form_error(reference_data, media, field, value):
    producer, user = producer_with_user()
    product = sellable_product(producer=producer)
    data = {"product": product.pk, "number": "N-1", "stars": "3", "score": "55", "level": "province",
            "issuing_body": "UBND", "issuing_place": "X", "decision_reference": "1",
            "issued_on": "2026-01-10", "scan": _pdf_upload(), field: value}

    response = client_for(user).post(reverse("producer_area:certificate-submit"), data)

    if "\x00" in value:  # refused by the middleware before any form sees it
        assert response.status_code == 400
    else:
        assert response.status_code == 200
        assert response.context["form"].errors[field]
    assert product.certificates.count() == 1  # only the factory's


@pytest.mark.parametrize("url", ["/nha-san-xuat/don-hang/?status=%00", "/nha-san-xuat/san-pham/?page=%00",
                                 "/van-phong/chu-the/?q=%00abc", "/van-phong/nhat-ky/?action=%00"])
def test_nul_in_query_strings_is_never_a_500(two_producers, url):
    from django.contrib.auth.models import Permission

    office = UserFactory(is_staff=True)
    office.user_permissions.add(Permission.objects.get(codename="change_certificate"))
    client = client_for(two_producers["user_a"] if url.startswith("/nha") else office)

    assert client.get(url).status_code == 400  # a clean page from the NUL middleware


def test_editing_ignores_a_posted_producer_and_partner(reference_data, media):
    producer, user = producer_with_user()
    other, _ = producer_with_user()
    product = sellable_product(producer=producer)
    stockrecord = StockRecord.objects.get(product=product)

    response = client_for(user).post(reverse("producer_area:product-edit", args=[product.pk]), {
        "title": "Tên mới", "description": "", "category": Category.objects.get(slug="tra").pk,
        "sku": "MOI-1", "price": "1000", "num_in_stock": "3", "producer": other.pk,
        "partner": other.partner_id, "stars": "5", "score": "99"})
    client_for(user).post(reverse("producer_area:stockrecord-edit", args=[stockrecord.pk]),
                          {"price": "2000", "num_in_stock": "4", "partner": other.partner_id})

    product.refresh_from_db()
    stockrecord.refresh_from_db()
    assert response.status_code == 302
    assert (product.title, product.producer_id) == ("Tên mới", producer.pk)
    assert (stockrecord.partner_id, stockrecord.price, stockrecord.num_in_stock) == (
        producer.partner_id, Decimal("2000"), 4)
    assert product.certificates.get().stars == 4


def test_area_templates_have_no_inline_script_or_event_handlers():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "themes" / "ocop" / "templates" / "producer_area"
    offenders = {}
    for template in root.rglob("*.html"):
        text = template.read_text()
        if "<script" in text or re.search(r"\son[a-z]+\s*=", text) or "style=" in text:
            offenders[template.name] = True
    assert offenders == {}
