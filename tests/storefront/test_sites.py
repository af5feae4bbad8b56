"""Provincial storefronts (issue 11): a Wagtail site scoped to Lâm Đồng shows only Lâm Đồng's
products everywhere a shopper looks, in its own theme; the default site is unaffected; basket
and checkout are shared. Listings have the search page's sort and facets."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.models import Site

from catalogue.models import Province
from cms.models import StorefrontSettings
from storefront.sites import SiteMiddleware
from tests.checkout_support import add_to_basket, checkout_to_preview, place_order
from tests.cms_support import combo, page_tree, province_page, story
from tests.factories import ProducerFactory, reindex, sellable_product

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

SCOPED = "lamdong.localhost"


@pytest.fixture
def shop(reference_data):
    """The default site (testserver) and Lâm Đồng's site on the same pages; one product from
    Đà Lạt, one recorded with the former Bình Thuận, one from Hà Nội."""
    tree = page_tree()
    lam_dong, binh_thuan = Province.objects.get(slug="lam-dong"), Province.objects.get(slug="binh-thuan")
    ha_noi = Province.objects.get(slug="ha-noi")
    site = Site.objects.create(hostname=SCOPED, port=80, root_page=tree.home, site_name="OCOP Lâm Đồng")
    StorefrontSettings.objects.create(site=site, theme=django_settings.THEME, province=lam_dong)
    tea = reference_data["tra"]
    products = {
        "da_lat": sellable_product(title="Trà atiso Đà Lạt", stars=4, price=90000,
                                   producer=ProducerFactory(province=lam_dong)),
        "phan_thiet": sellable_product(title="Trà nhãn Phan Thiết", stars=3, score=60, price=250000,
                                       producer=ProducerFactory(province=lam_dong, former_province=binh_thuan)),
        "ha_noi": sellable_product(title="Trà sen Tây Hồ", stars=5, score=95, price=500000,
                                   producer=ProducerFactory(province=ha_noi)),
    }
    for product in products.values():
        product.categories.add(tea)
    province_page(tree, lam_dong)
    province_page(tree, ha_noi)
    reindex()
    return {"tree": tree, "site": site, "tea": tea, "lam_dong": lam_dong, "ha_noi": ha_noi, **products}


def _ids(response) -> set[int]:
    return {p.pk for p in response.context["products"]}


def _scoped(client, url, **params):
    return client.get(url, params, HTTP_HOST=SCOPED)


def test_listings_search_api_and_suggestions_are_scoped_to_the_province(client, shop):
    lam_dong = {shop["da_lat"].pk, shop["phan_thiet"].pk}
    everything = lam_dong | {shop["ha_noi"].pk}
    category_url = shop["tea"].get_absolute_url()

    assert _ids(_scoped(client, reverse("catalogue:index"))) == lam_dong
    assert _ids(_scoped(client, category_url)) == lam_dong
    assert _ids(_scoped(client, "/tim-kiem/", q="trà")) == lam_dong
    api = _scoped(client, "/api/search/", q="tra").json()
    assert {r["id"] for r in api["results"]} == lam_dong and api["count"] == 2
    assert [f["value"] for f in api["facets"]["province"]] == ["lam-dong"]
    suggestions = _scoped(client, "/api/search/suggest/", q="tra").json()["suggestions"]
    assert sorted(s["title"] for s in suggestions) == ["Trà atiso Đà Lạt", "Trà nhãn Phan Thiết"]

    # the default site is unaffected
    assert _ids(client.get(reverse("catalogue:index"))) == everything
    assert _ids(client.get(category_url)) == everything
    assert client.get("/api/search/", {"q": "tra"}).json()["count"] == 3


def test_counts_and_menus_are_cached_per_site(client, shop):
    client.get(reverse("catalogue:index"))  # the default site warms its caches first

    scoped = _scoped(client, reverse("catalogue:index"))

    assert scoped.context["result"].count == 2
    assert [p.slug for p in scoped.context["ocop_nav"]["provinces"]] == ["lam-dong"]
    assert len(client.get(reverse("catalogue:index")).context["ocop_nav"]["provinces"]) == 34


def test_another_provinces_pages_and_products_are_404_on_the_scoped_site(client, shop):
    ha_noi_url = reverse("catalogue:province", kwargs={"province_slug": "ha-noi"})

    assert _scoped(client, ha_noi_url).status_code == 404
    assert _scoped(client, shop["ha_noi"].get_absolute_url()).status_code == 404
    assert _scoped(client, "/tinh-thanh/ha-noi/").status_code == 404
    # its own province, by current or former name, and its products are there
    assert _ids(_scoped(client, reverse("catalogue:province", kwargs={"province_slug": "binh-thuan"}))) == {
        shop["phan_thiet"].pk}
    assert _scoped(client, "/tinh-thanh/lam-dong/").status_code == 200
    assert _scoped(client, shop["phan_thiet"].get_absolute_url()).status_code == 200
    # and the default site shows them all
    assert client.get(ha_noi_url).status_code == 200
    assert client.get(shop["ha_noi"].get_absolute_url()).status_code == 200


def test_home_page_product_sections_show_only_the_province(client, shop):
    scoped = _scoped(client, "/")
    default = client.get("/")

    assert scoped.status_code == default.status_code == 200
    assert {p.pk for p in scoped.context["featured_products"]} == {shop["da_lat"].pk, shop["phan_thiet"].pk}
    assert scoped.context["five_star_products"] == []
    assert [p.province.slug for p in scoped.context["featured_provinces"]] == ["lam-dong"]
    assert {p.pk for p in default.context["five_star_products"]} == {shop["ha_noi"].pk}


def test_graphql_products_are_scoped(client, shop):
    query = {"query": "{ products(first: 10, channel: \"default-channel\") { totalCount edges { node { name } } } }"}

    def names(**host):
        response = client.post("/graphql/", json.dumps(query), content_type="application/json", **host)
        data = response.json()["data"]["products"]
        return data["totalCount"], sorted(e["node"]["name"] for e in data["edges"])

    assert names(HTTP_HOST=SCOPED) == (2, ["Trà atiso Đà Lạt", "Trà nhãn Phan Thiết"])
    assert names() == (3, ["Trà atiso Đà Lạt", "Trà nhãn Phan Thiết", "Trà sen Tây Hồ"])


def test_checkout_works_on_the_scoped_host(client, shop):
    client.defaults["HTTP_HOST"] = SCOPED
    add_to_basket(client, shop["da_lat"])
    checkout_to_preview(client, method="cod")

    place_order(client)

    order = Order.objects.get()
    assert [line.product_id for line in order.lines.all()] == [shop["da_lat"].pk]


def test_an_unknown_host_is_served_the_default_site(client, shop, settings):
    settings.ALLOWED_HOSTS = ["*"]

    response = client.get(reverse("catalogue:index"), HTTP_HOST="khong-co.localhost")

    assert response.status_code == 200
    assert len(_ids(response)) == 3


def test_a_host_name_not_allowed_is_a_400(client, shop):
    assert client.get(reverse("catalogue:index"), HTTP_HOST="ke-gian.example").status_code == 400


def test_a_setting_naming_a_missing_theme_falls_back_with_a_warning(client, shop, caplog):
    StorefrontSettings.objects.filter(site=shop["site"]).update(theme="da-xoa")
    cache.clear()

    response = _scoped(client, reverse("catalogue:index"))

    assert response.status_code == 200
    assert response.context["ocop_site"].theme == django_settings.THEME
    assert "da-xoa" in caplog.text


def _theme(root: Path, name: str, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = root / name / "templates" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def test_each_site_renders_the_same_template_name_in_its_own_theme(shop, settings, tmp_path):
    """Two throw-away themes: 'mac-dinh' (the default) and 'tinh' (overrides one template
    only). The cached loader keeps both versions apart; a template 'tinh' lacks falls back."""
    _theme(tmp_path, "mac-dinh", {"thu.html": "mặc định", "chi-mac-dinh.html": "dùng chung"})
    _theme(tmp_path, "tinh", {"thu.html": "tỉnh"})
    settings.THEMES_DIR = tmp_path
    settings.THEME = "mac-dinh"
    StorefrontSettings.objects.filter(site=shop["site"]).update(theme="tinh")
    cache.clear()
    seen = {}

    def render(host):
        request = RequestFactory().get("/", HTTP_HOST=host)
        SiteMiddleware(lambda r: seen.setdefault(host, (
            render_to_string("thu.html"), render_to_string("chi-mac-dinh.html"))))(request)

    for host in ("testserver", SCOPED, "testserver", SCOPED):  # twice: from the cache
        seen.pop(host, None)
        render(host)
        assert seen[host] == ("tỉnh" if host == SCOPED else "mặc định", "dùng chung")
    assert render_to_string("thu.html") == "mặc định"  # outside a request: the default theme


def test_an_unknown_theme_stops_start_up_naming_the_themes():
    env = {**os.environ, "THEME": "nope", "DEBUG": "1"}

    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=django_settings.BASE_DIR,
                            env=env, capture_output=True, text=True, timeout=120)

    assert result.returncode != 0
    assert "THEME='nope' is not a theme" in result.stderr
    assert "Available themes: " in result.stderr and "ocop" in result.stderr


# ---------------------------------------------------------------------------- listings


def test_category_page_lists_exactly_what_search_lists_for_the_category(client, shop):
    for sort in ("", "price", "-price", "-stars", "newest"):
        listing = client.get(shop["tea"].get_absolute_url(), {"sort": sort} if sort else {})
        search = client.get("/tim-kiem/", {"category": shop["tea"].slug, **({"sort": sort} if sort else {})})
        assert [p.pk for p in listing.context["products"]] == [p.pk for p in search.context["products"]], sort


def test_category_page_sorts_and_filters_by_stars_and_province(client, shop):
    url = shop["tea"].get_absolute_url()

    by_price = client.get(url, {"sort": "price"})
    four_stars = client.get(url, {"stars": "4"})
    in_ha_noi = client.get(url, {"province": "ha-noi"})
    under_100k = client.get(url, {"price": "duoi-100k"})

    assert [p.title for p in by_price.context["products"]] == [
        "Trà atiso Đà Lạt", "Trà nhãn Phan Thiết", "Trà sen Tây Hồ"]
    assert _ids(four_stars) == {shop["da_lat"].pk}
    assert _ids(in_ha_noi) == {shop["ha_noi"].pk}
    assert _ids(under_100k) == {shop["da_lat"].pk}
    assert "Dưới 100.000 ₫" in under_100k.content.decode()  # the active filter's chip
    body = by_price.content.decode()
    assert '<details class="ocop-filters"' in body and "Lọc kết quả" in body
    assert [f["name"] for f in by_price.context["facets"]] == ["province", "stars", "price"]  # not its own
    assert by_price.context["summary"] == shop["tea"].name  # heading and breadcrumbs kept


def test_province_page_sorts_and_filters_and_keeps_its_province(client, shop):
    url = reverse("catalogue:province", kwargs={"province_slug": "lam-dong"})

    newest = client.get(url)
    dearest = client.get(url, {"sort": "-price"})
    three_stars = client.get(url, {"stars": "3"})
    other_province = client.get(url, {"province": "ha-noi"})  # the page's province wins

    assert _ids(newest) == {shop["da_lat"].pk, shop["phan_thiet"].pk}
    assert [p.pk for p in dearest.context["products"]] == [shop["phan_thiet"].pk, shop["da_lat"].pk]
    assert _ids(three_stars) == {shop["phan_thiet"].pk}
    assert _ids(other_province) == _ids(newest)
    assert [f["name"] for f in newest.context["facets"]] == ["stars", "category", "price"]
    assert [s["label"] for s in newest.context["sorts"] if s["selected"]] == ["Mới nhất"]


def test_a_listing_page_past_the_end_goes_back_to_the_first(client, shop):
    response = client.get(shop["tea"].get_absolute_url(), {"page": "9"})

    assert response.status_code == 302
    assert response["Location"] == shop["tea"].get_absolute_url()


def test_a_bad_listing_parameter_is_a_400_naming_it(client, shop):
    response = client.get(shop["tea"].get_absolute_url(), {"sort": "re-nhat"})

    assert response.status_code == 400
    assert "Tham số sort" in response.content.decode()


def test_a_provincial_site_shows_only_combos_made_of_its_provinces_products(client, shop):
    local = combo(shop["tree"], (shop["da_lat"], 1), (shop["phan_thiet"], 1), slug="qua-da-lat")
    mixed = combo(shop["tree"], (shop["da_lat"], 1), (shop["ha_noi"], 1), slug="qua-hai-mien")

    home, index = _scoped(client, "/"), _scoped(client, "/combo-qua-tang/")

    assert [c.pk for c in home.context["featured_combos"]] == [local.pk]
    assert [c.pk for c in index.context["combos"]] == [local.pk]
    assert {c.pk for c in client.get("/").context["featured_combos"]} == {local.pk, mixed.pk}


def test_a_provincial_sites_story_index_lists_only_its_provinces_stories(client, shop):
    local = story(shop["tree"], shop["da_lat"], slug="chuyen-da-lat")
    story(shop["tree"], shop["ha_noi"], slug="chuyen-tay-ho")

    response = _scoped(client, "/cau-chuyen/", tinh="ha-noi")  # asking for another province

    assert [s.pk for s in response.context["stories"]] == [local.pk]
    assert response.context["provinces"] == [shop["lam_dong"]]
    assert len(client.get("/cau-chuyen/").context["stories"]) == 2


def _offer_on_all_three(shop):
    """A public range holding the three products, and a site offer on it."""
    Range = get_model("offer", "Range")
    Condition = get_model("offer", "Condition")
    Benefit = get_model("offer", "Benefit")
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    tea_range = Range.objects.create(name="Trà ba miền", slug="tra-ba-mien", is_public=True)
    for key in ("da_lat", "phan_thiet", "ha_noi"):
        tea_range.add_product(shop[key])
    offer = ConditionalOffer.objects.create(
        name="Giảm 5% trà", slug="giam-5-tra", offer_type=ConditionalOffer.SITE,
        condition=Condition.objects.create(range=tea_range, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=tea_range, type=Benefit.PERCENTAGE, value=5))
    return tea_range, offer


def test_oscars_range_and_offer_pages_are_scoped_to_the_province(client, shop):
    tea_range, offer = _offer_on_all_three(shop)
    pages = (f"/catalogue/ranges/{tea_range.slug}/", f"/offers/{offer.slug}/")
    everyone = {shop[key].pk for key in ("da_lat", "phan_thiet", "ha_noi")}
    lam_dong_only = {shop["da_lat"].pk, shop["phan_thiet"].pk}
    for url in pages:
        assert _ids(client.get(url)) == everyone, url
        response = _scoped(client, url)
        assert response.status_code == 200
        assert _ids(response) == lam_dong_only, url
        assert "Trà sen Tây Hồ" not in response.content.decode()


def test_a_provincial_site_greets_in_its_own_words_on_the_shared_home_page(client, shop):
    shop["tree"].home.hero_title = "Đặc sản OCOP 34 tỉnh thành"
    shop["tree"].home.save_revision().publish()
    setting = StorefrontSettings.objects.get(site=shop["site"])
    setting.hero_title, setting.hero_text = "Đặc sản OCOP Lâm Đồng", "Trà atiso và lan hồ điệp Đà Lạt."
    setting.save()

    scoped, default = _scoped(client, "/").content.decode(), client.get("/").content.decode()
    assert "Đặc sản OCOP Lâm Đồng</h1>" in scoped and "Trà atiso và lan hồ điệp Đà Lạt." in scoped
    assert "Đặc sản OCOP 34 tỉnh thành" not in scoped
    assert "Đặc sản OCOP 34 tỉnh thành</h1>" in default and "Lâm Đồng</h1>" not in default

    setting.hero_title = "Chào mừng đến Lâm Đồng"  # the editor's change shows at once
    setting.save()
    assert "Chào mừng đến Lâm Đồng</h1>" in _scoped(client, "/").content.decode()
    setting.hero_title = ""  # cleared: the shared page's greeting again
    setting.save()
    assert "Đặc sản OCOP 34 tỉnh thành</h1>" in _scoped(client, "/").content.decode()


def test_the_english_greeting_falls_back_to_the_vietnamese_one_marked_as_such():
    from storefront.sites import SiteConfig

    vietnamese_only = SiteConfig(theme="ocop", province=None, hero_vi=("Lâm Đồng", "Chào"))
    assert vietnamese_only.hero("en") == ("Lâm Đồng", "Chào", "vi")
    both = SiteConfig(theme="ocop", province=None, hero_vi=("Lâm Đồng", "Chào"), hero_en=("Lam Dong", "Hello"))
    assert both.hero("en") == ("Lam Dong", "Hello", "en")
    assert both.hero("vi") == ("Lâm Đồng", "Chào", "vi")
    assert SiteConfig(theme="ocop", province=None).hero("vi") == ("", "", "")
