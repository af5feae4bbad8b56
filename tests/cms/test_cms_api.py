"""Headless read API (/api/cms/v2/), sitemap and the search page's stories section."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.models import Province
from catalogue.rules import today_in_vietnam
from tests.cms_support import combo, page_tree, province_page, story
from tests.factories import sellable_product

Certificate = get_model("catalogue", "Certificate")

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(reference_data):
    return page_tree()


@pytest.fixture
def content(tree):
    fish = sellable_product(title="Nước mắm nhĩ Phan Thiết")
    squid = sellable_product(title="Mực một nắng")
    return {
        "story": story(tree, fish, title="Giọt mắm nhĩ làng chài", intro="Cá cơm tươi trong ngày"),
        "combo": combo(tree, (fish, 2), (squid, 1), title="Quà Tết vị biển"),
        "province": province_page(tree, Province.objects.get(slug="lam-dong"), intro="Gồm cả Bình Thuận."),
        "fish": fish, "squid": squid,
    }


@pytest.mark.parametrize("page_type", [
    "cms.HomePage", "cms.ProvinceIndexPage", "cms.ProvincePage", "cms.StoryIndexPage", "cms.ProductStoryPage",
    "cms.ComboIndexPage", "cms.GiftComboPage",
])
def test_the_api_lists_each_page_type(client, content, page_type):
    response = client.get("/api/cms/v2/pages/", {"type": page_type, "fields": "*"})

    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 1


def test_product_cards_in_the_api_carry_the_product_id_and_live_sellable_state(client, content):
    url = f"/api/cms/v2/pages/{content['story'].pk}/"
    cards = [b for b in client.get(url).json()["body"] if b["type"] == "product_card"]
    assert cards[0]["value"]["product_id"] == content["fish"].pk and cards[0]["value"]["sellable"] is True

    Certificate.objects.filter(product=content["fish"]).update(expires_on=today_in_vietnam() - datetime.timedelta(days=1))

    card = [b for b in client.get(url).json()["body"] if b["type"] == "product_card"][0]["value"]
    assert card["sellable"] is False and "chứng nhận" in card["reason"]


def test_a_combo_in_the_api_lists_its_items_prices_and_former_provinces_for_province_pages(client, content):
    gift = client.get(f"/api/cms/v2/pages/{content['combo'].pk}/").json()
    province = client.get(f"/api/cms/v2/pages/{content['province'].pk}/").json()

    assert [(i["product_id"], i["quantity"], i["sellable"]) for i in gift["combo_items"]] == [
        (content["fish"].pk, 2, True), (content["squid"].pk, 1, True)]
    assert gift["occasion"] == "tet" and gift["discount_percent"] == 10
    assert province["province_slug"] == "lam-dong"
    assert "Bình Thuận" in province["former_province_names"]


def test_the_api_serves_images_and_documents(client, tree):
    assert client.get("/api/cms/v2/images/").status_code == 200
    assert client.get("/api/cms/v2/documents/").status_code == 200


def test_drafts_stay_out_of_the_api(client, content):
    content["story"].unpublish()

    response = client.get("/api/cms/v2/pages/", {"type": "cms.ProductStoryPage"})

    assert response.json()["meta"]["total_count"] == 0


def test_the_sitemap_lists_live_pages_and_sellable_products_only(client, content):
    unsold = sellable_product(title="Tỏi Phú Quý")
    Certificate.objects.filter(product=unsold).update(status=Certificate.Status.REVOKED, revoked_reason="Vi phạm")
    content["combo"].unpublish()

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = {el.text for el in ET.fromstring(response.content).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert any(loc.endswith(content["story"].url) for loc in locations)
    assert any(loc.endswith(content["province"].url) for loc in locations)
    assert not any(loc.endswith(content["combo"].url) for loc in locations)
    assert any(loc.endswith(content["fish"].get_absolute_url()) for loc in locations)
    assert not any(loc.endswith(unsold.get_absolute_url()) for loc in locations)


def test_the_search_page_shows_stories_and_combos_wagtail_finds(client, content):
    html = client.get(reverse("ocop_search"), {"q": "làng chài"}).content.decode()
    assert "Giọt mắm nhĩ làng chài" in html

    html = client.get(reverse("ocop_search"), {"q": "Quà Tết"}).content.decode()
    assert "Quà Tết vị biển" in html

    content["story"].unpublish()
    html = client.get(reverse("ocop_search"), {"q": "làng chài"}).content.decode()
    assert "Giọt mắm nhĩ làng chài" not in html
