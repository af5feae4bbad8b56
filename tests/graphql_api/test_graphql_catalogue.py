"""The storefront's catalogue documents executed over HTTP against seeded data."""

import base64
import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from catalogue.selectors import listing
from tests.factories import sellable_product
from tests.graphql_support import gql, operation_source
from tests.search_engines import osmem_url, search_engine  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
SearchDocument = get_model("catalogue", "SearchDocument")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")

CHANNEL = "default-channel"


@pytest.fixture
def shop(reference_data):
    """Five sellable products in two categories (prices 50k..250k), two unsellable ones."""
    tea = Category.objects.get(slug="tra")
    honey = Category.objects.get(slug="mat-ong")
    products = []
    for i, (title, price, category) in enumerate([
        ("Trà atiso Đà Lạt", 95_000, tea), ("Mật ong hoa cà phê", 180_000, honey),
        ("Trà shan tuyết", 250_000, tea), ("Mật ong rừng U Minh", 50_000, honey),
        ("Trà sen Tây Hồ", 120_000, tea),
    ]):
        product = sellable_product(title=title, price=Decimal(price), stars=3 + i % 3,
                                   score=(60, 80, 95)[i % 3], description="Đặc sản.\n\nThơm ngon.")
        product.categories.add(category)
        products.append(product)
    expired = sellable_product(title="Trà hết hạn chứng nhận")
    expired.certificates.update(issued_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2023, 1, 1))
    revoked = sellable_product(title="Trà bị thu hồi")
    revoked.certificates.update(status=Certificate.Status.REVOKED, revoked_reason="Vi phạm")
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
    return {"products": products, "expired": expired, "revoked": revoked, "tea": tea}


def _doc(name: str) -> str:
    return operation_source("src-graphql")


def _run(client, operation, variables):
    response, body = gql(client, _doc(operation), variables, operation_name=operation)
    assert response.status_code == 200, body
    assert "errors" not in body, body
    return body["data"]


def _decode(global_id: str) -> str:
    return base64.b64decode(global_id).decode()


def test_paginated_listing_pages_forward_and_back_through_exactly_the_web_listing(client, shop):
    web = [p.pk for p in listing(day=today_in_vietnam())]
    seen, after = [], None
    while True:
        data = _run(client, "ProductListPaginated", {"first": 2, "after": after, "channel": CHANNEL})
        products = data["products"]
        assert products["totalCount"] == len(web) == 5
        seen += [int(_decode(e["node"]["id"]).split(":")[1]) for e in products["edges"]]
        if not products["pageInfo"]["hasNextPage"]:
            break
        after = products["pageInfo"]["endCursor"]
    assert seen == web  # newest first, like the web listing
    back = _run(client, "ProductListPaginated", {"last": 2, "before": after, "channel": CHANNEL})["products"]
    assert [int(_decode(e["node"]["id"]).split(":")[1]) for e in back["edges"]] == web[1:3]  # before offset 3
    assert back["pageInfo"]["hasPreviousPage"] is True


def test_listing_nodes_have_every_field_the_card_needs(client, shop):
    edges = _run(client, "ProductList", {"first": 12, "channel": CHANNEL})["products"]["edges"]
    node = next(e["node"] for e in edges if e["node"]["name"] == "Trà atiso Đà Lạt")
    assert _decode(node["id"]).startswith("Product:")
    assert node["slug"]
    assert node["category"] == {"id": base64.b64encode(f"Category:{shop['tea'].pk}".encode()).decode(),
                                "name": shop["tea"].name}
    start = node["pricing"]["priceRange"]["start"]["gross"]
    assert start == {"amount": 95000.0, "currency": "VND"}
    assert node["pricing"]["priceRange"]["stop"]["gross"] == start


def test_unsellable_products_are_never_listed_nor_found(client, shop):
    names = {e["node"]["name"] for e in _run(client, "ProductList", {"first": 50, "channel": CHANNEL})
             ["products"]["edges"]}
    assert "Trà hết hạn chứng nhận" not in names and "Trà bị thu hồi" not in names
    for product in (shop["expired"], shop["revoked"]):
        data = _run(client, "ProductDetails", {"slug": product.slug, "channel": CHANNEL})
        assert data["product"] is None


def test_product_details_price_stock_description_and_id_round_trip(client, shop):
    product = shop["products"][1]
    data = _run(client, "ProductDetails", {"slug": product.slug, "channel": CHANNEL})["product"]
    assert data["name"] == "Mật ong hoa cà phê"
    assert json.loads(data["description"])["blocks"][1]["data"]["text"] == "Thơm ngon."
    assert data["variants"] == [{
        "id": base64.b64encode(f"ProductVariant:{product.pk}".encode()).decode(),
        "name": "Mật ong hoa cà phê", "quantityAvailable": 20,
        "pricing": {"price": {"gross": {"currency": "VND", "amount": 180000.0}}},
    }]
    _, by_id = gql(client, "query($id: ID!){ product(id: $id, channel: \"default-channel\") { slug } }",
                   {"id": data["id"]})
    assert by_id == {"data": {"product": {"slug": product.slug}}}


def test_money_has_zero_fraction_digits_for_vnd(client, shop):
    _, body = gql(client, """{ products(first: 1, channel: "default-channel") { edges { node {
        pricing { priceRange { start { gross { amount currency fractionDigits fractionalAmount } } } } } } } }""")
    money = body["data"]["products"]["edges"][0]["node"]["pricing"]["priceRange"]["start"]["gross"]
    assert money["fractionDigits"] == 0
    assert money["fractionalAmount"] == int(money["amount"])


def test_pricing_is_null_without_a_channel(client, shop):
    _, body = gql(client, "{ products(first: 1) { edges { node { name pricing { onSale } } } } }")
    assert body["data"]["products"]["edges"][0]["node"]["pricing"] is None


def test_unknown_channel_is_an_error(client, shop):
    _, body = gql(client, '{ products(first: 1, channel: "nope") { totalCount } }')
    assert body["errors"][0]["message"] == "Channel with 'nope' slug does not exist."


def test_search_without_diacritics_sorted_by_rating(client, shop):
    data = _run(client, "SearchProducts", {"search": "tra", "sortBy": "RATING", "sortDirection": "DESC",
                                           "first": 12, "channel": CHANNEL})
    assert data["products"]["totalCount"] == 3
    assert {e["node"]["name"] for e in data["products"]["edges"]} == {
        "Trà atiso Đà Lạt", "Trà shan tuyết", "Trà sen Tây Hồ"}


@pytest.mark.parametrize("direction,expected", [("ASC", [50_000, 95_000, 120_000, 180_000, 250_000]),
                                                ("DESC", [250_000, 180_000, 120_000, 95_000, 50_000])],
                         ids=["cheapest-first", "dearest-first"])
def test_sort_by_minimal_price(client, shop, direction, expected):
    data = _run(client, "ProductListPaginated", {"first": 12, "channel": CHANNEL,
                                                 "sortBy": {"field": "MINIMAL_PRICE", "direction": direction}})
    amounts = [e["node"]["pricing"]["priceRange"]["start"]["gross"]["amount"] for e in data["products"]["edges"]]
    assert amounts == expected


BY_PRICE = """query($first: Int, $after: String) { products(first: $first, after: $after,
  channel: "default-channel", sortBy: {field: MINIMAL_PRICE, direction: ASC}) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }"""


def _by_price(client, first=12, after=None) -> dict:
    _, body = gql(client, BY_PRICE, {"first": first, "after": after})
    assert "errors" not in body, body
    return body["data"]["products"]


def _names(page: dict) -> list[str]:
    return [e["node"]["name"] for e in page["edges"]]


def test_price_order_pages_through_exactly_the_web_listings_price_order(client, shop):
    from search import service
    from search.query import SearchQuery

    web = service.search(SearchQuery(sort="price", page_size=100, day=today_in_vietnam()))
    seen, after = [], None
    while True:
        page = _by_price(client, first=2, after=after)
        assert page["totalCount"] == 5
        seen += _names(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [hit.title for hit in web.hits] == [
        "Mật ong rừng U Minh", "Trà atiso Đà Lạt", "Trà sen Tây Hồ", "Mật ong hoa cà phê", "Trà shan tuyết"]


def test_price_order_follows_a_price_change_once_it_commits_like_the_web_listing(
    client, shop, django_capture_on_commit_callbacks
):
    """The order reads the search documents, rewritten after the commit (at once here; by
    the worker in production); the prices shown come from the Strategy."""
    cheapest = shop["products"][3]  # Mật ong rừng U Minh, 50,000 đ
    with django_capture_on_commit_callbacks(execute=True):
        stockrecord = cheapest.stockrecords.get()
        stockrecord.price = Decimal(300_000)
        stockrecord.save()

    page = _by_price(client)

    assert _names(page)[-1] == "Mật ong rừng U Minh"
    amounts = [e["node"]["pricing"]["priceRange"]["start"]["gross"]["amount"]
               for e in _run(client, "ProductListPaginated", {"first": 12, "channel": CHANNEL, "sortBy": {
                   "field": "MINIMAL_PRICE", "direction": "ASC"}})["products"]["edges"]]
    assert amounts == [95_000, 120_000, 180_000, 250_000, 300_000]


def test_price_order_drops_sold_out_and_expired_products_once_the_change_commits(
    client, shop, django_capture_on_commit_callbacks
):
    sold_out, expired = shop["products"][3], shop["products"][0]
    with django_capture_on_commit_callbacks(execute=True):
        stockrecord = sold_out.stockrecords.get()
        stockrecord.num_allocated = stockrecord.num_in_stock
        stockrecord.save()
        certificate = expired.certificates.get()
        certificate.expires_on = today_in_vietnam() - datetime.timedelta(days=1)
        certificate.save()

    page = _by_price(client)

    assert _names(page) == ["Trà sen Tây Hồ", "Mật ong hoa cà phê", "Trà shan tuyết"]
    assert page["totalCount"] == 3


def test_price_order_never_lists_a_product_the_rule_refuses_even_before_reindexing(client, shop):
    """Between a change and its reindex the document is stale; the rule is still applied
    live, so a product that stopped selling is never listed."""
    sold_out = shop["products"][3]
    sold_out.stockrecords.update(num_allocated=F("num_in_stock"))  # no signal, no reindex

    assert "Mật ong rừng U Minh" not in _names(_by_price(client))


def test_rating_order_is_rating_then_later_id_with_unrated_last(client, shop):
    from catalogue.models import Product

    products = shop["products"]
    Product.objects.filter(pk=products[1].pk).update(rating=4.5)
    Product.objects.filter(pk=products[4].pk).update(rating=3.0)
    Product.objects.filter(pk=products[2].pk).update(rating=4.5)
    data = _run(client, "SearchProducts", {"search": "", "sortBy": "RATING", "sortDirection": "DESC",
                                           "first": 12, "channel": CHANNEL})

    names = [e["node"]["name"] for e in data["products"]["edges"]]
    assert names == ["Trà shan tuyết", "Mật ong hoa cà phê", "Trà sen Tây Hồ",  # 4.5, 4.5 (later id first), 3.0
                     "Mật ong rừng U Minh", "Trà atiso Đà Lạt"]  # unrated, later id first


def test_where_category_and_price_range(client, shop):
    tea_id = base64.b64encode(f"Category:{shop['tea'].pk}".encode()).decode()
    _, body = gql(client, """query($w: ProductWhereInput) { products(first: 10, channel: "default-channel",
        where: $w) { totalCount edges { node { name } } } }""",
                  {"w": {"category": {"eq": tea_id}, "price": {"range": {"gte": 100000, "lte": 200000}}}})
    assert body == {"data": {"products": {"totalCount": 1, "edges": [{"node": {"name": "Trà sen Tây Hồ"}}]}}}


def test_unsupported_sort_and_filter_keys_are_clear_errors(client, shop):
    _, body = gql(client, '{ products(first: 1, sortBy: {field: RANK, direction: ASC}) { totalCount } }')
    assert body["errors"][0]["message"] == "Sorting by RANK is not supported."
    _, body = gql(client, '{ products(first: 1, filter: {attributes: []}) { totalCount } }')
    assert "attributes" in body["errors"][0]["message"]


def test_category_and_featured_collection_list_sellable_products(client, shop):
    data = _run(client, "ProductListByCategory", {"slug": "tra", "channel": CHANNEL})
    assert {e["node"]["name"] for e in data["category"]["products"]["edges"]} == {
        "Trà atiso Đà Lạt", "Trà shan tuyết", "Trà sen Tây Hồ"}
    data = _run(client, "ProductListByCollection", {"slug": "featured-products", "channel": CHANNEL})
    assert len(data["collection"]["products"]["edges"]) == 5


def test_navbar_menu_lists_the_root_categories_and_channels_list_vnd(client, shop):
    items = _run(client, "MenuGetBySlug", {"slug": "navbar", "channel": CHANNEL})["menu"]["items"]
    roots = list(Category.get_root_nodes().filter(is_public=True).order_by("path"))
    assert [i["category"]["slug"] for i in items] == [c.slug for c in roots]
    channels = _run(client, "ChannelsList", {})["channels"]
    assert channels == [{"id": base64.b64encode(b"Channel:1").decode(), "name": "Việt Nam",
                         "slug": "default-channel", "isActive": True, "currencyCode": "VND",
                         "countries": [{"country": "Việt Nam", "code": "VN"}]}]


def test_ocop_facts_as_attributes_and_metadata(client, shop):
    product = shop["products"][2]
    certificate = product.certificates.get()
    _, body = gql(client, """query($s: String!) { product(slug: $s, channel: "default-channel") {
        attributes { attribute { slug } values { name } } metadata { key value } } }""", {"s": product.slug})
    facts = {a["attribute"]["slug"]: a["values"][0]["name"] for a in body["data"]["product"]["attributes"]}
    assert facts["ocop-stars"] == "5"
    assert facts["ocop-certificate-number"] == certificate.number
    assert facts["ocop-certificate-expires-on"] == certificate.expires_on.isoformat()
    assert facts["province"] == product.producer.province.name
    assert {"key": "ocop.producer", "value": product.producer.name} in body["data"]["product"]["metadata"]


LISTING = """query($first: Int) { products(first: $first, channel: "default-channel") { totalCount edges {
  cursor node { id name slug isAvailable category { id name } thumbnail(size: 1000, format: WEBP) { url alt }
  attributes { attribute { name } values { name } } metadata { key value }
  pricing { priceRange { start { gross { amount currency } } stop { gross { amount } } } }
  media { url(size: 512) alt type }
  variants { id quantityAvailable pricing { price { gross { amount } } }
    attributes(variantSelection: ALL) { attribute { slug } values { name } } media { url } } } } } }"""


@pytest.mark.parametrize("sort", ["", "sortBy: {field: MINIMAL_PRICE, direction: DESC}",
                                  "sortBy: {field: RATING, direction: DESC}"], ids=["newest", "price", "rating"])
def test_a_listing_page_costs_a_fixed_number_of_queries(client, shop, sort):
    listing_query = LISTING.replace('channel: "default-channel")', f'channel: "default-channel", {sort})')
    gql(client, listing_query, {"first": 1})  # warm caches (content types, sites)
    with CaptureQueriesContext(connection) as one:
        gql(client, listing_query, {"first": 1})
    with CaptureQueriesContext(connection) as twelve:
        _, body = gql(client, listing_query, {"first": 12})
    assert "errors" not in body and len(body["data"]["products"]["edges"]) == 5
    assert len(_data_queries(twelve)) == len(_data_queries(one)) <= 8


def _data_queries(captured) -> list[str]:
    """Leaves out the anonymous time budget's own statements (its savepoint, SET LOCAL)."""
    return [q["sql"] for q in captured if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT",
                                                                   "SELECT set_config"))]


def test_media_and_variant_attributes(client, shop, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    product = shop["products"][0]
    for order in (1, 0):
        png = io.BytesIO()
        Image.new("RGB", (800, 600), (200, 120, 40)).save(png, "PNG")
        product.images.create(original=SimpleUploadedFile(f"anh-{order}.png", png.getvalue()),
                              caption=f"Ảnh {order}", display_order=order)
    weight = ProductAttribute.objects.create(product_class=product.product_class, name="Khối lượng (g)",
                                             code="khoi-luong", type=ProductAttribute.INTEGER)
    ProductAttributeValue.objects.create(product=product, attribute=weight, value_integer=500)
    query = """query($slug: String!) { product(slug: $slug, channel: "default-channel") {
      media { url(size: 300) alt type }
      variants { attributes(variantSelection: ALL) { attribute { name slug } values { name plainText } } } } }"""

    _, body = gql(client, query, {"slug": product.slug})

    found = body["data"]["product"]
    assert [(m["alt"], m["type"]) for m in found["media"]] == [("Ảnh 0", "IMAGE"), ("Ảnh 1", "IMAGE")]
    assert found["variants"][0]["attributes"] == [{"attribute": {"name": "Khối lượng (g)", "slug": "khoi-luong"},
                                                   "values": [{"name": "500", "plainText": "500"}]}]
    served = client.get(found["media"][0]["url"].removeprefix("http://testserver"))
    assert served.status_code == 200
    image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert max(image.size) == 256  # 300 snaps to Saleor's 256


def test_text_search_goes_through_the_configured_search_engine(client, shop, search_engine):
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
    if search_engine != "database":
        SearchDocument.objects.all().delete()  # the engine alone must answer
    query = """query($text: String!) { products(first: 20, channel: "default-channel", filter: {search: $text})
      { totalCount edges { node { name } } } }"""

    _, body = gql(client, query, {"text": "mat ong"})

    assert "errors" not in body, body
    names = sorted(edge["node"]["name"] for edge in body["data"]["products"]["edges"])
    assert names == ["Mật ong hoa cà phê", "Mật ong rừng U Minh"]
    assert body["data"]["products"]["totalCount"] == 2
