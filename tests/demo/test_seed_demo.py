"""seed_demo mirrors the published figures and a second run changes nothing."""

import logging
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from oscar.core.loading import get_model

from catalogue.models import Certificate, Producer
from catalogue.rules import today_in_vietnam
from catalogue.sellable import sellable_products
from demo.data import PROVINCE_SPECIALITIES

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def seeded(seeded_demo):
    """What seed_demo printed; the demo is seeded once a session (tests/db_support.py)."""
    return seeded_demo.output


def _valid_by_stars(former_slug: str) -> dict[int, int]:
    valid = Certificate.objects.valid_on(today_in_vietnam()).filter(
        product__producer__former_province__slug=former_slug)
    return dict(valid.values_list("stars").annotate(n=Count("id")).order_by())


def _snapshot() -> dict:
    return {
        "products": list(Product.objects.order_by("pk").values_list("pk", "title", "date_updated")),
        "stock": list(StockRecord.objects.order_by("pk").values_list("pk", "price", "num_in_stock", "date_updated")),
        "certificates": list(Certificate.objects.order_by("pk").values_list("pk", "number", "status", "expires_on")),
        "producers": list(Producer.objects.order_by("pk").values_list("pk", "slug", "name")),
        "users": list(get_user_model().objects.order_by("pk").values_list("pk", "username", "password")),
    }


@pytest.mark.django_db
def test_seed_mirrors_the_provinces_published_figures(seeded):
    assert _valid_by_stars("binh-thuan") == {5: 2, 4: 8, 3: 60}
    assert _valid_by_stars("ben-tre") == {4: 22, 3: 6}
    assert sum(_valid_by_stars("binh-duong").values()) == 153
    assert set(_valid_by_stars("binh-duong")) == {3, 4}
    assert Producer.objects.filter(former_province__slug="binh-duong").count() == 84
    dak_lak = Certificate.objects.valid_on(today_in_vietnam()).filter(
        product__producer__province__slug="dak-lak", product__producer__former_province=None)
    assert dict(dak_lak.values_list("stars").annotate(n=Count("id")).order_by()) == {4: 1, 3: 10}
    # and a few products outside those figures whose certificates show the rule at work
    on_sale = set(sellable_products().values_list("upc", flat=True))

    for upc in ("OCOP-VD-EXP", "OCOP-VD-REV", "OCOP-VD-PEN", "OCOP-VD-OOS"):
        assert Product.objects.filter(upc=upc).exists(), upc
        assert upc not in on_sale, upc
    provinces = {upc for upc in on_sale if upc.startswith("OCOP-P-")}  # issue 11: every province
    assert len(on_sale - provinces) == 70 + 28 + 11 + 153
    assert len(provinces) == sum(len(s) for s in PROVINCE_SPECIALITIES.values())


@pytest.mark.django_db
def test_seed_prints_one_account_per_role_and_serves_the_home_page(seeded, client):
    for username in ("quantri", "vanphong", "chuthe1", "chuthe2", "diemban", "bientap"):
        assert username in seeded
        assert get_user_model().objects.get(username=username).check_password("mat-khau-demo")
    producer_user = get_user_model().objects.get(username="chuthe1")
    assert producer_user.partners.get().producer.former_province.slug == "binh-thuan"
    # roles: one superuser; the office is staff by permission; producers are not staff
    User = get_user_model()
    assert list(User.objects.filter(is_superuser=True).values_list("username", flat=True)) == ["quantri"]
    office = User.objects.get(username="vanphong")
    assert office.is_staff and office.has_perm("catalogue.change_certificate")
    assert office.has_perm("order.change_order")  # may refund orders in the dashboard
    for username in ("chuthe1", "chuthe2"):
        user = User.objects.get(username=username)
        assert not user.is_staff and not user.has_perm("partner.dashboard_access")

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["page"].specific_class.__name__ == "HomePage"
    assert len(response.context["featured_products"]) == 8
    assert "Đặc sản mỗi xã, chứng nhận mỗi sản phẩm" in response.content.decode()


@pytest.mark.django_db
def test_seed_is_quiet_and_ends_with_the_accounts(seeded, seeded_demo):
    chatter = [r.getMessage() for r in seeded_demo.log_records if r.levelno < logging.WARNING]

    assert not [line for line in chatter if "Sending alerts" in line or "Page created" in line]
    assert len(chatter) < 10, chatter
    assert seeded.splitlines()[-1] == "Sign in with the username or the e-mail."
    table = "\n".join(seeded.splitlines()[-9:])  # the heading and six accounts above the links
    for username in ("quantri", "vanphong", "chuthe1", "chuthe2", "diemban", "bientap"):
        assert username in table


@pytest.mark.django_db
def test_a_second_seed_run_changes_nothing(seeded):
    before = _snapshot()

    out = StringIO()
    call_command("seed_demo", "--password", "mat-khau-demo", stdout=out)

    assert "nothing new" in out.getvalue()
    assert _snapshot() == before


@pytest.mark.django_db
def test_generate_catalog_adds_up_to_the_requested_count(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    call_command("generate_catalog", "--products", "120", "--seed", "7", verbosity=0, stdout=StringIO())
    call_command("generate_catalog", "--products", "150", "--seed", "7", verbosity=0, stdout=StringIO())

    generated = Product.objects.filter(upc__startswith="GEN7-")
    assert generated.count() == 150
    assert Certificate.objects.filter(product__in=generated).count() == 150
    assert StockRecord.objects.filter(product__in=generated).count() == 150
    assert generated.filter(producer__isnull=True).count() == 0
    on_sale = set(sellable_products().filter(upc__startswith="GEN7-").values_list("pk", flat=True))
    assert 0 < len(on_sale) < 150
    from catalogue.models import SearchDocument

    indexed = set(SearchDocument.objects.filter(product__upc__startswith="GEN7-")
                  .values_list("product_id", flat=True))
    assert indexed == on_sale  # bulk inserts send no signals: the command rebuilds the index


@pytest.mark.django_db
def test_demo_pages_have_no_broken_links(seeded, client):
    import re

    product = sellable_products().order_by("pk").first()
    start = ["/", "/catalogue/", "/catalogue/tinh/lam-dong/", "/catalogue/tinh/binh-thuan/",
             product.get_absolute_url(), "/basket/"]
    links: set[str] = set()
    for url in start:
        response = client.get(url)
        assert response.status_code == 200, url
        links.update(re.findall(r'href="(/[^"#]*)"', response.content.decode()))
    pages = sorted(link for link in links if not link.startswith(("/static/", "/media/")))

    broken = {}
    for link in pages:
        status = client.get(link).status_code
        if status not in (200, 302):
            broken[link] = status

    assert len(pages) > 40
    assert broken == {}


@pytest.mark.django_db
def test_demo_producer_uses_its_area_and_the_office_its_pages(seeded):
    import re

    from django.test import Client

    producer_client, office_client = Client(), Client()
    assert producer_client.login(username="chuthe1", password="mat-khau-demo")
    assert office_client.login(username="vanphong", password="mat-khau-demo")
    producer = get_user_model().objects.get(username="chuthe1").partners.get().producer

    home = producer_client.get("/nha-san-xuat/")
    products = producer_client.get("/nha-san-xuat/san-pham/")

    assert home.status_code == 200 and products.status_code == 200
    listed = {row[0].pk for row in products.context["rows"]}
    assert listed == set(producer.products.values_list("pk", flat=True)) and listed
    assert producer_client.get("/dashboard/").status_code == 403
    assert producer_client.get("/van-phong/").status_code == 403
    for url in ("/van-phong/", "/van-phong/chu-the/", "/van-phong/nhat-ky/", "/dashboard/"):
        assert office_client.get(url).status_code == 200, url
    pending = Certificate.objects.filter(status=Certificate.Status.PENDING).first()
    page = office_client.get(f"/van-phong/chung-nhan/{pending.pk}/").content.decode()
    assert pending.number in page
    assert office_client.get("/nha-san-xuat/").status_code == 403
    links = set(re.findall(r'href="(/nha-san-xuat/[^"#]*)"', home.content.decode() + products.content.decode()))
    assert {url: producer_client.get(url).status_code for url in links} == {url: 200 for url in links}
