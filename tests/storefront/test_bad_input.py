"""Bad input gets a clear answer, never a 500: NUL bytes and over-long values in forms, URLs
and webhooks, a basket formset of 100,000 forms, absurd but signed Stripe events. Each
case also checks that nothing was changed. (PostgreSQL refuses NUL in text, so CI runs these
there too.)"""

import time
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from checkout import statuses
from checkout.models import PaymentWebhookEvent
from tests.checkout_support import (
    add_to_basket,
    address,
    checkout_to_preview,
    intent_event,
    place_order,
    post_webhook,
)
from tests.factories import sellable_product

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")

pytestmark = pytest.mark.django_db


# The JSON endpoints answer in JSON: tests/storefront/test_bad_input_answers.py.
@pytest.mark.parametrize("path, params", [
    pytest.param("/tim-kiem/", {"province": "lam\x00dong"}, id="search-page-filter"),
    pytest.param("/catalogue/", {"page": "1\x00"}, id="listing-page"),
    pytest.param("/catalogue/tinh/lam-dong%00/", {}, id="url-segment"),
])
def test_nul_bytes_in_urls_and_query_strings_are_a_clean_400(client, path, params):
    response = client.get(path, params)

    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_nul_bytes_in_a_checkout_form_are_refused_and_nothing_is_kept(client, reference_data):
    add_to_basket(client, sellable_product())
    client.post(reverse("checkout:index"), {"username": "khach@example.vn", "options": "anonymous"})

    response = client.post(reverse("checkout:shipping-address"), address(line1="12 Trần\x00Phú"))

    assert response.status_code == 400
    assert client.session.get("checkout_data", {}).get("shipping", {}).get("new_address_fields") is None


def test_nul_bytes_in_the_login_form_are_refused(client):
    response = client.post(reverse("customer:login"), {"login-username": "a\x00@example.vn",
                                                      "login-password": "x", "login_submit": "1"})

    assert response.status_code == 400


def test_an_over_long_address_gets_a_form_error_not_a_500(client, reference_data):
    add_to_basket(client, sellable_product())
    client.post(reverse("checkout:index"), {"username": "khach@example.vn", "options": "anonymous"})

    response = client.post(reverse("checkout:shipping-address"),
                           address(line1="Đường " * 5000, first_name="Hoa" * 3000))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"line1", "first_name"}


def test_an_over_long_search_query_still_answers(client):
    response = client.get("/api/search/", {"q": "mắm " * 5000, "producer": "x" * 5000})

    assert response.status_code == 400
    assert response.json()["parameter"] == "producer"


@pytest.mark.parametrize("total_forms", [100_000])
def test_a_basket_formset_claiming_100000_forms_is_refused_cleanly(client, total_forms):
    add_to_basket(client, sellable_product())
    line = Basket.objects.get().lines.get()

    data = {"form-TOTAL_FORMS": str(total_forms), "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000", "form-0-id": str(line.pk), "form-0-quantity": "5"}
    response = client.post(reverse("basket:summary"), data)

    assert response.status_code in (200, 302, 400)
    assert Basket.objects.get().lines.get().quantity == 1


def test_a_basket_formset_posted_with_100000_forms_is_a_clean_400(client):
    add_to_basket(client, sellable_product())
    line = Basket.objects.get().lines.get()
    fields = {"form-TOTAL_FORMS": "100000", "form-INITIAL_FORMS": "1"}
    fields.update({f"form-{n}-quantity": "1" for n in range(100_000)})
    fields["form-0-id"] = str(line.pk)

    response = client.post(reverse("basket:summary"), fields)

    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert Basket.objects.get().lines.get().quantity == 1


@pytest.mark.parametrize("name", ["checkout:order-status", "checkout:card-payment"])
def test_over_long_order_numbers_and_tokens_in_urls_are_404(client, name):
    response = client.get(reverse(name, kwargs={"number": "9" * 5000, "token": "t" * 5000}))

    assert response.status_code == 404


def test_the_dashboards_order_url_with_an_over_long_number_is_404(admin_client):
    response = admin_client.get(reverse("dashboard:order-detail", kwargs={"number": "1" * 5000}))

    assert response.status_code == 404


@pytest.fixture
def card_order(client, reference_data, stripe_http):
    add_to_basket(client, sellable_product(price=Decimal("150000"), num_in_stock=5))
    checkout_to_preview(client, method="card")
    place_order(client)
    return Order.objects.get()


def _event(order, **changes) -> dict:
    event = intent_event(event_id="evt_absurd", event_type="payment_intent.succeeded",
                         intent_id="pi_fake_1", amount=185000, order_number=order.number)
    obj = event["data"]["object"]
    for key, value in changes.items():
        if key in ("id", "created", "type"):
            event[key] = value
        elif key == "order_number":
            obj["metadata"]["order_number"] = value
        elif key == "amount":
            obj["amount"] = obj["amount_received"] = value
        else:
            obj[key] = value
    return event


@pytest.mark.parametrize("changes", [
    pytest.param({"amount": 10**30}, id="amount-10e30"),
    pytest.param({"amount": -185000}, id="negative-amount"),
    pytest.param({"amount": "185000"}, id="amount-as-text"),
    pytest.param({"id": "evt_" + "x" * 1000}, id="1000-char-event-id"),
    pytest.param({"object_id": "pi_" + "y" * 1000}, id="1000-char-intent-id"),
    pytest.param({"order_number": "1000\x000001"}, id="nul-in-order-number"),
    pytest.param({"order_number": "1" * 1000}, id="1000-char-order-number"),
    pytest.param({"created": int(time.time()) + 10 * 365 * 86400}, id="created-in-ten-years"),
    pytest.param({"created": 10**30}, id="created-beyond-any-calendar"),
    pytest.param({"currency": "v\x00d"}, id="nul-in-currency"),
    pytest.param({"type": "payment_intent.succeeded\x00"}, id="nul-in-type"),
])
def test_signed_events_with_absurd_fields_are_refused_and_change_nothing(client, card_order, changes):
    event = _event(card_order, **changes)
    if "object_id" in changes:
        event["data"]["object"]["id"] = changes["object_id"]
        del event["data"]["object"]["object_id"]

    response = post_webhook(client, event)

    assert response.status_code == 400
    assert not PaymentWebhookEvent.objects.exists()
    card_order.refresh_from_db()
    assert card_order.status == statuses.AWAITING_PAYMENT
    assert card_order.sources.get().amount_debited == 0


def test_a_signed_event_with_an_over_long_error_message_is_kept_short(client, card_order):
    event = intent_event(event_id="evt_failed", event_type="payment_intent.payment_failed",
                         intent_id="pi_fake_1", amount=185000, order_number=card_order.number)
    event["data"]["object"]["last_payment_error"] = {"message": "Từ chối\x00" + "!" * 50_000}

    response = post_webhook(client, event)

    assert response.status_code == 200
    record = PaymentWebhookEvent.objects.get()
    assert len(record.detail) == 1000
    assert "\x00" not in record.detail
