"""Provincial storefronts as GraphQL channels: ``lam-dong`` lists and sells only Lâm Đồng's
products, through the storefront's own documents, as Saleor's storefront passes the channel
from its URL's first segment."""

import base64

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model
from wagtail.models import Site

from catalogue.models import Province
from cms.models import StorefrontSettings
from graphql_api.catalogue.channels import PROVINCIAL_PK_OFFSET, channel_by_id
from graphql_api.common.ids import to_global_id
from graphql_api.models import ApiCheckout
from tests.graphql_api.test_graphql_checkout import _co, _ready_to_complete
from tests.graphql_support import gql, operation_source
from tests.storefront.test_sites import SCOPED, shop  # noqa: F401  fixture

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

HA_NOI_HOST = "hanoi.localhost"


@pytest.fixture
def channels(shop):  # noqa: F811
    """``shop`` (Lâm Đồng's site, two Lâm Đồng products, one from Hà Nội) plus Hà Nội's site."""
    site = Site.objects.create(hostname=HA_NOI_HOST, port=80, root_page=shop["tree"].home, site_name="OCOP Hà Nội")
    StorefrontSettings.objects.create(site=site, province=Province.objects.get(slug="ha-noi"))
    return shop


def _run(client, operation, variables, **headers):
    response, body = gql(client, operation_source("src-graphql"), variables, operation_name=operation, **headers)
    assert response.status_code == 200, body
    assert "errors" not in body, body
    return body["data"]


def _names(connection_data) -> list[str]:
    return sorted(edge["node"]["name"] for edge in connection_data["edges"])


def _variant(product) -> str:
    return to_global_id("ProductVariant", product.pk)


LAM_DONG_NAMES = ["Trà atiso Đà Lạt", "Trà nhãn Phan Thiết"]
EVERY_NAME = [*LAM_DONG_NAMES, "Trà sen Tây Hồ"]


# ---- channels ---------------------------------------------------------------------------

def test_channels_list_the_whole_shop_first_then_each_provincial_storefront(client, channels):
    listed = _run(client, "ChannelsList", {})["channels"]
    assert [(c["slug"], c["name"]) for c in listed] == [
        ("default-channel", "Việt Nam"), ("ha-noi", "OCOP Hà Nội"), ("lam-dong", "OCOP Lâm Đồng")]
    assert all(c["currencyCode"] == "VND" and c["isActive"] for c in listed)
    assert all(c["countries"] == [{"country": "Việt Nam", "code": "VN"}] for c in listed)
    assert listed[2]["id"] == to_global_id("Channel", PROVINCIAL_PK_OFFSET + channels["lam_dong"].pk)
    assert len({c["id"] for c in listed}) == 3
    for channel in listed:  # each answers by slug and by id, the same channel
        query = "query($s: String, $i: ID){ bySlug: channel(slug: $s) { id slug name } byId: channel(id: $i) { slug } }"
        _, body = gql(client, query, {"s": channel["slug"], "i": channel["id"]})
        assert body["data"] == {"bySlug": {"id": channel["id"], "slug": channel["slug"], "name": channel["name"]},
                                "byId": {"slug": channel["slug"]}}


def test_an_unknown_channel_answers_as_saleor_does(client, channels):
    _, body = gql(client, "{ channel(slug: \"da-nang\") { slug } }")
    assert body == {"data": {"channel": None}}
    _, body = gql(client, "query($i: ID){ channel(id: $i) { slug } }", {"i": to_global_id("Channel", 999999)})
    assert body == {"data": {"channel": None}}
    _, body = gql(client, "{ products(first: 5, channel: \"da-nang\") { totalCount } }")
    assert body["data"] == {"products": None}
    assert body["errors"][0]["message"] == "Channel with 'da-nang' slug does not exist."


def test_nul_and_huge_channel_slugs_are_refused(client, channels):
    query = "query($c: String!){ products(first: 5, channel: $c) { totalCount } }"
    response, body = gql(client, query, {"c": "lam-dong\x00"})
    assert response.status_code == 400 and body["errors"][0]["message"] == "Null characters are not allowed."
    response, body = gql(client, query, {"c": "x" * 100_000})
    assert body["data"] == {"products": None}
    assert body["errors"][0]["message"] == f"Channel with '{'x' * 100}' slug does not exist."
    assert channel_by_id("not base64!") is None and channel_by_id(to_global_id("Product", 1)) is None


def test_a_changed_site_name_or_a_new_storefront_shows_at_once(client, channels):
    assert len(_run(client, "ChannelsList", {})["channels"]) == 3  # cached from here on
    channels["site"].site_name = "OCOP Lâm Đồng mới"
    channels["site"].save()
    site = Site.objects.create(hostname="dalat.localhost", port=80, root_page=channels["tree"].home,
                               site_name="OCOP Bình Thuận")
    StorefrontSettings.objects.create(site=site, province=Province.objects.get(slug="binh-thuan"))
    listed = _run(client, "ChannelsList", {})["channels"]
    assert [(c["slug"], c["name"]) for c in listed][1:] == [
        ("binh-thuan", "OCOP Bình Thuận"), ("ha-noi", "OCOP Hà Nội"), ("lam-dong", "OCOP Lâm Đồng mới")]


# ---- catalogue --------------------------------------------------------------------------

@pytest.mark.parametrize("channel, names", [
    ("default-channel", EVERY_NAME), ("lam-dong", LAM_DONG_NAMES), ("ha-noi", ["Trà sen Tây Hồ"])])
def test_product_list_search_category_and_collection_list_the_channels_province(client, channels, channel, names):
    listed = _run(client, "ProductListPaginated", {"first": 10, "channel": channel})["products"]
    assert (listed["totalCount"], _names(listed)) == (len(names), names)
    found = _run(client, "SearchProducts", {"search": "trà", "sortBy": "NAME", "sortDirection": "ASC", "first": 10,
                                            "channel": channel})["products"]
    assert (found["totalCount"], _names(found)) == (len(names), names)
    category = _run(client, "ProductListByCategory", {"slug": channels["tea"].slug, "channel": channel})["category"]
    assert _names(category["products"]) == names
    collection = _run(client, "ProductListByCollection", {"slug": "featured-products", "channel": channel})
    assert _names(collection["collection"]["products"]) == names


def test_on_a_provincial_host_a_channel_narrows_further(client, channels):
    """The narrower wins: a product must be in the host's province and in the channel's."""
    def names(channel):
        listed = _run(client, "ProductListPaginated", {"first": 10, "channel": channel}, HTTP_HOST=SCOPED)["products"]
        return listed["totalCount"], _names(listed)

    assert names("default-channel") == (2, LAM_DONG_NAMES)
    assert names("lam-dong") == (2, LAM_DONG_NAMES)
    assert names("ha-noi") == (0, [])


def test_another_provinces_product_is_null_in_a_provincial_channel(client, channels):
    ha_noi, da_lat = channels["ha_noi"], channels["da_lat"]
    assert _run(client, "ProductDetails", {"slug": ha_noi.slug, "channel": "lam-dong"})["product"] is None
    by_id = "query($id: ID!, $c: String){ product(id: $id, channel: $c) { name channel } }"
    _, body = gql(client, by_id, {"id": to_global_id("Product", ha_noi.pk), "c": "lam-dong"})
    assert body == {"data": {"product": None}}
    _, body = gql(client, by_id, {"id": to_global_id("Product", ha_noi.pk), "c": "default-channel"})
    assert body == {"data": {"product": {"name": "Trà sen Tây Hồ", "channel": "default-channel"}}}
    details = _run(client, "ProductDetails", {"slug": da_lat.slug, "channel": "lam-dong"})["product"]
    assert details["name"] == "Trà atiso Đà Lạt"
    assert details["variants"][0]["pricing"]["price"]["gross"] == {"amount": 90000.0, "currency": "VND"}


def test_a_provincial_channels_pages_take_the_same_queries_whatever_their_size(client, channels):
    def queries(first):
        with CaptureQueriesContext(connection) as captured:
            _run(client, "ProductListPaginated", {"first": first, "channel": "lam-dong"})
        return len(captured)

    queries(1)  # the channels and the count are cached from here on, as in production
    assert queries(1) == queries(2)
    category = {"slug": channels["tea"].slug, "channel": "lam-dong"}
    with CaptureQueriesContext(connection) as one_province:
        _run(client, "ProductListByCategory", category)
    with CaptureQueriesContext(connection) as whole_shop:
        _run(client, "ProductListByCategory", {**category, "channel": "default-channel"})
    assert len(one_province) == len(whole_shop)  # two products or three: the same queries


# ---- checkout ---------------------------------------------------------------------------

CHECKOUT_CHANNEL = "query($id: ID){ checkout(id: $id) { channel { slug name } lines { variant { name } } } }"
LINES_UPDATE = """mutation($id: ID, $lines: [CheckoutLineUpdateInput!]!){ checkoutLinesUpdate(id: $id, lines: $lines) {
  errors { field code variants } } }"""


def _create(client, channel) -> dict:
    return _run(client, "CheckoutCreate", {"channel": channel})["checkoutCreate"]


def _checkout(client, checkout_id) -> dict:
    _, body = gql(client, CHECKOUT_CHANNEL, {"id": checkout_id})
    return body["data"]["checkout"]


def test_a_provincial_checkout_remembers_its_channel_and_refuses_other_provinces(client, channels):
    checkout_id = _create(client, "lam-dong")["checkout"]["id"]
    assert _checkout(client, checkout_id) == {"channel": {"slug": "lam-dong", "name": "OCOP Lâm Đồng"}, "lines": []}

    refused = _run(client, "CheckoutAddLine", {"id": checkout_id, "productVariantId": _variant(channels["ha_noi"])})
    assert refused["checkoutLinesAdd"] == {
        "checkout": None, "errors": [{"message": "Cannot add lines with unavailable variants."}]}
    add = """mutation($id: ID, $v: ID!){ checkoutLinesAdd(id: $id, lines: [{quantity: 1, variantId: $v}]) {
      errors { field code variants } } }"""
    _, body = gql(client, add, {"id": checkout_id, "v": _variant(channels["ha_noi"])})
    assert body["data"]["checkoutLinesAdd"]["errors"] == [
        {"field": "lines", "code": "UNAVAILABLE_VARIANT_IN_CHANNEL", "variants": [_variant(channels["ha_noi"])]}]
    _, body = gql(client, LINES_UPDATE, {"id": checkout_id, "lines": [
        {"variantId": _variant(channels["ha_noi"]), "quantity": 2}]})
    assert body["data"]["checkoutLinesUpdate"]["errors"][0]["code"] == "UNAVAILABLE_VARIANT_IN_CHANNEL"
    assert _checkout(client, checkout_id)["lines"] == []  # nothing added

    added = _run(client, "CheckoutAddLine", {"id": checkout_id, "productVariantId": _variant(channels["da_lat"])})
    assert added["checkoutLinesAdd"]["errors"] == []
    assert _checkout(client, checkout_id)["lines"] == [{"variant": {"name": "Trà atiso Đà Lạt"}}]


def test_a_refused_line_in_checkout_create_creates_nothing(client, channels):
    before = ApiCheckout.objects.count()
    create = """mutation($v: ID!){ checkoutCreate(input: {channel: "lam-dong", lines: [{quantity: 1, variantId: $v}]}) {
      checkout { id } errors { code variants } } }"""
    variant = _variant(channels["ha_noi"])
    _, body = gql(client, create, {"v": variant})
    assert body["data"]["checkoutCreate"] == {
        "checkout": None, "errors": [{"code": "UNAVAILABLE_VARIANT_IN_CHANNEL", "variants": [variant]}]}
    assert ApiCheckout.objects.count() == before


def test_the_whole_shops_checkout_takes_every_province_and_an_unknown_channel_is_not_found(client, channels):
    checkout_id = _create(client, "default-channel")["checkout"]["id"]
    added = _run(client, "CheckoutAddLine", {"id": checkout_id, "productVariantId": _variant(channels["ha_noi"])})
    assert added["checkoutLinesAdd"]["errors"] == []
    assert _checkout(client, checkout_id)["channel"]["slug"] == "default-channel"
    before = ApiCheckout.objects.count()
    assert _create(client, "da-nang") == {"checkout": None, "errors": [{"field": "channel", "code": "NOT_FOUND"}]}
    assert _create(client, "y" * 10_000)["errors"] == [{"field": "channel", "code": "NOT_FOUND"}]
    assert ApiCheckout.objects.count() == before


def test_a_provincial_checkout_completes_through_the_usual_placement(client, channels):
    checkout_id = _create(client, "lam-dong")["checkout"]["id"]
    _run(client, "CheckoutAddLine", {"id": checkout_id, "productVariantId": _variant(channels["da_lat"])})
    _ready_to_complete(client, checkout_id)
    completed = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]
    assert completed["errors"] == []
    order = Order.objects.get(number=base64.b64decode(completed["order"]["id"]).decode().split(":")[1])
    assert [line.product_id for line in order.lines.all()] == [channels["da_lat"].pk]
