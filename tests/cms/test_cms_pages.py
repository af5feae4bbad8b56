"""Editorial pages: created through Wagtail's admin helpers, tied live to the catalogue
(product cards follow certificates, deleted products never break a page), province pages,
story links from the product page, index filters, constant query counts."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from catalogue.rules import today_in_vietnam
from cms.models import (
    ComboIndexPage,
    GiftComboPage,
    HomePage,
    ProductStoryPage,
    ProvinceIndexPage,
    ProvincePage,
    StoryIndexPage,
)
from tests.cms_support import combo, page_tree, province_page, story
from tests.factories import ProducerFactory, sellable_product

Certificate = get_model("catalogue", "Certificate")
Product = get_model("catalogue", "Product")
Province = get_model("catalogue", "Province")


class PageCreationTests(WagtailPageTestCase):
    """Each page type is created (and published) through the admin's add view."""

    def setUp(self):
        from catalogue.reference import ensure_reference_data

        ensure_reference_data()
        self.login()  # a superuser
        self.product = sellable_product(title="Nước mắm nhĩ Phan Thiết", price=Decimal("120000"))
        self.other = sellable_product(title="Mực một nắng", price=Decimal("450000"))
        root = Page.get_first_root_node()
        self.assertCanCreate(root, HomePage, nested_form_data({
            "title": "OCOP Việt Nam", "slug": "trang-chu-moi", "body": streamfield([]),
            "featured_count": 8, "five_star_count": 4}))
        self.home = HomePage.objects.get()

    def test_indexes_province_story_and_combo_pages_can_be_created(self):
        self.assertCanCreate(self.home, ProvinceIndexPage, {"title": "Tỉnh, thành", "slug": "tinh-thanh"})
        self.assertCanCreate(ProvinceIndexPage.objects.get(), ProvincePage, nested_form_data({
            "title": "OCOP Lâm Đồng", "slug": "lam-dong",
            "province": Province.objects.get(slug="lam-dong").pk, "intro": "Gồm cả Bình Thuận.",
            "body": streamfield([]), "products_shown": 8}))
        self.assertCanCreate(self.home, StoryIndexPage, {"title": "Câu chuyện", "slug": "cau-chuyen"})
        self.assertCanCreate(StoryIndexPage.objects.get(), ProductStoryPage, nested_form_data({
            "title": "Giọt mắm nhĩ", "slug": "giot-mam-nhi", "intro": "Cá cơm tươi.",
            "producer": self.product.producer.pk, "province": self.product.producer.province.pk,
            "tags": "nước mắm, Phan Thiết",
            "body": streamfield([
                ("heading", {"text": "Làng chài"}),
                ("paragraph", rich_text("<p>Mười hai tháng ủ chượp.</p>")),
                ("quote", {"text": "Cá phải tươi.", "attribution": "Chủ cơ sở"}),
                ("product_card", {"product": self.product.pk, "note": ""}),
            ])}))
        self.assertCanCreate(self.home, ComboIndexPage, {"title": "Combo", "slug": "combo-qua-tang"})
        self.assertCanCreate(ComboIndexPage.objects.get(), GiftComboPage, nested_form_data({
            "title": "Quà Tết vị biển", "slug": "qua-tet", "occasion": "tet", "intro": "",
            "combo_price": "500000", "discount_percent": "", "body": streamfield([]),
            "items": inline_formset([{"product": self.product.pk, "quantity": 2},
                                     {"product": self.other.pk, "quantity": 1}], min=2, max=10),
        }))

        combo_page = GiftComboPage.objects.get()
        assert combo_page.live and combo_page.offer is not None
        story_page = ProductStoryPage.objects.get()
        assert story_page.live and sorted(t.name for t in story_page.tags.all()) == ["Phan Thiết", "nước mắm"]

    def test_the_admin_refuses_to_publish_a_combo_with_a_duplicate_item_naming_it(self):
        self.assertCanCreate(self.home, ComboIndexPage, {"title": "Combo", "slug": "combo-qua-tang"})
        index = ComboIndexPage.objects.get()
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=("cms", "giftcombopage", index.pk)),
            nested_form_data({
                "title": "Combo trùng", "slug": "combo-trung", "occasion": "tet", "intro": "",
                "combo_price": "", "discount_percent": "10", "body": streamfield([]),
                "items": inline_formset([{"product": self.product.pk, "quantity": 1},
                                         {"product": self.product.pk, "quantity": 1}], min=2, max=10),
                "action-publish": "action-publish",
            }),
        )
        assert response.status_code == 200
        assert "“Nước mắm nhĩ Phan Thiết” có mặt hai lần trong combo." in response.content.decode()
        assert not GiftComboPage.objects.exists()

    def test_page_types_sit_only_under_their_parents(self):
        self.assertAllowedParentPageTypes(ProductStoryPage, {StoryIndexPage})
        self.assertAllowedParentPageTypes(GiftComboPage, {ComboIndexPage})
        self.assertAllowedParentPageTypes(ProvincePage, {ProvinceIndexPage})
        self.assertAllowedSubpageTypes(HomePage, {ProvinceIndexPage, StoryIndexPage, ComboIndexPage})


@pytest.fixture
def tree(reference_data):
    return page_tree()


@pytest.mark.django_db
def test_a_story_card_shows_live_price_and_follows_a_certificate_expiry(client, tree):
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết", price=Decimal("120000"))
    page = story(tree, product)
    html = client.get(page.url).content.decode()
    assert "120.000" in html and reverse("basket:add", kwargs={"pk": product.pk}) in html

    # The day the certificate lapses (cached cards are keyed by day, so they follow too).
    days_left = (Certificate.objects.get(product=product).expires_on - today_in_vietnam()).days
    with time_machine.travel(timezone.now() + datetime.timedelta(days=days_left + 1), tick=False):
        html = client.get(page.url).content.decode()
    assert reverse("basket:add", kwargs={"pk": product.pk}) not in html
    assert "Sản phẩm chưa có chứng nhận OCOP còn hiệu lực nên tạm ngừng bán." in html


@pytest.mark.django_db
def test_a_delisted_or_deleted_product_never_breaks_a_story(client, tree):
    delisted = sellable_product(title="Mực một nắng")
    deleted = sellable_product(title="Tỏi Phú Quý")
    page = story(tree, delisted, deleted)
    Product.objects.filter(pk=delisted.pk).update(is_public=False)
    deleted.stockrecords.all().delete()
    deleted.certificates.all().delete()
    deleted.delete()

    response = client.get(page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Sản phẩm này không còn bán." in html
    assert "Sản phẩm không được bày bán." in html
    assert reverse("basket:add", kwargs={"pk": delisted.pk}) not in html


@pytest.mark.django_db
def test_a_province_page_lists_its_sellable_products_stories_combos_and_former_provinces(client, tree):
    lam_dong = Province.objects.get(slug="lam-dong")
    binh_thuan_producer = ProducerFactory(former_province=Province.objects.get(slug="binh-thuan"))
    ours = sellable_product(title="Thanh long ruột đỏ", producer=binh_thuan_producer)
    other = sellable_product(title="Mực một nắng")
    elsewhere = sellable_product(title="Kẹo dừa", producer=ProducerFactory(province=Province.objects.get(slug="vinh-long")))
    story(tree, ours, title="Thanh long từ vườn")
    combo(tree, (ours, 1), (other, 1), title="Quà Tết Lâm Đồng")
    page = province_page(tree, lam_dong, intro="Lâm Đồng gồm cả Bình Thuận và Đắk Nông.")

    html = client.get(page.url).content.decode()

    assert "Thanh long ruột đỏ" in html and "Mực một nắng" in html and "Kẹo dừa" not in html
    assert "Thanh long từ vườn" in html and "Quà Tết Lâm Đồng" in html
    assert "Bình Thuận" in html and "Đắk Nông" in html
    assert f"{reverse('ocop_search')}?province=lam-dong" in html
    assert elsewhere.title not in html


@pytest.mark.django_db
def test_storefront_province_links_lead_to_the_province_page(client, tree):
    product = sellable_product(title="Nước mắm nhĩ", producer=ProducerFactory(
        former_province=Province.objects.get(slug="binh-thuan")))
    page = province_page(tree, Province.objects.get(slug="lam-dong"))

    html = client.get(product.get_absolute_url()).content.decode()

    assert f'href="{page.url}"' in html
    assert reverse("catalogue:province", kwargs={"province_slug": "lam-dong"}) not in html


@pytest.mark.django_db
def test_the_product_page_links_to_every_live_story_featuring_it(client, tree):
    product = sellable_product(title="Nước mắm nhĩ")
    first = story(tree, product, slug="mot", title="Giọt mắm nhĩ")
    second = story(tree, product, slug="hai", title="Làng chài Mũi Né")
    draft = story(tree, product, slug="ba", title="Bản nháp chưa đăng")
    draft.unpublish()

    html = client.get(product.get_absolute_url()).content.decode()

    assert f'href="{first.url}"' in html and f'href="{second.url}"' in html
    assert "Bản nháp chưa đăng" not in html


@pytest.mark.django_db
def test_the_indexes_filter_by_province_and_occasion(client, tree):
    lam_dong_product = sellable_product(title="Nước mắm nhĩ")
    vinh_long_product = sellable_product(title="Kẹo dừa", producer=ProducerFactory(
        province=Province.objects.get(slug="vinh-long")))
    story(tree, lam_dong_product, slug="a", title="Chuyện Lâm Đồng")
    story(tree, vinh_long_product, slug="b", title="Chuyện Vĩnh Long")
    combo(tree, (lam_dong_product, 1), (vinh_long_product, 1), slug="c", title="Combo Tết", occasion="tet")
    combo(tree, (lam_dong_product, 2), (vinh_long_product, 1), slug="d", title="Combo doanh nghiệp",
          occasion="corporate")

    stories = client.get(tree.stories.url, {"tinh": "vinh-long"}).content.decode()
    combos = client.get(tree.combos.url, {"dip": "corporate"}).content.decode()

    assert "Chuyện Vĩnh Long" in stories and "Chuyện Lâm Đồng" not in stories
    assert "Combo doanh nghiệp" in combos and "Combo Tết" not in combos
    assert client.get(tree.combos.url, {"page": "99", "dip": "x"}).status_code == 200


def _queries(client, url) -> int:
    client.get(url)  # thumbnails and renditions made once
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_home_province_story_and_combo_pages_take_a_constant_number_of_queries(client, tree):
    lam_dong = Province.objects.get(slug="lam-dong")
    products = [sellable_product(title=f"Nước mắm {i}", stars=5, score=95) for i in range(2)]
    story_page = story(tree, *products, slug="s")
    combo_page = combo(tree, *[(p, 1) for p in products], slug="c")
    province = province_page(tree, lam_dong)
    pages = {"home": tree.home.url, "province": province.url, "story": story_page.url,
             "combo": combo_page.url, "stories": tree.stories.url, "combos": tree.combos.url}
    small = {name: _queries(client, url) for name, url in pages.items()}

    more = [sellable_product(title=f"Mực {i}", stars=5, score=95) for i in range(6)]
    story(tree, *more, slug="s2")
    combo(tree, *[(p, 1) for p in more], slug="c2")
    for i in range(3):
        story(tree, more[i], slug=f"s-more-{i}")
    story_page.body = [("product_card", {"product": p, "note": ""}) for p in products + more]
    story_page.save_revision().publish()
    combo_page.items.all().delete()
    from cms.models import GiftComboItem

    for p in products + more:
        GiftComboItem.objects.create(page=combo_page, product=p, quantity=1)
    large = {name: _queries(client, url) for name, url in pages.items()}

    assert large == small


@pytest.mark.django_db
def test_the_home_page_shows_five_star_products_stories_combos_and_province_pages(client, tree):
    five = sellable_product(title="Nước mắm nhĩ 5 sao", stars=5, score=95)
    four = sellable_product(title="Mực một nắng 4 sao")
    story(tree, five, title="Giọt mắm nhĩ")
    combo(tree, (five, 1), (four, 1), title="Quà Tết vị biển")
    page = province_page(tree, Province.objects.get(slug="lam-dong"))

    response = client.get(tree.home.url)

    five_star_ids = [p.pk for p in response.context["five_star_products"]]
    html = response.content.decode()
    assert five_star_ids == [five.pk]
    assert "Giọt mắm nhĩ" in html and "Quà Tết vị biển" in html and f'href="{page.url}"' in html
