"""Helpers for checkout tests: Stripe's HTTP layer replaced by a recording fake, webhook
payloads signed exactly as Stripe signs them, and the checkout walked over HTTP."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlparse

import stripe
from django.urls import reverse
from oscar.core.loading import get_model

Ward = get_model("catalogue", "Ward")

WEBHOOK_SECRET = "whsec_test_ocop_checkout"
GUEST_EMAIL = "khach@example.vn"


@dataclass
class RecordedRequest:
    method: str
    path: str
    params: dict
    idempotency_key: str | None


@dataclass
class FakeStripeHTTP(stripe.HTTPClient):
    """Answers the few Stripe endpoints the gateway uses with canned JSON and records
    every request. Thread-safe: the concurrency test shares one."""

    name = "fake-stripe"
    requests: list[RecordedRequest] = field(default_factory=list)
    intents: dict[str, dict] = field(default_factory=dict)
    by_idempotency_key: dict[str, str] = field(default_factory=dict)
    fail_next_create: bool = False
    fail_next_refund: bool = False
    refunds: dict[str, dict] = field(default_factory=dict)  # by idempotency key (forgotten after 24 h)
    all_refunds: list[dict] = field(default_factory=list)  # every refund made, for GET /v1/refunds
    new_refund_status: str = "pending"  # what Stripe answers for a new refund ("failed": refused at once)

    def __post_init__(self):
        super().__init__()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        path = urlparse(url).path
        params = dict(parse_qsl(post_data or urlparse(url).query or ""))
        key = (headers or {}).get("Idempotency-Key")
        with self._lock:
            self.requests.append(RecordedRequest(method, path, params, key))
            if method == "post" and path == "/v1/payment_intents":
                if self.fail_next_create:
                    self.fail_next_create = False
                    return self._error(402, "card_error", "Thẻ bị từ chối.")
                if key in self.by_idempotency_key:
                    return self._ok(self.intents[self.by_idempotency_key[key]])
                intent_id = f"pi_fake_{next(self._ids)}"
                intent = {
                    "id": intent_id, "object": "payment_intent", "amount": int(params["amount"]),
                    "currency": params["currency"], "status": "requires_payment_method",
                    "client_secret": f"{intent_id}_secret_fake", "last_payment_error": None,
                    "metadata": {"order_number": params.get("metadata[order_number]", "")},
                }
                self.intents[intent_id] = intent
                self.by_idempotency_key[key] = intent_id
                return self._ok(intent)
            if method == "post" and path == "/v1/refunds":
                return self._refund(params, key)
            if method == "get" and path == "/v1/refunds":
                found = [r for r in self.all_refunds if r["payment_intent"] == params.get("payment_intent")]
                return self._ok({"object": "list", "url": "/v1/refunds", "has_more": False, "data": found})
            parts = path.strip("/").split("/")
            if parts[:2] == ["v1", "payment_intents"] and len(parts) >= 3 and parts[2] in self.intents:
                intent = self.intents[parts[2]]
                if method == "post" and parts[3:] == ["cancel"]:
                    intent["status"] = "canceled"
                return self._ok(intent)
            return self._error(404, "invalid_request_error", f"No such resource: {path}")

    def close(self):
        pass

    def _refund(self, params, key):
        """A refund of a known intent, pending as Stripe answers it; once per idempotency key:
        a repeated key gets the same refund back, as Stripe's idempotency does."""
        if self.fail_next_refund:
            self.fail_next_refund = False
            return self._error(400, "invalid_request_error", "Charge has already been refunded.")
        if key in self.refunds:
            return self._ok(self.refunds[key])
        intent_id = params.get("payment_intent", "")
        if intent_id not in self.intents:
            return self._error(404, "invalid_request_error", f"No such payment_intent: {intent_id}")
        refund = {"id": f"re_fake_{next(self._ids)}", "object": "refund", "amount": int(params["amount"]),
                  "currency": self.intents[intent_id]["currency"], "status": self.new_refund_status,
                  "payment_intent": intent_id,
                  "metadata": {"order_number": params.get("metadata[order_number]", ""),
                               "refund_record": params.get("metadata[refund_record]", "")}}
        self.refunds[key] = refund
        self.all_refunds.append(refund)
        return self._ok(refund)

    def forget_idempotency_keys(self):
        """What Stripe does after 24 hours: a repeated key makes a new object."""
        self.refunds.clear()

    def created_refunds(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == "post" and r.path == "/v1/refunds"]

    @staticmethod
    def _ok(obj):
        return json.dumps(obj), 200, {"request-id": "req_fake"}

    @staticmethod
    def _error(status, kind, message):
        return json.dumps({"error": {"type": kind, "message": message}}), status, {"request-id": "req_fake"}

    def created_intents(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == "post" and r.path == "/v1/payment_intents"]

    def set_status(self, intent_id: str, status: str, error: str = "") -> None:
        self.intents[intent_id]["status"] = status
        self.intents[intent_id]["last_payment_error"] = {"message": error} if error else None


def sign(payload: str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


def intent_event(*, event_id: str, event_type: str, intent_id: str, amount: int, currency: str = "vnd",
                 order_number: str = "", created: int | None = None) -> dict:
    status = {"payment_intent.succeeded": "succeeded", "payment_intent.canceled": "canceled",
              "payment_intent.payment_failed": "requires_payment_method",
              "payment_intent.processing": "processing"}.get(event_type, "requires_payment_method")
    return {
        "id": event_id, "object": "event", "type": event_type, "api_version": "2025-01-27",
        "created": created or int(time.time()), "livemode": False,
        "data": {"object": {
            "id": intent_id, "object": "payment_intent", "amount": amount,
            "amount_received": amount if status == "succeeded" else 0, "currency": currency,
            "status": status, "metadata": {"order_number": order_number},
            "last_payment_error": {"message": "Thẻ bị từ chối."} if event_type.endswith("failed") else None,
        }},
    }


def refund_event(*, event_id: str, event_type: str, refund: dict, status: str, failure_reason: str = "") -> dict:
    """``refund.updated`` / ``refund.failed`` for a refund the fake Stripe made."""
    obj = {**refund, "status": status, "failure_reason": failure_reason or None}
    return {"id": event_id, "object": "event", "type": event_type, "api_version": "2025-01-27",
            "created": int(time.time()), "livemode": False, "data": {"object": obj}}


def charge_refunded_event(*, event_id: str, intent_id: str, amount: int, amount_refunded: int,
                          currency: str = "vnd") -> dict:
    """``charge.refunded``: the charge of the intent, with the total refunded so far."""
    return {"id": event_id, "object": "event", "type": "charge.refunded", "api_version": "2025-01-27",
            "created": int(time.time()), "livemode": False, "data": {"object": {
                "id": f"ch_{intent_id}", "object": "charge", "amount": amount, "amount_refunded": amount_refunded,
                "currency": currency, "payment_intent": intent_id, "refunded": amount_refunded >= amount,
                "status": "succeeded", "metadata": {}}}}


def post_webhook(client, event: dict | str, *, signature: str | None = "sign", **sign_kwargs):
    payload = event if isinstance(event, str) else json.dumps(event)
    headers = {}
    if signature == "sign":
        headers["HTTP_STRIPE_SIGNATURE"] = sign(payload, **sign_kwargs)
    elif signature is not None:
        headers["HTTP_STRIPE_SIGNATURE"] = signature
    return client.post(reverse("checkout:stripe-webhook"), data=payload, content_type="application/json", **headers)


def address(province_slug: str = "lam-dong", **overrides) -> dict:
    ward = Ward.objects.filter(province__slug=province_slug).order_by("code").first()
    data = {
        "first_name": "Nguyễn Thị Hoa", "phone_number": "0912 345 678", "line1": "12 Đường Trần Phú",
        "province": province_slug, "ward": ward.code, "notes": "",
    }
    data.update(overrides)
    return data


def add_to_basket(client, product, quantity: int = 1):
    return client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})


def checkout_to_preview(client, *, method: str, email: str = GUEST_EMAIL, shipping: bool = True,
                        shipping_method: str = "giao-tieu-chuan", province: str = "lam-dong"):
    """Walk a guest (or a signed-in client, which skips the gateway) to the preview page."""
    response = client.get(reverse("checkout:index"))
    if response.status_code == 200:
        response = client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
        assert response.status_code == 302, response.content[:500]
    if shipping:
        response = client.post(reverse("checkout:shipping-address"), address(province))
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        response = client.post(reverse("checkout:shipping-method"), {"method_code": shipping_method})
        assert response.status_code == 302, response
    else:
        client.get(reverse("checkout:shipping-method"))  # records "no shipping required"
    response = client.post(reverse("checkout:payment-method"), {"payment_method": method})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    preview = client.get(reverse("checkout:preview"))
    assert preview.status_code == 200, preview
    return preview


def place_order(client, follow=False, **extra):
    return client.post(reverse("checkout:preview"), {"action": "place_order", **extra}, follow=follow)


class BrokenMailServer:
    """An e-mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPServerDisconnected("mail server down")
