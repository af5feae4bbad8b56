"""Demo data of issue 11: every current province has products on sale, each demo picture shows
its kind of product, and seed_demo's provincial site is Lâm Đồng's."""

import io

import pytest
from django.db.models import Count
from oscar.core.loading import get_model
from PIL import Image
from wagtail.models import Page, Site

from catalogue.models import Province
from catalogue.reference import ensure_reference_data
from catalogue.rules import today_in_vietnam
from catalogue.sellable import sellable_products
from cms.models import StorefrontSettings
from demo.images import SIZE, picture_kind, product_picture
from demo.seeding import SeedReport, _seed_every_province, _seed_provincial_site

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")


def _seed(report):
    categories = ensure_reference_data()
    classes = {c.slug: c for c in ProductClass.objects.all()}
    _seed_every_province(today=today_in_vietnam(), categories=categories, classes=classes,
                         office_user=None, report=report)


@pytest.mark.django_db
def test_every_current_province_but_dak_lak_gets_two_to_four_products_on_sale_once(settings, tmp_path):
    """Đắk Lắk's demo products are its published figures (DAK_LAK, test_seed_demo.py)."""
    settings.MEDIA_ROOT = tmp_path
    report = SeedReport()

    _seed(report)
    _seed(SeedReport())  # idempotent

    on_sale = dict(
        sellable_products(day=today_in_vietnam()).values_list("producer__province__slug")
        .annotate(n=Count("id")).order_by()
    )
    current = set(Province.objects.filter(merged_into__isnull=True).values_list("slug", flat=True))
    assert set(on_sale) == current - {"dak-lak"} and len(current) == 34
    assert all(2 <= n <= 4 for n in on_sale.values()), on_sale
    assert Product.objects.count() == report.created["products"] == sum(on_sale.values())
    assert all(p.images.count() == 1 for p in Product.objects.all())


@pytest.mark.django_db
def test_seed_creates_lam_dongs_site_on_the_same_pages_once():
    root = Page.objects.get(depth=1)
    default = Site.objects.filter(is_default_site=True).first() or Site.objects.create(
        hostname="localhost", root_page=root, is_default_site=True)
    report = SeedReport()

    _seed_provincial_site(report)
    _seed_provincial_site(SeedReport())

    site = Site.objects.get(hostname="lamdong.localhost", port=8000)
    setting = StorefrontSettings.for_site(site)
    assert site.root_page_id == default.root_page_id
    assert (setting.theme, setting.province.slug) == ("lamdong", "lam-dong")
    assert report.sites == ["http://lamdong.localhost:8000/"] and report.created == {"sites": 1}


@pytest.mark.parametrize("title, category, kind", [
    pytest.param("Nước mắm cá cơm Hưng Thịnh 40 độ đạm", "nuoc-mam-va-gia-vi", "bottle", id="fish-sauce"),
    pytest.param("Mật ong rừng U Minh Tràm", "mat-ong", "jar", id="honey"),
    pytest.param("Gạo Điện Biên Mường Thanh", "gao-va-nong-san", "bag", id="rice"),
    pytest.param("Cói Kim Sơn An giỏ đan tay", "may-tre-dan", "basket", id="sedge-basket"),
    pytest.param("Kẹo dừa An sầu riêng", "banh-keo-va-mut", "box", id="sweets-not-fruit"),
    pytest.param("Lan hồ điệp Đà Lạt Xuân", "hoa-lan", "plant", id="orchid"),
    pytest.param("Bonsai mai vàng Thủ Đức An", "cay-canh", "plant", id="bonsai"),
    pytest.param("Tỏi Lý Sơn Đảo", "nuoc-mam-va-gia-vi", "bulbs", id="garlic"),
    pytest.param("Bưởi Năm Roi Mỹ", "trai-cay-tuoi-va-say", "fruit", id="pomelo"),
    pytest.param("Trà hoa vàng Ba Chẽ An", "tra", "tea", id="golden-camellia-tea"),
    pytest.param("Thổ cẩm Sa Pa Mây", "det-va-tho-cam", "fabric", id="brocade"),
    pytest.param("Tranh sơn mài Tương Bình Hiệp An", "son-mai", "pottery", id="lacquer-not-sauce"),
    pytest.param("Tour chợ nổi Cái Răng Sông", "tour-trai-nghiem", "tour", id="tour"),
    pytest.param("Homestay bản Nặm Đăm Dao", "homestay", "tour", id="homestay"),
    pytest.param("Cơm cháy Ninh Bình An", "banh-keo-va-mut", "box", id="by-category"),
    pytest.param("Mật ong hoa điều Ngọc Lan", "mat-ong", "jar", id="brand-is-not-an-orchid"),
    pytest.param("Cá chỉ vàng khô Bảo Tín", "thuy-hai-san-che-bien", "bag", id="dried-fish"),
])
def test_a_demo_picture_shows_the_kind_of_product(title, category, kind):
    assert picture_kind(title, category) == kind
    picture = Image.open(io.BytesIO(product_picture(title, "thuc-pham", 4, category)))
    assert picture.size == (SIZE, SIZE) and picture.format == "JPEG"


def test_pictures_of_different_kinds_differ():
    pictures = {product_picture(title, "thuc-pham", 3, "") for title in
                ("Nước mắm X", "Mật ong X", "Gạo X", "Tour X", "Tỏi X", "Bưởi X")}
    assert len(pictures) == 6
