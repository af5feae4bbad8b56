"""Stripe webhook events → order changes. Each event id is handled once (the unique
``PaymentWebhookEvent.event_id``), events may come in any order (the order's payment only
moves forward: paid stays paid), the amount and currency must match the order, and every
event about a known order is recorded on it as an Oscar payment event."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from checkout import statuses
from checkout.models import PaymentWebhookEvent, Refund
from checkout.payments.methods import SOURCE_TYPES, Method
from checkout.payments.refunds import money, refund_fail, refund_settle
from checkout.payments.stripe_gateway import WebhookEvent, from_stripe_amount, to_stripe_amount
from checkout.selectors import is_paid
from checkout.services import (
    PaymentStateError,
    order_cancel_unpaid,
    order_flag,
    order_mark_paid,
    queue_order_confirmation,
    record_payment_event,
)

logger = logging.getLogger("ocop.checkout")

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Source = get_model("payment", "Source")

Outcome = PaymentWebhookEvent.Outcome


def find_order(event: WebhookEvent):
    """The card order this event is about: by the PaymentIntent id we stored, else by the
    order number in the intent's metadata (an intent we had not yet recorded)."""
    intent_id = event.payment_intent or event.object_id  # refund and charge events name their intent
    source = (
        Source.objects.filter(reference=intent_id, source_type__code=SOURCE_TYPES[Method.CARD][0])
        .select_related("order")
        .first()
        if intent_id
        else None
    )
    if source is not None:
        return source.order
    if event.order_number:
        return Order.objects.filter(
            number=event.order_number, sources__source_type__code=SOURCE_TYPES[Method.CARD][0]
        ).first()
    return None


def _amount_matches(event: WebhookEvent, order) -> bool:
    return event.currency.lower() == order.currency.lower() and event.amount == to_stripe_amount(
        order.total_incl_tax, order.currency
    )


def _succeeded(event: WebhookEvent, order, record: PaymentWebhookEvent, status_url_for) -> None:
    if not _amount_matches(event, order):
        record.outcome, record.needs_attention = Outcome.AMOUNT_MISMATCH, True
        record.detail = f"expected {to_stripe_amount(order.total_incl_tax, order.currency)} {order.currency.lower()}"
        order_flag(order=order, message=_(
            "Stripe báo đã thu %(amount)s %(currency)s (sự kiện %(event)s) nhưng đơn là %(total)s %(order_currency)s: "
            "chưa đánh dấu đã thanh toán, cần kiểm tra."
        ) % {"amount": event.amount, "currency": event.currency, "event": event.id,
             "total": order.total_incl_tax, "order_currency": order.currency})
        return
    newly_paid = order_mark_paid(
        order=order, amount=from_stripe_amount(event.amount, event.currency), reference=event.object_id, by="Stripe",
        record_event=False,
    )
    record.outcome = Outcome.APPLIED if newly_paid else Outcome.RECORDED
    if newly_paid:
        order.refresh_from_db()
        if order.status == statuses.CANCELLED:
            record.needs_attention = True
        if order.basket_id:
            Basket.objects.filter(pk=order.basket_id, status=Basket.FROZEN).update(status=Basket.SUBMITTED)
        queue_order_confirmation(order=order, status_url=status_url_for(order))


def _canceled(event: WebhookEvent, order, record: PaymentWebhookEvent, status_url_for) -> None:
    if is_paid(order) or order.status == statuses.CANCELLED:
        record.outcome = Outcome.RECORDED
        return
    try:
        order_cancel_unpaid(order=order, reason=_("Stripe đã hủy thanh toán (%s).") % event.id)
    except PaymentStateError:
        record.outcome = Outcome.RECORDED
        return
    if order.basket_id:  # the shopper's basket comes back, as if payment never started
        Basket.objects.filter(pk=order.basket_id, status=Basket.FROZEN).update(status=Basket.OPEN)
    record.outcome = Outcome.APPLIED


def _recorded_only(event: WebhookEvent, order, record: PaymentWebhookEvent, status_url_for) -> None:
    # A failed attempt leaves the order open for another card; a late "processing" or
    # "failed" after success changes nothing. Both stay on the order's history.
    record.outcome = Outcome.RECORDED


def _our_refund(event: WebhookEvent, order) -> Refund | None:
    """The refund record a Stripe refund event is about: by the Stripe refund id we stored,
    else by our record's id in its metadata (the webhook can beat our own save of the id)."""
    refunds = Refund.objects.filter(order=order)
    found = refunds.filter(reference=event.object_id).first() if event.object_id else None
    if found is None and event.refund_record:
        found = refunds.filter(pk=int(event.refund_record)).first()
    return found


def _refund_changed(event: WebhookEvent, order, record: PaymentWebhookEvent, status_url_for) -> None:
    refund = _our_refund(event, order)
    if refund is None:
        record.outcome, record.needs_attention = Outcome.RECORDED, True
        record.detail = "refund made outside the shop"
        order_flag(order=order, message=_("Stripe báo một khoản hoàn tiền (%s) không do cửa hàng tạo: cần kiểm tra.")
                   % event.object_id)
        return
    if event.status == "succeeded":
        if event.amount != to_stripe_amount(refund.amount, order.currency):
            record.outcome, record.needs_attention = Outcome.AMOUNT_MISMATCH, True
            order_flag(order=order, message=_(
                "Stripe báo hoàn %(amount)s nhưng yêu cầu hoàn là %(expected)s: cần kiểm tra."
            ) % {"amount": event.amount, "expected": money(refund.amount, order)})
            return
        applied = refund_settle(refund=refund, reference=event.object_id)
    elif event.status in {"failed", "canceled"}:
        applied = refund_fail(refund=refund, detail=event.last_error or event.status)
    else:
        applied = False  # pending, requires_action: wait for the next event
    record.outcome = Outcome.APPLIED if applied else Outcome.RECORDED


def _charge_refunded(event: WebhookEvent, order, record: PaymentWebhookEvent, status_url_for) -> None:
    """The charge's ``amount_refunded`` is the total Stripe sent back: settle our pending
    refunds, oldest first, as far as that total covers them."""
    covered = from_stripe_amount(event.amount_refunded or 0, order.currency)
    settled = Refund.objects.filter(order=order, state=Refund.State.SUCCEEDED).aggregate(t=Sum("amount"))["t"]
    covered -= settled or 0
    applied = False
    for refund in Refund.objects.filter(order=order, state=Refund.State.PENDING).exclude(reference=""):
        if refund.amount > covered:
            break
        applied = refund_settle(refund=refund, reference=refund.reference) or applied
        covered -= refund.amount
    record.outcome = Outcome.APPLIED if applied else Outcome.RECORDED


HANDLERS: dict[str, Callable] = {
    "charge.refunded": _charge_refunded,
    "refund.created": _refund_changed,
    "refund.updated": _refund_changed,
    "refund.failed": _refund_changed,
    "charge.refund.updated": _refund_changed,
    "payment_intent.succeeded": _succeeded,
    "payment_intent.canceled": _canceled,
    "payment_intent.payment_failed": _recorded_only,
    "payment_intent.processing": _recorded_only,
    "payment_intent.requires_action": _recorded_only,
    "payment_intent.created": _recorded_only,
}


def handle_stripe_event(event: WebhookEvent, *, status_url_for: Callable[[object], str]) -> PaymentWebhookEvent:
    with transaction.atomic():
        record, created = PaymentWebhookEvent.objects.get_or_create(
            event_id=event.id,
            defaults={
                "event_type": event.type, "object_id": event.object_id, "amount": event.amount,
                "currency": event.currency, "created_at_provider": event.created, "outcome": Outcome.RECORDED,
            },
        )
        if not created:
            return record  # a replay: already handled, nothing changes
        handler = HANDLERS.get(event.type)
        if handler is None:
            record.outcome = Outcome.IGNORED
            record.save(update_fields=["outcome"])
            return record
        order = find_order(event)
        if order is None:
            record.outcome, record.needs_attention = Outcome.UNKNOWN_ORDER, True
            record.detail = f"order number {event.order_number!r}"
            record.save(update_fields=["outcome", "needs_attention", "detail"])
            logger.warning("Stripe event %s (%s) names no known order", event.id, event.type)
            return record
        order = Order.objects.select_for_update().get(pk=order.pk)
        record.order = order
        handler(event, order, record, status_url_for)
        record_payment_event(
            order=order, name=f"Stripe: {event.type}",
            amount=from_stripe_amount(event.amount or 0, event.currency or order.currency),
            reference=event.id,
        )
        if event.last_error:
            record.detail = event.last_error
        record.save()
    return record
