"""Placement that cannot oversell: stock locked and re-checked, allocation conditional."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from catalogue.rules import today_in_vietnam
from checkout import statuses
from checkout.placement import (
    StockUnavailable,
    allocate_stock,
    check_basket_placeable,
    lock_stock_records,
)
from checkout.services import order_mark_paid
from partner.strategy import Selector
from tests.checkout_support import add_to_basket, checkout_to_preview, place_order
from tests.factories import sellable_product

Basket = get_model("basket", "Basket")
Certificate = get_model("catalogue", "Certificate")
Producer = get_model("catalogue", "Producer")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")


@pytest.mark.django_db
def test_a_basket_whose_certificate_expired_before_placement_is_refused_at_placement(client, reference_data):
    # given a basket made while the certificate was valid
    product = sellable_product(num_in_stock=5)
    add_to_basket(client, product, quantity=2)
    basket = Basket.objects.get()
    # when the certificate expires before the order is placed
    Certificate.objects.filter(product=product).update(expires_on=today_in_vietnam() - datetime.timedelta(days=1))

    basket.strategy = Selector().strategy()

    # then placement refuses it under the lock, with the rule's reason
    with pytest.raises(UnableToPlaceOrder, match="chưa có chứng nhận OCOP còn hiệu lực"):
        check_basket_placeable(basket, lock_stock_records(basket))


@pytest.mark.django_db
def test_an_expired_certificate_stops_the_http_checkout_before_any_order(client, reference_data):
    product = sellable_product(num_in_stock=5)
    add_to_basket(client, product)
    checkout_to_preview(client, method="cod")
    Certificate.objects.filter(product=product).update(status=Certificate.Status.REVOKED, revoked_reason="Vi phạm")

    response = place_order(client, follow=True)

    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    assert "chưa có chứng nhận OCOP còn hiệu lực" in response.content.decode()
    assert Order.objects.count() == 0
    assert StockRecord.objects.get(product=product).num_allocated in (None, 0)


@pytest.mark.django_db
def test_a_producer_suspended_while_the_basket_waits_stops_the_http_checkout(client, reference_data):
    # given a shopper at the preview
    product = sellable_product(num_in_stock=5)
    add_to_basket(client, product)
    checkout_to_preview(client, method="cod")
    # when the program office suspends the producer before the order is placed
    Producer.objects.filter(pk=product.producer_id).update(suspended_at=timezone.now())

    response = place_order(client, follow=True)

    # then placement asks the Strategy again with the fresh producer: no order, nothing allocated
    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    assert "đang bị tạm đình chỉ bán hàng" in response.content.decode()
    assert Order.objects.count() == 0
    assert StockRecord.objects.get(product=product).num_allocated in (None, 0)


@pytest.mark.django_db
def test_the_conditional_allocation_never_goes_below_zero_even_without_row_locks(reference_data):
    # SQLite ignores SELECT ... FOR UPDATE; the UPDATE itself must refuse.
    product = sellable_product(num_in_stock=5)
    record = StockRecord.objects.get(product=product)
    allocate_stock(stockrecord_id=record.pk, quantity=4, title="x")

    with pytest.raises(StockUnavailable):
        allocate_stock(stockrecord_id=record.pk, quantity=2, title="x")

    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (5, 4)


@pytest.mark.django_db
def test_the_office_marks_a_cash_on_delivery_order_paid_once(client, reference_data):
    add_to_basket(client, sellable_product(price=Decimal("150000")))
    checkout_to_preview(client, method="cod")
    place_order(client)
    order = Order.objects.get()

    first = order_mark_paid(order=order, amount=order.total_incl_tax, reference="giao-hang-01", by="COD")
    second = order_mark_paid(order=order, amount=order.total_incl_tax, reference="giao-hang-01", by="COD")

    order.refresh_from_db()
    assert (first, second) == (True, False)
    assert order.status == statuses.PAID
    assert order.sources.get().amount_debited == order.total_incl_tax
    assert order.payment_events.count() == 1


BUYERS = 30
UNITS = 5


@pytest.mark.django_db(transaction=True)
def test_thirty_buyers_racing_for_the_last_five_units_make_exactly_five_orders(
    postgres_only, reference_data, stripe_http, settings
):
    # given 30 shoppers, each at the preview with one of the last 5 units, paying by card
    settings.OCOP_PLACEMENTS_PER_CLIENT_PER_HOUR = 1000  # thirty shoppers, one test client address
    product = sellable_product(num_in_stock=UNITS)
    shoppers = []
    for i in range(BUYERS):
        shopper = Client()
        add_to_basket(shopper, product)
        checkout_to_preview(shopper, method="card", email=f"khach{i}@example.vn")
        shoppers.append(shopper)
    connection.close()

    # when all of them press "place order" at once, each on its own connection
    barrier = threading.Barrier(BUYERS)
    responses = [None] * BUYERS
    low_water = []

    def buy(i):
        try:
            barrier.wait()
            responses[i] = place_order(shoppers[i])
            record = StockRecord.objects.get(product=product)
            low_water.append(record.num_in_stock - (record.num_allocated or 0))
        finally:
            connection.close()

    threads = [threading.Thread(target=buy, args=(i,)) for i in range(BUYERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then exactly five orders, stock never negative
    placed = Order.objects.exclude(status=statuses.CANCELLED)
    assert placed.count() == UNITS
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (UNITS, UNITS)
    assert min(low_water) >= 0
    # and only the winners were ever sent to Stripe: no loser is charged
    charged = {r.params["metadata[order_number]"] for r in stripe_http.created_intents()}
    assert charged == set(placed.values_list("number", flat=True))
    winners = [r for r in responses if r.status_code == 302 and "/checkout/the/" in r["Location"]]
    assert len(winners) == UNITS
    # and every loser was told and still has the unit in an open basket
    losers = [s for s, r in zip(shoppers, responses) if r not in winners]
    assert len(losers) == BUYERS - UNITS
    for shopper, response in zip(shoppers, responses):
        if response in winners:
            continue
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert "hết hàng" in response.content.decode() or "chỉ còn" in response.content.decode()
        else:
            assert response["Location"] == reverse("basket:summary")
        assert shopper.get(reverse("basket:summary")).context["basket"].num_items == 1


@pytest.mark.django_db
def test_abandoned_card_orders_are_cancelled_at_stripe_and_give_their_stock_back(client, reference_data, stripe_http):
    # given two unpaid card orders placed two hours ago, one of which Stripe says succeeded
    from django.core.management import call_command
    from django.utils import timezone

    product = sellable_product(num_in_stock=5)
    for shopper in (client, Client()):
        add_to_basket(shopper, product)
        checkout_to_preview(shopper, method="card")
        place_order(shopper)
    Order.objects.update(date_placed=timezone.now() - datetime.timedelta(hours=2))
    stripe_http.set_status("pi_fake_2", "succeeded")

    # when the clean-up runs
    call_command("cancel_abandoned_card_orders", "--minutes", "60")

    # then the abandoned one is cancelled (at Stripe too) and its unit released; the paid one waits for its webhook
    by_intent = {o.sources.get().reference: o.status for o in Order.objects.all()}
    assert by_intent == {"pi_fake_1": statuses.CANCELLED, "pi_fake_2": statuses.AWAITING_PAYMENT}
    assert stripe_http.intents["pi_fake_1"]["status"] == "canceled"
    assert StockRecord.objects.get(product=product).num_allocated == 1


@pytest.mark.django_db
def test_the_ward_list_is_the_chosen_provinces(client):
    response = client.get(reverse("checkout:wards"), {"province": "lam-dong"})

    wards = response.json()["wards"]
    assert len(wards) > 50
    assert client.get(reverse("checkout:wards"), {"province": "binh-thuan"}).json() == {"wards": []}
