"""One placement for every channel (``checkout.placement.place_order``): the source tree
has one place that writes an order, the channels race for the same stock through it, and
each channel's lines are judged by its own Strategy."""

import base64
import re
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.freshness import products_changed
from tests.checkout_support import (
    GUEST_EMAIL,
    add_to_basket,
    checkout_to_preview,
    place_order,
)
from tests.factories import sellable_product
from tests.graphql_support import gql, operation_source

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Ward = get_model("catalogue", "Ward")

PROJECT = Path(__file__).resolve().parents[2]
# Tests and benchmarks make orders of their own to measure and prove things; what is
# checked here is the shop's code.
NOT_THE_SHOP = {"tests", "benchmarks", "node_modules", "media", "staticfiles"}


def _shop_sources() -> dict[str, str]:
    sources = {}
    for path in PROJECT.rglob("*.py"):
        relative = path.relative_to(PROJECT)
        if relative.parts[0] in NOT_THE_SHOP or relative.parts[0].startswith("."):
            continue
        sources[relative.as_posix()] = path.read_text(encoding="utf-8")
    return sources


def _occurrences(pattern: str) -> dict[str, int]:
    found = {}
    for name, text in _shop_sources().items():
        count = len(re.findall(pattern, text))
        if count:
            found[name] = count
    return found


def test_the_shop_has_one_place_that_writes_an_order():
    assert len(_shop_sources()) > 100  # the walk found the project, not an empty folder

    # Oscar's order writer (or any subclass of it) is instantiated once, in the one placement
    assert _occurrences(r"OrderCreator\(\)") == {"checkout/placement.py": 1}
    assert _occurrences(r"\bOcopOrderCreator\(\)\.place_order\(") == {"checkout/placement.py": 1}
    # and nothing outside it locks, re-checks or allocates for a placement of its own
    guard = r"\b(?:OcopOrderCreator|lock_basket|lock_stock_records|check_basket_placeable|allocate_stock)\b"
    assert set(_occurrences(guard)) == {"checkout/placement.py"}


def test_the_four_channels_call_the_one_placement():
    calls = _occurrences(r"(?<!def )(?<![\w.])place_order\(|\bplacement\.place_order\(")

    # web checkout; GraphQL checkoutComplete / transactionInitialize; counter sale and ship-home
    assert calls == {"checkout/views.py": 1, "graphql_api/checkout/actions.py": 1, "pos/services.py": 2}
    assert _occurrences(r"\bplace_locked\b") == {}


# ---------------------------------------------------------------------------- the race


def _graphql_checkout_ready(client, product) -> str:
    """A GraphQL checkout of one unit of ``product``, ready for ``checkoutComplete`` (COD)."""

    def run(folder, operation, variables):
        _response, body = gql(client, operation_source(folder), variables, operation_name=operation)
        assert "errors" not in body, body
        return body["data"]

    created = run("src-graphql", "CheckoutCreate", {"channel": "default-channel"})
    checkout_id = created["checkoutCreate"]["checkout"]["id"]
    variant = base64.b64encode(f"ProductVariant:{product.pk}".encode()).decode()
    added = run("src-graphql", "CheckoutAddLine", {"id": checkout_id, "productVariantId": variant})
    assert added["checkoutLinesAdd"]["errors"] == []
    run("src-checkout-graphql", "checkoutEmailUpdate",
        {"checkoutId": checkout_id, "email": GUEST_EMAIL, "languageCode": "VI"})
    ward = Ward.objects.filter(province__slug="lam-dong").order_by("code").first()
    address = {"firstName": "Trần Văn", "lastName": "Nam", "streetAddress1": "3 Đường Hùng Vương",
               "city": ward.name, "countryArea": ward.province.name, "country": "VN", "phone": "0987 654 321"}
    data = run("src-checkout-graphql", "checkoutShippingAddressUpdate",
               {"checkoutId": checkout_id, "shippingAddress": address, "languageCode": "VI"})
    methods = data["checkoutShippingAddressUpdate"]["checkout"]["shippingMethods"]
    standard = next(m for m in methods if m["name"].startswith("Giao hàng tiêu chuẩn"))
    run("src-checkout-graphql", "checkoutDeliveryMethodUpdate",
        {"checkoutId": checkout_id, "deliveryMethodId": standard["id"], "languageCode": "VI"})
    run("src-checkout-graphql", "transactionInitialize",
        {"checkoutId": checkout_id, "paymentGateway": {"id": "ocop.cod"}})
    return checkout_id


@pytest.mark.django_db(transaction=True)
def test_a_web_checkout_and_a_graphql_checkout_racing_for_the_last_unit_make_one_order(
    postgres_only, reference_data
):
    # given the last unit in a web shopper's basket at the preview and in an API checkout
    product = sellable_product(num_in_stock=1)
    web = Client()
    add_to_basket(web, product)
    checkout_to_preview(web, method="cod")
    checkout_id = _graphql_checkout_ready(Client(), product)
    connection.close()

    # when both place at the same moment, each on its own connection
    barrier = threading.Barrier(2)
    outcome = {}

    def web_places():
        try:
            barrier.wait()
            outcome["web"] = place_order(web)
        finally:
            connection.close()

    def api_completes():
        try:
            barrier.wait()
            _response, body = gql(Client(), operation_source("src-checkout-graphql"), {"checkoutId": checkout_id},
                                  operation_name="checkoutComplete")
            outcome["api"] = body["data"]["checkoutComplete"]
        finally:
            connection.close()

    threads = [threading.Thread(target=web_places), threading.Thread(target=api_completes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then one order for the one unit, never more
    assert Order.objects.count() == 1
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (1, 1)
    web_won = outcome["web"]["Location"] == reverse("checkout:thank-you")
    api_won = outcome["api"]["order"] is not None
    assert web_won != api_won
    # and the other channel's shopper is told the unit is gone, with nothing written
    if web_won:
        assert [error["code"] for error in outcome["api"]["errors"]] == ["INSUFFICIENT_STOCK"]
        assert "hết hàng" in outcome["api"]["errors"][0]["message"]
    else:
        assert outcome["web"]["Location"] == reverse("basket:summary")
        assert "hết hàng" in web.get(reverse("basket:summary")).content.decode()


# ---------------------------------------------------------------------------- listings follow


@pytest.fixture
def announced():
    """The product ids each ``catalogue_changed`` call announced (listings and search follow)."""
    calls = []

    def record(sender, product_ids, **kwargs):
        calls.append(set(product_ids))

    products_changed.connect(record)
    yield calls
    products_changed.disconnect(record)


@pytest.mark.django_db
def test_a_web_placement_tells_listings_and_search_its_online_stock_moved(client, reference_data, announced):
    product = sellable_product(num_in_stock=3)
    add_to_basket(client, product)
    checkout_to_preview(client, method="cod")
    announced.clear()

    place_order(client)

    assert Order.objects.count() == 1
    assert announced == [{product.pk}]
