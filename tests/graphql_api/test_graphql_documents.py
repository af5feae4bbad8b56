"""The rest of the storefront's documents, executed over HTTP with its variables."""

import base64

import pytest
from oscar.core.loading import get_model
from wagtail.models import Page

from tests.factories import UserFactory, sellable_product
from tests.graphql_api.test_graphql_checkout import (
    LANG,
    _address,
    _checkout_with,
    _co,
    _ready_to_complete,
    _variant_id,
)
from tests.graphql_support import gql, operation_source

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def _run(client, folder, operation, variables, **headers):
    _, body = gql(client, operation_source(folder), variables, operation_name=operation, **headers)
    assert "errors" not in body, body
    return body["data"]


def test_page_by_slug_is_the_wagtail_page(client):
    page = Page.objects.filter(depth=2).live().first().specific
    data = _run(client, "src-graphql", "PageGetBySlug", {"slug": page.slug})["page"]
    assert data["title"] == page.title and data["slug"] == page.slug
    assert base64.b64decode(data["id"]).decode() == f"Page:{page.pk}"
    assert _run(client, "src-graphql", "PageGetBySlug", {"slug": "khong-co"}) == {"page": None}


def test_footer_menu_channel_and_address_rules(client):
    footer = _run(client, "src-graphql", "MenuGetBySlug", {"slug": "footer", "channel": "default-channel"})
    assert isinstance(footer["menu"]["items"], list)
    assert _run(client, "src-checkout-graphql", "channel", {"slug": "default-channel"}) == {
        "channel": {"countries": [{"code": "VN"}]}}
    rules = _run(client, "src-checkout-graphql", "addressValidationRules", {"countryCode": "VN"})
    areas = rules["addressValidationRules"]["countryAreaChoices"]
    assert len(areas) == 34 and {"raw": "Lâm Đồng", "verbose": "Lâm Đồng"} in areas


def test_cart_documents_find_update_and_delete_lines(client, reference_data):
    tea, honey = sellable_product(title="Trà"), sellable_product(title="Mật ong")
    checkout_id = _checkout_with(client, tea)
    _run(client, "src-graphql", "CheckoutAddLine", {"id": checkout_id, "productVariantId": _variant_id(honey)})
    found = _run(client, "src-graphql", "CheckoutFind", {"id": checkout_id})["checkout"]
    assert [line["variant"]["name"] for line in found["lines"]] == ["Trà", "Mật ong"]
    tea_line, honey_line = (line["id"] for line in found["lines"])
    updated = _co(client, "checkoutLinesUpdate", {"checkoutId": checkout_id, "languageCode": LANG,
                                                 "lines": [{"lineId": tea_line, "quantity": 3}]})
    assert updated["checkoutLinesUpdate"]["errors"] == []
    assert updated["checkoutLinesUpdate"]["checkout"]["lines"][0]["quantity"] == 3
    assert updated["checkoutLinesUpdate"]["checkout"]["totalPrice"]["gross"]["amount"] == 600000.0
    deleted = _run(client, "src-graphql", "CheckoutDeleteLines", {"checkoutId": checkout_id, "lineIds": [honey_line]})
    assert deleted["checkoutLinesDelete"]["errors"] == []
    one = _co(client, "checkoutLineDelete", {"checkoutId": checkout_id, "lineId": tea_line, "languageCode": LANG})
    assert one["checkoutLineDelete"]["checkout"]["lines"] == []


def test_billing_address_and_order_confirmation_query(client, reference_data):
    product = sellable_product()
    checkout_id = _checkout_with(client, product)
    billing = _co(client, "checkoutBillingAddressUpdate", {"checkoutId": checkout_id, "billingAddress": _address(),
                                                           "languageCode": LANG})
    assert billing["checkoutBillingAddressUpdate"]["checkout"]["billingAddress"]["countryArea"] == "Lâm Đồng"
    _ready_to_complete(client, checkout_id)
    order_id = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]["order"]["id"]
    order = _run(client, "src-checkout-graphql", "order", {"id": order_id, "languageCode": LANG})["order"]
    placed = Order.objects.get()
    assert order["number"] == placed.number
    assert order["total"]["gross"]["amount"] == float(placed.total_incl_tax)
    forged = base64.b64encode(f"Order:{placed.number}:forged".encode()).decode()
    assert _run(client, "src-checkout-graphql", "order", {"id": forged, "languageCode": LANG}) == {"order": None}


def test_signed_in_shopper_sees_their_orders(client, reference_data):
    UserFactory(email="hoa@example.vn")
    _, body = gql(client, operation_source("auth-sdk"), {"email": "hoa@example.vn", "password": "mat-khau-thu-nghiem"},
                  operation_name="tokenCreate")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {body['data']['tokenCreate']['token']}"}
    product = sellable_product()
    _, created = gql(client, operation_source("src-graphql"), {"channel": "default-channel"},
                     operation_name="CheckoutCreate", **bearer)
    checkout_id = created["data"]["checkoutCreate"]["checkout"]["id"]
    _run(client, "src-graphql", "CheckoutAddLine", {"id": checkout_id, "productVariantId": _variant_id(product)})
    _ready_to_complete(client, checkout_id)
    _co(client, "checkoutComplete", {"checkoutId": checkout_id})
    me = _run(client, "src-graphql", "CurrentUserOrderList", {}, **bearer)["me"]
    orders = [e["node"] for e in me["orders"]["edges"]]
    assert [o["number"] for o in orders] == [Order.objects.get().number]
    assert orders[0]["lines"][0]["variant"]["product"]["name"] == product.get_title()
    assert orders[0]["paymentStatus"] == "NOT_CHARGED"
    assert _run(client, "src-checkout-graphql", "user", {}, **bearer)["user"]["email"] == "hoa@example.vn"
