"""Vietnamese at plain URLs, English under /en/: pages, switcher, content, prices, collation."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from catalogue.models import Province
from checkout import statuses
from core.collation import sort_key, sorted_by_name
from tests.checkout_support import add_to_basket, checkout_to_preview, place_order
from tests.cms_support import page_tree, story
from tests.factories import sellable_product
from tests.i18n_support import english_catalogue, our_vietnamese_msgids


def english(name, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, **kwargs)


def vietnamese(name, **kwargs) -> str:
    with translation.override("vi"):  # a request in English leaves English active
        return reverse(name, **kwargs)


def text(response) -> str:
    return response.content.decode()


# How the language is chosen


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [
    pytest.param({}, id="nothing"),
    pytest.param({"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}, id="english-browser"),
    pytest.param({"HTTP_ACCEPT_LANGUAGE": "fr"}, id="french-browser"),
], )
@pytest.mark.parametrize("cookie", [None, "en", "xx"])
def test_plain_urls_are_vietnamese_whatever_the_browser_or_cookie_says(client, headers, cookie):
    sellable_product(title="Nước mắm nhĩ Phan Thiết", stars=4)
    if cookie:
        client.cookies["django_language"] = cookie

    response = client.get("/catalogue/", **headers)

    assert response.headers["Content-Language"] == "vi"
    assert "Tất cả sản phẩm OCOP" in text(response)


@pytest.mark.django_db
def test_en_urls_are_english(client):
    sellable_product(title="Nước mắm nhĩ Phan Thiết", stars=4)

    response = client.get("/en/catalogue/")

    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en"' in text(response)
    assert "All OCOP products" in text(response) and "Tất cả sản phẩm OCOP" not in text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/fr/catalogue/", "/xx/"])
def test_an_unknown_language_prefix_is_not_a_page(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_the_switcher_with_an_unknown_language_stays_in_vietnamese(client):
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/catalogue/"})

    assert response.status_code == 302 and response["Location"] == "/catalogue/"
    assert client.get("/catalogue/").headers["Content-Language"] == "vi"


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    "/healthz", "/api/search/?q=mam", "/api/search/suggest/?q=mam", "/sitemap.xml", "/api/cms/v2/pages/",
])
def test_machine_urls_are_unprefixed(client, path):
    assert client.get(path).status_code == 200
    assert client.get("/en" + path, follow=True).status_code == 404


@pytest.mark.django_db
def test_graphql_dashboard_and_cms_are_not_under_en(client):
    assert client.get("/en/graphql/").status_code == 404
    assert client.get("/en/dashboard/").status_code == 404
    assert client.get("/dashboard/").status_code == 302  # to the login
    assert reverse("graphql") == "/graphql/" and english("dashboard:index") == "/dashboard/"


@pytest.mark.django_db
def test_the_stripe_webhook_stays_at_its_plain_url(client):
    response = client.post("/checkout/stripe/webhook/", data="{}", content_type="application/json")

    assert response.status_code in (400, 503)  # refused for its signature or missing secret, not a 404


# The switcher keeps the page


def switch(client, language: str, page: str) -> str:
    response = client.post("/i18n/setlang/", {"language": language, "next": page})
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.django_db
def test_the_switcher_keeps_the_catalogue_product_and_basket_pages(client):
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết")
    pages = ["/catalogue/", product.get_absolute_url(), "/basket/", "/tim-kiem/?q=m%E1%BA%AFm"]

    for page in pages:
        in_english = switch(client, "en", page)
        assert in_english == "/en" + page
        assert client.get(in_english).status_code == 200
        assert switch(client, "vi", in_english) == page


@pytest.mark.django_db
def test_the_switcher_keeps_a_wagtail_page_and_its_english_translation_is_served(client):
    tree = page_tree()
    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    home = tree.home.copy_for_translation(english_locale)
    home.save_revision().publish()
    stories = tree.stories.copy_for_translation(english_locale)
    stories.title, stories.slug = "Product stories", "stories"  # an editor's English slug
    stories.save_revision().publish()

    in_english = switch(client, "en", "/cau-chuyen/")

    assert in_english == "/en/stories/"
    response = client.get(in_english)
    assert response.status_code == 200 and "Product stories" in text(response)
    assert switch(client, "vi", in_english) == "/cau-chuyen/"


@pytest.mark.django_db
def test_an_untranslated_english_copy_still_renders_its_vietnamese_text(client):
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết")
    tree = page_tree()
    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    tale = story(tree, product, slug="giot-mam", body=[("paragraph", "<p>Chuyện làm mắm.</p>")])
    for page in (tree.home, tree.stories, tale):
        page.specific.copy_for_translation(english_locale).save_revision().publish()

    response = client.get("/en/cau-chuyen/giot-mam/")

    assert response.status_code == 200 and "Chuyện làm mắm." in text(response)


# What English mode shows


@pytest.mark.django_db
def test_search_sort_options_and_facet_headings_are_english_under_en(client):
    sellable_product(title="Nước mắm nhĩ Phan Thiết", stars=4)
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)

    html = text(client.get("/en/tim-kiem/", {"q": "nuoc mam"}))

    assert "Best match" in html and "Phù hợp nhất" not in html
    assert "Province/city" in html and "OCOP star rating" in html and "Hạng sao OCOP" not in html


@pytest.mark.django_db
def test_basket_messages_are_english_under_en_and_natural_vietnamese_otherwise(client):
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết", price=261000)

    english_page = client.post(english("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True)
    vietnamese_page = client.post(vietnamese("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True)

    english_messages = [str(m) for m in english_page.context["messages"]]
    vietnamese_messages = [str(m) for m in vietnamese_page.context["messages"]]
    assert any("has been added to your basket" in m for m in english_messages), english_messages
    assert any("₫261,000" in m for m in english_messages), english_messages
    assert any("đã được thêm vào giỏ hàng" in m for m in vietnamese_messages), vietnamese_messages
    assert any("Tổng giỏ hàng hiện là" in m and "522.000\xa0₫" in m for m in vietnamese_messages), vietnamese_messages
    assert not any("Your basket total" in m for m in vietnamese_messages)


@pytest.mark.django_db
def test_the_order_status_page_is_english_under_en(client):
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết")
    add_to_basket(client, product)
    checkout_to_preview(client, method="cod")
    place_order(client)
    from oscar.core.loading import get_model

    order = get_model("order", "Order").objects.get()
    url = english("checkout:order-status", kwargs={"number": order.number, "token": order.verification_hash()})

    html = text(client.get(url))

    with translation.override("en"):
        assert statuses.label(order.status) in html
    with translation.override("vi"):
        assert statuses.label(order.status) not in html


@pytest.mark.django_db
def test_status_labels_are_translated():
    with translation.override("en"):
        labels = [statuses.label(code) for code in statuses.ALL]

    assert labels == ["Awaiting payment", "Paid", "Being delivered", "Completed", "Cancelled", "Refunded"]


# Translated product content and prices


@pytest.mark.django_db
def test_a_product_with_an_english_title_shows_it_under_en_only(client):
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết", title_en="Phan Thiết first-press fish sauce",
                               description="Giọt mắm đầu tiên.", description_en="The first drops.")

    vietnamese, english_html = text(client.get(product.get_absolute_url())), text(
        client.get("/en" + product.get_absolute_url()))

    assert "Nước mắm nhĩ Phan Thiết" in vietnamese and "first-press" not in vietnamese
    assert "Phan Thiết first-press fish sauce" in english_html
    with translation.override("en"):
        assert product.get_description() == "The first drops."
    with translation.override("vi"):
        assert product.get_description() == "Giọt mắm đầu tiên."


@pytest.mark.django_db
def test_a_product_without_an_english_title_falls_back_to_vietnamese(client):
    product = sellable_product(title="Bánh tráng dừa Mỹ Lồng", description="Bánh giòn.")

    html = text(client.get("/en" + product.get_absolute_url()))

    assert "Bánh tráng dừa Mỹ Lồng" in html
    with translation.override("en"):
        assert product.get_title() == "Bánh tráng dừa Mỹ Lồng"
        assert product.get_description() == "Bánh giòn."


@pytest.mark.django_db
def test_prices_are_formatted_per_language(client):
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết", price=261000)

    vietnamese = text(client.get(product.get_absolute_url()))
    english_html = text(client.get("/en" + product.get_absolute_url()))

    assert "261.000\xa0₫" in vietnamese or "261.000 ₫" in vietnamese
    assert "₫261,000" in english_html and "261.000" not in english_html


def test_demo_translations_fill_the_brand():
    from demo.translations import english_for

    assert english_for("Nước mắm cá cơm Hải Âu 40 độ đạm")[0] == "Hải Âu anchovy fish sauce, 40° protein"
    assert english_for("Một thứ không có trong danh sách") is None


# Vietnamese collation


def test_vietnamese_order_puts_tones_and_d_with_stroke_where_vietnamese_readers_expect():
    names = ["Huế", "Điện Biên", "Hà Nội", "Đắk Lắk", "Cà Mau", "Đà Nẵng", "Dak", "An Giang", "Hưng Yên"]

    assert sorted_by_name(names) == [
        "An Giang", "Cà Mau", "Dak", "Đà Nẵng", "Đắk Lắk", "Điện Biên", "Hà Nội", "Huế", "Hưng Yên"]
    assert sort_key("Đ") > sort_key("D") and sort_key("Đ") < sort_key("E")


def _option_labels(html: str, select_name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{select_name}".*?</select>', html, re.S).group(0)
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)][1:]


@pytest.mark.django_db
def test_the_checkout_province_select_is_in_vietnamese_order(client):
    add_to_basket(client, sellable_product(title="Nước mắm nhĩ Phan Thiết"))
    client.post(reverse("checkout:index"), {"username": "khach@example.com", "options": "anonymous"})

    labels = _option_labels(text(client.get(reverse("checkout:shipping-address"))), "province")

    assert len(labels) == 34
    assert labels.index("Thành phố Hà Nội") < labels.index("Thành phố Huế")
    assert labels.index("Cà Mau") < labels.index("Đắk Lắk") < labels.index("Điện Biên") < labels.index("Gia Lai")
    assert labels == sorted_by_name(labels)


@pytest.mark.django_db
def test_the_province_menu_and_ward_list_are_in_vietnamese_order(client):
    from catalogue.selectors import current_provinces

    names = [p.short_name for p in current_provinces()]
    wards = client.get(reverse("checkout:wards"), {"province": "ha-noi"}).json()["wards"]

    assert names.index("Hà Nội") < names.index("Huế") < names.index("Hưng Yên")
    assert names.index("Đồng Tháp") < names.index("Gia Lai")
    assert [w["name"] for w in wards] == sorted_by_name([w["name"] for w in wards])
    assert Province.objects.filter(merged_into__isnull=True).count() == len(names)


# Our catalogue


def test_every_string_of_ours_has_an_english_translation():
    missing = [m.id for m in english_catalogue() if m.id and (
        m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))]

    assert missing == []


def test_english_says_basket_never_cart():
    carts = [m.string for m in english_catalogue() if m.id and re.search(r"\bcart\b", str(m.string), re.I)]

    assert carts == []


def test_our_vietnamese_msgids_are_known():
    ours = our_vietnamese_msgids()

    assert "Phù hợp nhất" in ours and "Đang giao hàng" in ours
    assert "Order history" not in ours  # an Oscar msgid kept in English


@pytest.mark.django_db
def test_alternates_name_both_languages_and_skip_an_untranslated_page(rf):
    from storefront.languages import alternate_urls

    sellable_product(title="Nước mắm nhĩ Phan Thiết")
    tree = page_tree()
    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    tree.home.copy_for_translation(english_locale).save_revision().publish()

    catalogue = alternate_urls(rf.get("/en/catalogue/"))
    untranslated = alternate_urls(rf.get("/cau-chuyen/"))

    assert catalogue == [("vi", "http://testserver/catalogue/"), ("en", "http://testserver/en/catalogue/")]
    assert untranslated == [("vi", "http://testserver/cau-chuyen/")]


@pytest.mark.django_db
def test_content_language_is_vietnamese_for_an_untranslated_english_copy():
    from storefront.templatetags.language_tags import content_language

    tree = page_tree()
    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    home = tree.home.copy_for_translation(english_locale)
    home.title = "OCOP Vietnam"
    home.save_revision().publish()
    stories = tree.stories.copy_for_translation(english_locale)
    stories.save_revision().publish()

    assert [content_language(p) for p in (tree.home, home, stories)] == ["vi", "en", "vi"]
