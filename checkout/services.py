"""Writes of the checkout: payment sources and events, paid / cancelled, the card intent,
the confirmation e-mail. Views, webhooks and commands call these."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from checkout import statuses
from checkout.models import OrderNumber
from checkout.payments import stripe_gateway
from checkout.payments.methods import SOURCE_TYPES, Method
from checkout.placement import release_stock
from checkout.selectors import is_paid, payment_source
from checkout.selectors import payment_method_of  # noqa: F401  checkout.views and the GraphQL actions import it from here
from checkout.tasks import send_order_cancelled, send_order_confirmation

logger = logging.getLogger("ocop.checkout")

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")


class PaymentStateError(Exception):
    """The order is not in a state where that payment step makes sense."""


def source_type_for(method: Method):
    code, name = SOURCE_TYPES[method]
    source_type, _created = SourceType.objects.get_or_create(code=code, defaults={"name": name})
    return source_type


def next_order_number(*, basket_id: int | None) -> str:
    """A fresh order number; unique under any concurrency (see ``OrderNumber``)."""
    return OrderNumber.objects.create(basket_id=basket_id).number


def record_payment_event(*, order, name: str, amount: Decimal, reference: str = "") -> "PaymentEvent":
    event_type, _created = PaymentEventType.objects.get_or_create(name=name)
    return PaymentEvent.objects.create(order=order, event_type=event_type, amount=amount, reference=reference)


def order_flag(*, order, message: str) -> None:
    """Leave a warning the office sees on the order in the dashboard."""
    OrderNote.objects.create(order=order, note_type=OrderNote.WARNING, message=message)
    logger.warning("Order #%s flagged: %s", order.number, message)


@transaction.atomic
def order_mark_paid(*, order, amount: Decimal, reference: str, by: str, record_event: bool = True) -> bool:
    """Record the money as received. Returns False (and changes nothing) when it already
    was; a cancelled order is flagged instead, since the money has to be sent back or the
    order revived by a person. ``record_event=False`` when the caller records the
    provider's own event on the order (the webhook)."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    source = order.sources.select_for_update().first()
    if source is None:
        raise PaymentStateError(f"order {order.number} has no payment source")
    if source.amount_debited >= order.total_incl_tax:
        return False
    source.debit(amount, reference=reference, status="paid")
    if record_event:
        record_payment_event(order=order, name=_("Đã thanh toán (%s)") % by, amount=amount, reference=reference)
    if order.status == statuses.CANCELLED:
        order_flag(order=order, message=_(
            "Đã nhận %(amount)s ₫ (%(by)s, %(ref)s) cho đơn đã hủy: cần hoàn tiền hoặc khôi phục đơn."
        ) % {"amount": amount, "by": by, "ref": reference})
    elif order.status == statuses.AWAITING_PAYMENT:
        order.set_status(statuses.PAID)
    return True


@transaction.atomic
def order_cancel_unpaid(*, order, reason: str) -> bool:
    """Cancel an order nobody has paid for and give its stock back. False if it was
    already cancelled; PaymentStateError if money was received."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status == statuses.CANCELLED:
        return False
    if is_paid(order):
        raise PaymentStateError(f"order {order.number} is paid; refund it instead")
    release_stock(order)
    order.set_status(statuses.CANCELLED)
    OrderNote.objects.create(order=order, note_type=OrderNote.SYSTEM, message=reason)
    return True


def attach_payment_source(*, order, method: Method, reference: str = "") -> "Source":
    return Source.objects.create(
        order=order, source_type=source_type_for(method), currency=order.currency,
        amount_allocated=order.total_incl_tax, reference=reference,
    )


def card_idempotency_key(order) -> str:
    """One key per order attempt: every placement has its own order number."""
    return f"ocop-order-{order.number}-payment-intent"


def start_card_payment(*, order) -> stripe_gateway.PaymentIntent:
    """Create (or, on a repeat, get back) the PaymentIntent for a placed card order and
    remember its id on the order's payment source. Called after the placement commits."""
    intent = stripe_gateway.create_payment_intent(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        idempotency_key=card_idempotency_key(order),
        email=order.email or "",
    )
    Source.objects.filter(order=order, source_type__code=SOURCE_TYPES[Method.CARD][0]).update(
        reference=intent.id
    )
    return intent


def order_status_path(order) -> str:
    return reverse(
        "checkout:order-status", kwargs={"number": order.number, "token": order.verification_hash()}
    )


def card_payment_path(order) -> str:
    return reverse(
        "checkout:card-payment", kwargs={"number": order.number, "token": order.verification_hash()}
    )


def queue_order_confirmation(*, order, status_url: str) -> None:
    """After the commit, never inside it: an e-mail that fails must not undo the order."""
    order_id = order.pk
    transaction.on_commit(lambda: send_order_confirmation.enqueue(order_id=order_id, status_url=status_url))


def cancel_abandoned_card_orders(*, older_than: datetime.timedelta) -> list[str]:
    """Card orders still unpaid after ``older_than`` give their stock back: the intent is
    cancelled at Stripe first, so no late payment can land on a cancelled order. An intent
    that Stripe says succeeded or is processing is left for its webhook."""
    cutoff = timezone.now() - older_than
    cancelled = []
    waiting = Order.objects.filter(
        status=statuses.AWAITING_PAYMENT, date_placed__lt=cutoff,
        sources__source_type__code=SOURCE_TYPES[Method.CARD][0],
    ).distinct()
    for order in waiting:
        source = payment_source(order)
        if source.amount_debited >= order.total_incl_tax:
            continue
        if source.reference:
            intent = stripe_gateway.retrieve_payment_intent(source.reference)
            if intent.status in {"succeeded", "processing"}:
                continue
            if intent.status != "canceled":
                stripe_gateway.cancel_payment_intent(source.reference)
        if order_cancel_unpaid(order=order, reason=_("Hết thời gian thanh toán thẻ; đơn tự hủy.")):
            cancelled.append(order.number)
    return cancelled


def expire_unpaid_transfers(*, older_than: datetime.timedelta) -> list[str]:
    """VietQR transfer orders whose money has not arrived after ``older_than`` are cancelled:
    their stock goes back on sale and the shopper is told by e-mail why."""
    cutoff = timezone.now() - older_than
    expired = []
    waiting = Order.objects.filter(
        status=statuses.AWAITING_PAYMENT, date_placed__lt=cutoff,
        sources__source_type__code=SOURCE_TYPES[Method.TRANSFER][0],
    ).distinct().order_by("pk")
    reason = _("Chưa nhận được chuyển khoản trong thời hạn; đơn tự hủy và hàng được mở bán lại.")
    for order in waiting:
        try:
            cancelled = order_cancel_unpaid(order=order, reason=reason)
        except PaymentStateError:
            continue  # paid meanwhile: the money arrived, nothing to expire
        if cancelled:
            order_id = order.pk
            transaction.on_commit(lambda: send_order_cancelled.enqueue(order_id=order_id, reason=str(reason)))
            expired.append(order.number)
    return expired


def expire_unpaid_orders() -> list[str]:
    """Both expiries with the configured delays (``manage.py expire_unpaid_orders``, the
    daily job): transfers always, card orders when Stripe is configured."""
    numbers = expire_unpaid_transfers(older_than=datetime.timedelta(hours=settings.OCOP_TRANSFER_EXPIRY_HOURS))
    if stripe_gateway.is_configured():
        numbers += cancel_abandoned_card_orders(
            older_than=datetime.timedelta(minutes=settings.OCOP_CARD_EXPIRY_MINUTES)
        )
    return numbers
