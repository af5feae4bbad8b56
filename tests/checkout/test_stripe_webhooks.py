"""Stripe's webhook: signed exactly as Stripe signs, each event once, any order, amounts checked."""

import json
import time
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from checkout import statuses
from checkout.models import PaymentWebhookEvent
from checkout.payments import stripe_gateway
from tests.checkout_support import add_to_basket, checkout_to_preview, intent_event, place_order, post_webhook
from tests.factories import sellable_product

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
PaymentEvent = get_model("order", "PaymentEvent")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_order(client, reference_data, stripe_http):
    """A placed card order of 185.000 ₫ (150.000 + 35.000 shipping) waiting for Stripe."""
    add_to_basket(client, sellable_product(price=Decimal("150000"), num_in_stock=5))
    checkout_to_preview(client, method="card")
    place_order(client)
    return Order.objects.get()


def succeeded(order, event_id="evt_1", amount=185000, currency="vnd"):
    return intent_event(event_id=event_id, event_type="payment_intent.succeeded", intent_id="pi_fake_1",
                        amount=amount, currency=currency, order_number=order.number)


def order_state(order):
    order.refresh_from_db()
    source = order.sources.get()
    return order.status, source.amount_debited, PaymentEvent.objects.filter(order=order).count()


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "t=123,v1=deadbeef",
        "garbage",
    ],
    ids=["missing", "forged", "malformed-header"],
)
def test_a_bad_or_missing_signature_is_refused_and_changes_nothing(client, card_order, signature):
    before = order_state(card_order)

    response = post_webhook(client, succeeded(card_order), signature=signature)

    assert response.status_code == 400
    assert order_state(card_order) == before
    assert PaymentWebhookEvent.objects.count() == 0


def test_a_payload_signed_with_another_secret_is_refused(client, card_order):
    response = post_webhook(client, succeeded(card_order), secret="whsec_someone_else")

    assert response.status_code == 400
    assert card_order.sources.get().amount_debited == 0


def test_a_stale_event_older_than_the_tolerance_is_refused(client, card_order):
    stale = int(time.time()) - stripe_gateway.WEBHOOK_TOLERANCE - 60

    response = post_webhook(client, succeeded(card_order), timestamp=stale)

    assert response.status_code == 400
    assert PaymentWebhookEvent.objects.count() == 0


@pytest.mark.parametrize("payload", ["{not json", json.dumps({"id": "evt_x"})], ids=["not-json", "no-data"])
def test_a_malformed_but_signed_event_is_refused(client, card_order, payload):
    response = post_webhook(client, payload)

    assert response.status_code == 400
    assert PaymentWebhookEvent.objects.count() == 0


def test_the_same_event_ten_times_makes_one_payment_record(client, card_order):
    event = succeeded(card_order)

    responses = [post_webhook(client, event) for _ in range(10)]

    assert [r.status_code for r in responses] == [200] * 10
    source = card_order.sources.get()
    assert source.amount_debited == Decimal("185000")
    assert source.transactions.count() == 1
    assert PaymentEvent.objects.filter(order=card_order).count() == 1
    assert PaymentWebhookEvent.objects.count() == 1


def test_a_second_success_event_for_a_paid_order_is_recorded_but_pays_nothing_twice(client, card_order):
    post_webhook(client, succeeded(card_order, event_id="evt_1"))

    post_webhook(client, succeeded(card_order, event_id="evt_2"))

    assert card_order.sources.get().amount_debited == Decimal("185000")
    assert list(PaymentWebhookEvent.objects.order_by("id").values_list("outcome", flat=True)) == ["applied", "recorded"]


def test_out_of_order_failure_and_processing_after_success_leave_the_order_paid(client, card_order):
    # given success arrives first
    post_webhook(client, succeeded(card_order, event_id="evt_3"))

    # when older "processing" and "failed" events arrive afterwards
    for event_id, kind in [("evt_1", "payment_intent.processing"), ("evt_2", "payment_intent.payment_failed")]:
        post_webhook(client, intent_event(event_id=event_id, event_type=kind, intent_id="pi_fake_1",
                                          amount=185000, order_number=card_order.number))

    # then the order stays paid, and all three events are on it
    status, debited, events = order_state(card_order)
    assert (status, debited, events) == (statuses.PAID, Decimal("185000"), 3)


def test_a_failure_before_success_keeps_the_order_open_then_success_pays_it(client, card_order):
    post_webhook(client, intent_event(event_id="evt_1", event_type="payment_intent.payment_failed",
                                      intent_id="pi_fake_1", amount=185000, order_number=card_order.number))
    assert order_state(card_order)[:2] == (statuses.AWAITING_PAYMENT, Decimal("0"))

    post_webhook(client, succeeded(card_order, event_id="evt_2"))

    assert order_state(card_order)[:2] == (statuses.PAID, Decimal("185000"))


def test_a_cancel_event_cancels_the_unpaid_order_and_releases_its_stock(client, card_order):
    response = post_webhook(client, intent_event(event_id="evt_c", event_type="payment_intent.canceled",
                                                 intent_id="pi_fake_1", amount=185000, order_number=card_order.number))

    assert response.status_code == 200
    card_order.refresh_from_db()
    assert card_order.status == statuses.CANCELLED
    assert StockRecord.objects.get().num_allocated == 0


def test_success_after_cancellation_is_recorded_and_flagged_for_a_refund(client, card_order):
    post_webhook(client, intent_event(event_id="evt_c", event_type="payment_intent.canceled",
                                      intent_id="pi_fake_1", amount=185000, order_number=card_order.number))

    post_webhook(client, succeeded(card_order, event_id="evt_s"))

    card_order.refresh_from_db()
    assert card_order.status == statuses.CANCELLED
    assert PaymentWebhookEvent.objects.get(event_id="evt_s").needs_attention is True
    assert OrderNote.objects.filter(order=card_order, note_type=OrderNote.WARNING).count() == 1


@pytest.mark.parametrize(
    "amount, currency",
    [(1850, "vnd"), (18500000, "vnd"), (185000, "usd")],
    ids=["multiplied-down", "multiplied-by-100", "other-currency"],
)
def test_a_mismatching_amount_is_answered_200_leaves_the_order_unpaid_and_flags_it(
    client, card_order, amount, currency
):
    response = post_webhook(client, succeeded(card_order, amount=amount, currency=currency))

    assert response.status_code == 200
    status, debited, events = order_state(card_order)
    assert (status, debited) == (statuses.AWAITING_PAYMENT, Decimal("0"))
    record = PaymentWebhookEvent.objects.get()
    assert (record.outcome, record.needs_attention, record.order) == ("amount-mismatch", True, card_order)
    assert events == 1  # the event is still on the order's history
    assert OrderNote.objects.filter(order=card_order, note_type=OrderNote.WARNING).count() == 1


def test_an_event_for_an_unknown_order_is_logged_answered_200_and_flagged(client, card_order):
    event = intent_event(event_id="evt_u", event_type="payment_intent.succeeded", intent_id="pi_unknown",
                         amount=185000, order_number="999999")

    response = post_webhook(client, event)

    assert response.status_code == 200
    record = PaymentWebhookEvent.objects.get()
    assert (record.outcome, record.needs_attention, record.order) == ("unknown-order", True, None)
    assert order_state(card_order)[:2] == (statuses.AWAITING_PAYMENT, Decimal("0"))


def test_event_types_we_do_not_use_are_acknowledged_and_ignored(client, card_order):
    event = intent_event(event_id="evt_i", event_type="charge.updated", intent_id="ch_1", amount=185000)

    response = post_webhook(client, event)

    assert response.status_code == 200
    assert PaymentWebhookEvent.objects.get().outcome == "ignored"


@pytest.mark.parametrize(
    "amount, currency, expected",
    [(Decimal("150000"), "VND", 150000), (Decimal("99999999"), "VND", 99999999), (Decimal("12.34"), "USD", 1234)],
    ids=["vnd-unmultiplied", "vnd-cap", "usd-cents"],
)
def test_amounts_cross_into_stripe_through_one_conversion(amount, currency, expected):
    assert stripe_gateway.to_stripe_amount(amount, currency) == expected
    assert stripe_gateway.from_stripe_amount(expected, currency) == amount


def test_a_fraction_of_a_dong_is_refused():
    with pytest.raises(ValueError):
        stripe_gateway.to_stripe_amount(Decimal("150000.5"), "VND")


def test_the_card_limit_is_eight_digits():
    assert stripe_gateway.within_card_limit(Decimal("99999999"), "VND") is True
    assert stripe_gateway.within_card_limit(Decimal("100000000"), "VND") is False
