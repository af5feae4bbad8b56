"""Placement is idempotent per basket (Saleor's rule): a double click, a retry after a
time-out or two tabs submitting one basket make one order and allocate once; order
numbers never repeat, however concurrent the placements."""

import copy
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from checkout.services import next_order_number
from tests.checkout_support import add_to_basket, checkout_to_preview, place_order
from tests.factories import sellable_product

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def _basket_id(preview) -> str:
    return str(preview.context["basket"].id)


@pytest.mark.django_db
def test_a_double_click_on_place_order_makes_one_order_and_shows_it_both_times(client, reference_data):
    # given a shopper at the preview with two units
    product = sellable_product(num_in_stock=10)
    add_to_basket(client, product, quantity=2)
    basket_id = _basket_id(checkout_to_preview(client, method="cod"))

    # when the form is submitted twice (the second arrives after the first has finished)
    first = place_order(client, basket_id=basket_id)
    second = place_order(client, basket_id=basket_id)

    # then one order, two units allocated once, and both answers lead to its thank-you page
    order = Order.objects.get()
    assert first["Location"] == second["Location"] == reverse("checkout:thank-you")
    assert StockRecord.objects.get(product=product).num_allocated == 2
    assert client.get(reverse("checkout:thank-you")).context["order"] == order


@pytest.mark.django_db
def test_a_repeated_card_submission_returns_to_the_same_card_page_and_one_intent(
    client, reference_data, stripe_http
):
    product = sellable_product(num_in_stock=3)
    add_to_basket(client, product)
    basket_id = _basket_id(checkout_to_preview(client, method="card"))

    first = place_order(client, basket_id=basket_id)
    second = place_order(client, basket_id=basket_id)

    order = Order.objects.get()
    assert first["Location"] == second["Location"]
    assert f"/checkout/the/{order.number}/" in first["Location"]
    assert len(stripe_http.created_intents()) == 1
    assert StockRecord.objects.get(product=product).num_allocated == 1


@pytest.mark.django_db
def test_another_sessions_basket_id_is_not_shown_its_order(client, reference_data):
    # given a placed order of one shopper
    product = sellable_product(num_in_stock=5)
    add_to_basket(client, product)
    basket_id = _basket_id(checkout_to_preview(client, method="cod"))
    place_order(client, basket_id=basket_id)

    # when someone else posts that basket id
    stranger = Client()
    add_to_basket(stranger, product)
    checkout_to_preview(stranger, method="cod")
    response = place_order(stranger, basket_id=basket_id)

    # then the stranger's own basket is placed, and the first order is not revealed
    assert response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 2
    assert stranger.get(reverse("checkout:thank-you")).context["order"].basket_id != int(basket_id)


@pytest.mark.django_db(transaction=True)
def test_two_tabs_submitting_one_basket_at_once_make_one_order(postgres_only, reference_data):
    # given one shopper's session open in two tabs at the preview
    product = sellable_product(num_in_stock=10)
    tab = Client()
    add_to_basket(tab, product, quantity=3)
    basket_id = _basket_id(checkout_to_preview(tab, method="cod"))
    other_tab = Client()
    other_tab.cookies = copy.deepcopy(tab.cookies)
    connection.close()

    # when both press "place order" at the same moment
    barrier = threading.Barrier(2)
    responses = [None, None]

    def submit(i, shopper):
        try:
            barrier.wait()
            responses[i] = place_order(shopper, basket_id=basket_id)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i, s)) for i, s in enumerate((tab, other_tab))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then exactly one order, three units allocated once, both tabs sent to its thank-you page
    assert Order.objects.count() == 1
    assert StockRecord.objects.get(product=product).num_allocated == 3
    assert [r["Location"] for r in responses] == [reverse("checkout:thank-you")] * 2


@pytest.mark.django_db(transaction=True)
def test_order_numbers_never_repeat_under_concurrency(postgres_only):
    numbers: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def take(worker):
        try:
            barrier.wait()
            mine = [next_order_number(basket_id=worker) for _ in range(25)]
            with lock:
                numbers.extend(mine)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(numbers) == 200
    assert len(set(numbers)) == 200
    assert all(len(n) == 8 and n.isdigit() for n in numbers)
