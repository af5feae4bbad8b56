"""Saleor's "order first, then pay": ``transactionInitialize(id: <Order ID>)`` starts the
payment of an order awaiting it (placed on the web or through the API), with the storefront's
own ``transactionInitialize`` document. Stripe answers the order's own PaymentIntent, VietQR
the transfer details; nothing is written, and only the webhook marks the order paid."""

import base64
from decimal import Decimal

import pytest
from django.test import Client
from oscar.core.loading import get_model

from checkout import statuses
from checkout.payments import vietqr
from tests.checkout_support import add_to_basket, checkout_to_preview, place_order
from tests.factories import sellable_product
from tests.graphql_support import gql, operation_source

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
STRIPE = "saleor.app.payment.stripe"


def _web_order(method: str, price=Decimal("150000")):
    """An order placed by a guest on the web checkout, awaiting its payment."""
    shopper = Client()
    add_to_basket(shopper, sellable_product(price=price, num_in_stock=5))
    checkout_to_preview(shopper, method=method)
    assert place_order(shopper).status_code == 302
    return Order.objects.get()


def _order_id(order) -> str:
    from graphql_api.checkout.schema import order_global_id

    return order_global_id(order)


def _initialize(client, order_id: str, gateway: str) -> dict:
    _, body = gql(client, operation_source("src-checkout-graphql"),
                  {"checkoutId": order_id, "paymentGateway": {"id": gateway}}, operation_name="transactionInitialize")
    assert "errors" not in body, body
    return body["data"]["transactionInitialize"]


def _process(client, transaction_id: str) -> dict:
    _, body = gql(client, operation_source("src-checkout-graphql"), {"id": transaction_id},
                  operation_name="transactionProcess")
    assert "errors" not in body, body
    return body["data"]["transactionProcess"]


def _unchanged(order) -> tuple:
    order.refresh_from_db()
    source = order.sources.get()
    return order.status, source.amount_debited, source.reference, order.lines.get().stockrecord.num_allocated


def test_a_card_order_answers_its_own_payment_intent_again(client, reference_data, stripe_http):
    order = _web_order("card")  # the web created the intent when it placed the order
    web_intent = order.sources.get().reference
    before = _unchanged(order)

    started = _initialize(client, _order_id(order), STRIPE)

    assert started["errors"] == []
    assert started["transactionEvent"] == {"type": "CHARGE_ACTION_REQUIRED", "message": "Thẻ quốc tế / nội địa (Stripe)"}
    assert started["data"] == {"paymentIntent": {"stripeClientSecret": f"{web_intent}_secret_fake"}}
    assert len(stripe_http.intents) == 1  # the same intent: one idempotency key per order
    assert len({r.idempotency_key for r in stripe_http.created_intents()}) == 1
    assert _unchanged(order) == before
    assert _initialize(client, _order_id(order), STRIPE)["data"] == started["data"]


def test_the_card_order_transaction_reports_stripes_state_but_never_pays(client, reference_data, stripe_http):
    order = _web_order("card")
    started = _initialize(client, _order_id(order), STRIPE)
    stripe_http.set_status(order.sources.get().reference, "succeeded")

    processed = _process(client, started["transaction"]["id"])

    assert processed["errors"] == [] and processed["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    order.refresh_from_db()
    assert order.status == statuses.AWAITING_PAYMENT  # only the verified webhook pays


def test_a_vietqr_order_answers_the_transfer_details(client, reference_data, settings):
    order = _web_order("vietqr")
    before = _unchanged(order)

    started = _initialize(client, _order_id(order), "ocop.vietqr")

    assert started["errors"] == []
    assert started["transactionEvent"] == {"type": "CHARGE_ACTION_REQUIRED", "message": "Chuyển khoản VietQR"}
    assert started["data"] == {"vietqr": {
        "bankBin": settings.VIETQR_BANK_BIN, "bankName": settings.VIETQR_BANK_NAME,
        "accountNumber": settings.VIETQR_ACCOUNT_NUMBER, "accountName": settings.VIETQR_ACCOUNT_NAME,
        "amount": 185000, "currency": "VND", "reference": order.number,
        "qrPayload": vietqr.vietqr_payload(bank_bin=settings.VIETQR_BANK_BIN,
                                           account_number=settings.VIETQR_ACCOUNT_NUMBER,
                                           amount=Decimal("185000"), note=order.number),
    }}
    assert order.total_incl_tax == Decimal("185000")
    assert _unchanged(order) == before
    assert _process(client, started["transaction"]["id"])["errors"][0]["code"] == "NOT_FOUND"  # nothing to process


def test_vietqr_without_a_bank_account_configured_is_not_found(client, reference_data, settings):
    order = _web_order("vietqr")
    settings.VIETQR_ACCOUNT_NUMBER = ""

    refused = _initialize(client, _order_id(order), "ocop.vietqr")

    assert refused["errors"] == [{"field": "paymentGateway", "code": "NOT_FOUND",
                                  "message": "VietQR transfers are not available."}]


@pytest.mark.parametrize("method,gateway,field,message", [
    ("vietqr", STRIPE, "paymentGateway", "The order is paid through the gateway ocop.vietqr."),
    ("vietqr", "ocop.cod", "paymentGateway", "The order is paid through the gateway ocop.vietqr."),
    ("vietqr", "saleor.io.dummy-payment-app", "paymentGateway", "The order is paid through the gateway ocop.vietqr."),
    ("vietqr", "x" * 100_000, "paymentGateway", "The order is paid through the gateway ocop.vietqr."),
    ("card", "ocop.vietqr", "paymentGateway", "The order is paid through the gateway saleor.app.payment.stripe."),
    ("cod", "ocop.cod", "id", "The order is paid on delivery: there is nothing to pay now."),
    ("cod", "ocop.vietqr", "id", "The order is paid on delivery: there is nothing to pay now."),
], ids=["vietqr-by-card", "vietqr-by-cod", "vietqr-by-dummy", "vietqr-by-huge-id", "card-by-vietqr", "cod",
        "cod-by-vietqr"])
def test_a_gateway_that_does_not_fit_the_order_is_invalid_and_changes_nothing(
        client, reference_data, stripe_http, settings, method, gateway, field, message):
    settings.GRAPHQL_DUMMY_GATEWAY = True
    order = _web_order(method)
    before = _unchanged(order)
    intents = len(stripe_http.created_intents())  # the web created the card order's one

    refused = _initialize(client, _order_id(order), gateway)

    assert refused == {"transaction": None, "transactionEvent": None, "data": None,
                       "errors": [{"field": field, "code": "INVALID", "message": message}]}
    assert _unchanged(order) == before
    assert len(stripe_http.created_intents()) == intents


def test_a_paid_order_is_invalid(client, reference_data, stripe_http):
    from checkout.services import order_mark_paid

    order = _web_order("vietqr")
    order_mark_paid(order=order, amount=order.total_incl_tax, reference="VCB123", by="office")
    before = _unchanged(order)

    refused = _initialize(client, _order_id(order), "ocop.vietqr")

    assert refused["errors"] == [{"field": "id", "code": "INVALID", "message": "The order is already paid."}]
    assert refused["data"] is None and _unchanged(order) == before


def test_a_cancelled_card_order_is_invalid_and_stripe_is_not_called(client, reference_data, stripe_http):
    from checkout.services import order_cancel_unpaid

    order = _web_order("card")
    order_cancel_unpaid(order=order, reason="test")
    calls = len(stripe_http.requests)

    refused = _initialize(client, _order_id(order), STRIPE)

    assert refused["errors"] == [{"field": "id", "code": "INVALID", "message": "The order is not awaiting payment."}]
    assert len(stripe_http.requests) == calls


def _forged(order) -> list[str]:
    number, _, signature = order.verification_hash().partition(":")
    other = str(int(number) + 1)
    return [
        base64.b64encode(f"Order:{number}:{signature[:-2]}xx".encode()).decode(),  # wrong signature
        base64.b64encode(f"Order:{other}:{signature}".encode()).decode(),  # another number, this signature
        base64.b64encode(f"Order:{number}".encode()).decode(),  # no signature
        base64.b64encode(f"Order:{order.pk}".encode()).decode(),  # the primary key
        base64.b64encode(b"Order:").decode(),
        "not base64!",
    ]


def test_a_forged_or_guessed_order_id_is_not_found_and_leaks_nothing(client, reference_data, stripe_http):
    order = _web_order("card")
    calls = len(stripe_http.requests)

    for forged in _forged(order):
        refused = _initialize(client, forged, STRIPE)
        assert refused["data"] is None and refused["transaction"] is None, forged
        assert [e["code"] for e in refused["errors"]] == ["NOT_FOUND"], forged
        assert refused["errors"][0]["field"] == "id" and "secret" not in str(refused), forged
    assert len(stripe_http.requests) == calls


def test_a_forged_order_transaction_is_not_found(client, reference_data, stripe_http):
    order = _web_order("card")
    number, _, signature = order.verification_hash().partition(":")
    forged = base64.b64encode(f"TransactionItem:{number}:{signature[:-2]}xx".encode()).decode()

    refused = _process(client, forged)

    assert [e["code"] for e in refused["errors"]] == ["NOT_FOUND"] and refused["data"] is None


def test_a_nul_in_the_order_id_is_refused_before_anything_runs(client, reference_data, stripe_http):
    order = _web_order("card")
    calls = len(stripe_http.requests)

    response, body = gql(client, operation_source("src-checkout-graphql"),
                         {"checkoutId": _order_id(order) + "\x00", "paymentGateway": {"id": STRIPE}},
                         operation_name="transactionInitialize")

    assert response.status_code == 400
    assert body == {"errors": [{"message": "Null characters are not allowed."}]}
    assert len(stripe_http.requests) == calls
