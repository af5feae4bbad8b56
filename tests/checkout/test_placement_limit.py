"""The per-client placement limit holds under parallel submissions: the slot is counted
before placing (increment, then compare), so no number of simultaneous completes from one
address gets more orders through than the limit."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from tests.factories import sellable_product
from tests.graphql_api.test_graphql_checkout import _checkout_with, _co, _ready_to_complete, complete_all_at_once

Order = get_model("order", "Order")


def _complete_all_at_once(checkout_ids: list[str]) -> list[dict]:
    return [body["data"]["checkoutComplete"] for body in complete_all_at_once(checkout_ids)]


@pytest.mark.django_db(transaction=True)
def test_ten_parallel_completes_from_one_address_place_no_more_than_the_limit(postgres_only, reference_data,
                                                                               settings):
    settings.OCOP_PLACEMENTS_PER_CLIENT_PER_HOUR = 3
    settings.OCOP_UNPAID_ORDERS_PER_PHONE = 1000
    product = sellable_product(num_in_stock=100)
    client = Client()
    ids = []
    for _ in range(10):
        checkout_id = _checkout_with(client, product)
        _ready_to_complete(client, checkout_id)
        ids.append(checkout_id)

    results = _complete_all_at_once(ids)

    placed = [r for r in results if r["order"]]
    refused = [r for r in results if r["errors"]]
    assert (len(placed), len(refused)) == (3, 7)
    assert {r["errors"][0]["code"] for r in refused} == {"INVALID"}
    assert Order.objects.count() == 3


@pytest.mark.django_db
def test_a_refused_client_stays_refused_and_another_address_is_not(reference_data, settings):
    settings.OCOP_PLACEMENTS_PER_CLIENT_PER_HOUR = 1
    product = sellable_product(num_in_stock=10)
    client = Client()
    first, second, third = (_checkout_with(client, product) for _ in range(3))
    for checkout_id in (first, second, third):
        _ready_to_complete(client, checkout_id)

    placed = _co(client, "checkoutComplete", {"checkoutId": first})["checkoutComplete"]
    refused = _co(client, "checkoutComplete", {"checkoutId": second})["checkoutComplete"]
    elsewhere = _co(Client(REMOTE_ADDR="198.51.100.7"), "checkoutComplete", {"checkoutId": third})["checkoutComplete"]

    assert placed["errors"] == [] and refused["errors"][0]["code"] == "INVALID"
    assert elsewhere["errors"] == []
    assert Order.objects.count() == 2
