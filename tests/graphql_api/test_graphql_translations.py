"""Saleor's ``translation(languageCode:)`` on products, variants, categories and the
featured collection: English where we have it, null otherwise, at no extra query."""

import base64
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from tests.factories import sellable_product
from tests.graphql_support import gql, operation_source

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")

PRODUCT = """query($slug: String!, $lang: LanguageCodeEnum!) {
  product(slug: $slug, channel: "default-channel") {
    name
    translation(languageCode: $lang) { id language { code language } name description seoTitle seoDescription }
    variants { name translation(languageCode: $lang) { id name } }
    category { name translation(languageCode: $lang) { id name seoTitle description } }
  } }"""


@pytest.fixture
def fish_sauce(reference_data):
    product = sellable_product(
        title="Nước mắm nhĩ Phan Thiết", title_en="Phan Thiết first-press fish sauce",
        description="Giọt mắm đầu tiên.", description_en="The first drops.\n\nAmber & sweet.")
    product.categories.add(Category.objects.get(slug="nuoc-mam-va-gia-vi"))
    return product


def _product(client, product, lang):
    response, body = gql(client, PRODUCT, {"slug": product.slug, "lang": lang})
    assert response.status_code == 200 and "errors" not in body, body
    return body["data"]["product"]


@pytest.mark.parametrize("lang", ["EN", "EN_US", "EN_GB"])
def test_any_english_gets_the_english_fields(client, fish_sauce, lang):
    data = _product(client, fish_sauce, lang)

    translation = data["translation"]
    assert data["name"] == "Nước mắm nhĩ Phan Thiết"  # the base fields stay Vietnamese
    assert base64.b64decode(translation["id"]).decode() == f"ProductTranslation:{fish_sauce.pk}"
    assert translation["language"]["code"] == lang
    assert translation["language"]["language"].startswith("English")
    assert (translation["name"], translation["seoTitle"], translation["seoDescription"]) == (
        "Phan Thiết first-press fish sauce", "Phan Thiết first-press fish sauce", None)
    assert [b["data"]["text"] for b in json.loads(translation["description"])["blocks"]] == [
        "The first drops.", "Amber &amp; sweet."]
    assert data["variants"][0]["translation"]["name"] == "Phan Thiết first-press fish sauce"
    assert base64.b64decode(data["variants"][0]["translation"]["id"]).decode() == (
        f"ProductVariantTranslation:{fish_sauce.pk}")
    assert data["category"]["name"] == "Nước mắm và gia vị"
    assert data["category"]["translation"]["name"] == "Fish sauce and spices"
    assert data["category"]["translation"]["description"] is None


@pytest.mark.parametrize("lang", ["VI", "FR", "DE_AT"])
def test_vietnamese_and_other_languages_have_no_translation(client, fish_sauce, lang):
    data = _product(client, fish_sauce, lang)

    assert data["translation"] is None
    assert data["variants"][0]["translation"] is None
    assert data["category"]["translation"] is None


def test_a_product_without_english_has_no_translation(client, reference_data):
    product = sellable_product(title="Bánh tráng dừa Mỹ Lồng")
    product.categories.add(Category.add_root(name="Quà tặng", slug="qua-tang"))

    data = _product(client, product, "EN")

    assert data["translation"] is None
    assert data["variants"][0]["translation"] is None
    assert data["category"]["translation"] is None


def test_an_english_description_alone_is_a_translation_with_a_null_name(client, reference_data):
    product = sellable_product(title="Bánh tráng dừa", description_en="Coconut rice crackers.")

    data = _product(client, product, "EN")

    assert data["translation"]["name"] is None
    assert json.loads(data["translation"]["description"])["blocks"][0]["data"]["text"] == "Coconut rice crackers."
    assert data["variants"][0]["translation"] is None  # Saleor's variant translation needs a name


def test_a_bad_language_code_is_a_graphql_error(client, fish_sauce):
    response, body = gql(client, PRODUCT, {"slug": fish_sauce.slug, "lang": "english"})

    assert response.status_code == 400 or "errors" in body
    assert "LanguageCodeEnum" in json.dumps(body["errors"])


def test_category_and_featured_collection_translations(client, fish_sauce):
    _, body = gql(client, """query($lang: LanguageCodeEnum!) {
      category(slug: "thuc-pham") { name translation(languageCode: $lang) { name seoTitle } }
      collection(slug: "featured-products", channel: "default-channel") {
        name translation(languageCode: $lang) { name seoTitle seoDescription description } } }""",
        {"lang": "EN"})

    assert body["data"]["category"] == {"name": "Thực phẩm",
                                        "translation": {"name": "Food", "seoTitle": "Food"}}
    assert body["data"]["collection"] == {"name": "Sản phẩm nổi bật", "translation": {
        "name": "Featured products", "seoTitle": "Featured OCOP products",
        "seoDescription": "The newest OCOP products on sale", "description": None}}


LISTING = """query($first: Int%s) {
  products(first: $first, channel: "default-channel") { edges { node {
    id name %s category { id name %s }
    variants { id name %s } } } } }"""
WITH = ("translation(languageCode: $lang) { id name description seoTitle }",
        "translation(languageCode: $lang) { name }", "translation(languageCode: $lang) { name }")


def test_translations_cost_no_query_on_a_page_of_twelve(client, reference_data):
    tea = Category.objects.get(slug="tra")
    for i in range(12):
        product = sellable_product(title=f"Trà số {i}", title_en=f"Tea no. {i}", price=Decimal(50_000 + i))
        product.categories.add(tea)
    without, with_translation = LISTING % ("", "", "", ""), LISTING % (", $lang: LanguageCodeEnum!", *WITH)
    gql(client, with_translation, {"first": 12, "lang": "EN"})  # warm caches

    with CaptureQueriesContext(connection) as plain:
        _, plain_body = gql(client, without, {"first": 12})
    with CaptureQueriesContext(connection) as translated:
        _, body = gql(client, with_translation, {"first": 12, "lang": "EN"})

    nodes = [e["node"] for e in body["data"]["products"]["edges"]]
    assert "errors" not in body and "errors" not in plain_body
    assert len(nodes) == 12
    assert {n["translation"]["name"] for n in nodes} == {f"Tea no. {i}" for i in range(12)}
    assert {n["category"]["translation"]["name"] for n in nodes} == {"Tea"}
    assert len(translated) == len(plain)


@pytest.mark.parametrize("lang,expected", [("EN", "Phan Thiết first-press fish sauce"), ("VI", None)])
def test_the_storefront_checkout_document_gets_the_english_names(client, fish_sauce, lang, expected):
    """The checkout app's own ``checkout`` query selects translation on variant and product."""
    _, body = gql(client, operation_source("src-graphql"), {"channel": "default-channel"},
                  operation_name="CheckoutCreate")
    checkout_id = body["data"]["checkoutCreate"]["checkout"]["id"]
    variant_id = base64.b64encode(f"ProductVariant:{fish_sauce.pk}".encode()).decode()
    gql(client, operation_source("src-graphql"), {"id": checkout_id, "productVariantId": variant_id},
        operation_name="CheckoutAddLine")

    _, body = gql(client, operation_source("src-checkout-graphql"), {"id": checkout_id, "languageCode": lang},
                  operation_name="checkout")

    assert "errors" not in body, body
    variant = body["data"]["checkout"]["lines"][0]["variant"]
    assert variant["name"] == "Nước mắm nhĩ Phan Thiết"
    assert (variant["translation"] or {}).get("name") == expected
    assert (variant["product"]["translation"] or {}).get("name") == expected
