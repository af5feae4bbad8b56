"""The one module that talks to Stripe.

Everything else calls these functions and gets dataclasses back, never Stripe objects.
Amounts cross into Stripe through ``to_stripe_amount`` only. Stripe's HTTP layer is
``stripe.default_http_client``: tests replace it with a fake that records requests, so
no test reaches the network and none mocks this module.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.conf import settings
from oscar.core.loading import get_class

PaymentError = get_class("payment.exceptions", "PaymentError")

# Stripe's currencies without a minor unit: the amount is sent as is (150.000 ₫ → 150000).
ZERO_DECIMAL_CURRENCIES = frozenset(
    "bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split()
)
# Stripe accepts at most 8 digits in `amount`: 99.999.999 ₫ for VND.
MAX_AMOUNT = 99_999_999
# Events older than this (seconds) are refused as stale, as Stripe's own libraries do.
WEBHOOK_TOLERANCE = 300


# What a genuine event's fields look like; anything else is refused before any database
# sees it (a 1,000-character id, NUL bytes, an amount no order can have, a date in 3000).
_STRIPE_ID = re.compile(r"[A-Za-z0-9_]{1,255}")
_EVENT_TYPE = re.compile(r"[a-z0-9_.]{1,128}")
_CURRENCY = re.compile(r"[a-z]{3}")
_ORDER_NUMBER = re.compile(r"[A-Za-z0-9-]{0,128}")
_REFUND_RECORD = re.compile(r"[0-9]{1,18}")
MAX_EVENT_AMOUNT = 10**12
MAX_CLOCK_SKEW = datetime.timedelta(hours=1)
MAX_ERROR_LENGTH = 1000


class InvalidWebhook(Exception):
    """Missing, forged, stale or malformed webhook: answer 400 and change nothing."""


def _checked(value, pattern: re.Pattern, name: str, *, optional: bool = False) -> str:
    text = "" if value is None else str(value)
    if optional and text == "":
        return text
    if not pattern.fullmatch(text):
        raise InvalidWebhook(f"malformed event: {name} {text[:40]!r}")
    return text


def _event_time(value) -> datetime.datetime:
    try:
        created = datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC)
    except (OverflowError, OSError, ValueError, TypeError) as exc:
        raise InvalidWebhook(f"malformed event: created {str(value)[:40]!r}") from exc
    if created > datetime.datetime.now(tz=datetime.UTC) + MAX_CLOCK_SKEW:
        raise InvalidWebhook(f"malformed event: created in the future ({created:%Y-%m-%d})")
    return created


def _event_amount(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_EVENT_AMOUNT:
        raise InvalidWebhook(f"malformed event: amount {str(value)[:40]!r}")
    return value


@dataclass(frozen=True)
class PaymentIntent:
    id: str
    status: str
    amount: int
    currency: str
    client_secret: str = ""
    order_number: str = ""
    last_error: str = ""


@dataclass(frozen=True)
class WebhookEvent:
    id: str
    type: str
    created: datetime.datetime
    object_type: str
    object_id: str
    amount: int | None
    currency: str
    order_number: str
    last_error: str = ""
    # Refund and charge events: the PaymentIntent they belong to, the refund's status, our
    # refund record (metadata), and for ``charge.refunded`` the charge's total refunded.
    payment_intent: str = ""
    status: str = ""
    refund_record: str = ""
    amount_refunded: int | None = None


@dataclass(frozen=True)
class Refund:
    id: str
    status: str
    amount: int
    currency: str
    payment_intent: str = ""


def is_configured() -> bool:
    """Card payment is offered only when both keys are set."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def publishable_key() -> str:
    return settings.STRIPE_PUBLISHABLE_KEY


def to_stripe_amount(amount: Decimal, currency: str) -> int:
    """A Decimal amount in major units → Stripe's integer in the smallest unit."""
    minor = amount if currency.lower() in ZERO_DECIMAL_CURRENCIES else amount * 100
    if minor != minor.to_integral_value():
        raise ValueError(f"{amount} {currency} has a fraction of the smallest unit")
    return int(minor)


def from_stripe_amount(amount: int, currency: str) -> Decimal:
    value = Decimal(amount)
    return value if currency.lower() in ZERO_DECIMAL_CURRENCIES else value / 100


def within_card_limit(amount: Decimal, currency: str) -> bool:
    return to_stripe_amount(amount, currency) <= MAX_AMOUNT


def _client() -> stripe.StripeClient:
    # One shared keep-alive HTTP client per process, unless a test installed its own.
    stripe.ensure_default_http_client()
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, http_client=stripe.default_http_client, max_network_retries=2
    )


def _intent(resource) -> PaymentIntent:
    obj = resource.to_dict()
    error = obj.get("last_payment_error") or {}
    return PaymentIntent(
        id=obj["id"],
        status=obj["status"],
        amount=obj["amount"],
        currency=obj["currency"],
        client_secret=obj.get("client_secret") or "",
        order_number=(obj.get("metadata") or {}).get("order_number", ""),
        last_error=error.get("message", "") if isinstance(error, dict) else "",
    )


def create_payment_intent(
    *, order_number: str, amount: Decimal, currency: str, idempotency_key: str, email: str = ""
) -> PaymentIntent:
    """A PaymentIntent for one placed order. The idempotency key is the order's, so a
    repeated submit gets the same intent back instead of a second charge."""
    params = {
        "amount": to_stripe_amount(amount, currency),
        "currency": currency.lower(),
        "automatic_payment_methods": {"enabled": True},
        "description": f"OCOP đơn hàng {order_number}",
        "metadata": {"order_number": order_number},
    }
    if email:
        params["receipt_email"] = email
    try:
        obj = _client().v1.payment_intents.create(
            params=params, options={"idempotency_key": idempotency_key}
        )
    except stripe.StripeError as exc:
        raise PaymentError(f"Stripe: {exc.user_message or exc}") from exc
    return _intent(obj)


def retrieve_payment_intent(intent_id: str) -> PaymentIntent:
    try:
        return _intent(_client().v1.payment_intents.retrieve(intent_id))
    except stripe.StripeError as exc:
        raise PaymentError(f"Stripe: {exc.user_message or exc}") from exc


def cancel_payment_intent(intent_id: str) -> PaymentIntent:
    try:
        return _intent(_client().v1.payment_intents.cancel(intent_id))
    except stripe.StripeError as exc:
        raise PaymentError(f"Stripe: {exc.user_message or exc}") from exc


def create_refund(
    *, payment_intent: str, amount: Decimal, currency: str, idempotency_key: str, order_number: str, refund_record: int
) -> Refund:
    """Refund ``amount`` of a paid PaymentIntent. The key is the refund record's, so a
    double submit or a retry gets the same Stripe refund back instead of a second one."""
    params = {
        "payment_intent": payment_intent,
        "amount": to_stripe_amount(amount, currency),
        "metadata": {"order_number": order_number, "refund_record": str(refund_record)},
    }
    try:
        obj = _client().v1.refunds.create(params=params, options={"idempotency_key": idempotency_key})
    except stripe.StripeError as exc:
        raise PaymentError(f"Stripe: {exc.user_message or exc}") from exc
    data = obj.to_dict()
    return Refund(id=data["id"], status=data.get("status") or "", amount=data["amount"],
                  currency=data["currency"], payment_intent=data.get("payment_intent") or "")


def find_refund(*, payment_intent: str, refund_record: int) -> Refund | None:
    """The Stripe refund made for our refund record, if Stripe has one: a retry looks first,
    because Stripe forgets idempotency keys after 24 hours and the key alone would then make
    a second refund."""
    try:
        page = _client().v1.refunds.list(params={"payment_intent": payment_intent, "limit": 100})
    except stripe.StripeError as exc:
        raise PaymentError(f"Stripe: {exc.user_message or exc}") from exc
    for obj in page.auto_paging_iter():
        data = obj.to_dict()
        if (data.get("metadata") or {}).get("refund_record") == str(refund_record):
            return Refund(id=data["id"], status=data.get("status") or "", amount=data["amount"],
                          currency=data["currency"], payment_intent=data.get("payment_intent") or "")
    return None


def verify_webhook(payload: bytes, signature: str | None) -> WebhookEvent:
    """Check the ``Stripe-Signature`` header (HMAC-SHA256 with the endpoint secret, within
    the tolerance) and read the event. Anything wrong raises ``InvalidWebhook``."""
    try:
        stripe.WebhookSignature.verify_header(
            payload, signature, settings.STRIPE_WEBHOOK_SECRET, WEBHOOK_TOLERANCE
        )
        data = json.loads(payload)
        obj = data["data"]["object"]
        amount = obj.get("amount_received") or obj.get("amount")
        error = obj.get("last_payment_error") or {}
        message = str(error.get("message", "")) if isinstance(error, dict) else ""
        message = message or str(obj.get("failure_reason") or "")  # a refund's reason to fail
        return WebhookEvent(
            id=_checked(data["id"], _STRIPE_ID, "id"),
            type=_checked(data["type"], _EVENT_TYPE, "type"),
            created=_event_time(data["created"]),
            object_type=_checked(obj.get("object", ""), _EVENT_TYPE, "object", optional=True),
            object_id=_checked(obj.get("id", ""), _STRIPE_ID, "object id", optional=True),
            amount=_event_amount(amount),
            currency=_checked(obj.get("currency", ""), _CURRENCY, "currency", optional=True),
            order_number=_checked((obj.get("metadata") or {}).get("order_number", ""), _ORDER_NUMBER,
                                  "order number", optional=True),
            last_error=message.replace("\x00", "")[:MAX_ERROR_LENGTH],
            payment_intent=_checked(obj.get("payment_intent") or "", _STRIPE_ID, "payment intent", optional=True),
            status=_checked(obj.get("status") or "", _EVENT_TYPE, "status", optional=True),
            refund_record=_checked((obj.get("metadata") or {}).get("refund_record", ""), _REFUND_RECORD,
                                   "refund record", optional=True),
            amount_refunded=_event_amount(obj.get("amount_refunded")),
        )
    except stripe.SignatureVerificationError as exc:
        raise InvalidWebhook(f"signature: {exc}") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InvalidWebhook(f"malformed event: {exc!r}") from exc
