"""Refunds of paid orders: the whole order or chosen lines and quantities.

The amount is always computed here, from the order's own line prices (and its shipping,
for a full refund only). A card refund goes to Stripe after the refund record commits, with
that record's idempotency key, and stays pending until Stripe's webhook settles it; a cash
on delivery or VietQR refund is money the office has sent itself, so it settles at once.
Settling is Oscar's bookkeeping: ``Source.refund``, a payment event with the refunded line
quantities, an order note, the stock back if the goods came back, "Đã hoàn tiền" once
every đồng paid went back, and an e-mail to the shopper after the commit.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model
from oscar.templatetags.currency_filters import currency

from checkout import statuses
from checkout.models import Refund, RefundLine
from checkout.payments import stripe_gateway
from checkout.payments.methods import Method
from checkout.placement import give_back_stock
from checkout.selectors import payment_method_of, payment_source
from checkout.services import order_flag, record_payment_event
from checkout.tasks import send_order_refunded

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
PaymentError = get_class("payment.exceptions", "PaymentError")

# Statuses a full refund moves to "Đã hoàn tiền" (a cancelled order that was paid anyway stays cancelled).
REFUNDABLE_STATUSES = (statuses.PAID, statuses.SHIPPING, statuses.COMPLETE)
REFUND_EVENT = "Hoàn tiền"
MAX_REASON_LENGTH = 1000


class RefundRefused(Exception):
    """The refund asked for cannot be made; the message says why, for the office."""


@dataclass(frozen=True)
class PlannedLine:
    line: object
    quantity: int
    amount: Decimal


@dataclass(frozen=True)
class RefundPlan:
    lines: list[PlannedLine] = field(default_factory=list)
    amount: Decimal = Decimal(0)
    includes_shipping: bool = False


def money(amount: Decimal, order) -> str:
    """150.000 ₫, as the rest of the shop writes it."""
    return currency(amount, order.currency)


def _dong(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _live_refund_lines(order):
    # Pending refunds count too: a second submit while Stripe works must not refund again.
    return RefundLine.objects.filter(refund__order=order).exclude(refund__state=Refund.State.FAILED)


def refunded_quantities(order) -> dict[int, int]:
    rows = _live_refund_lines(order).values("line_id").annotate(quantity=Sum("quantity"))
    return {row["line_id"]: row["quantity"] for row in rows}


def _refunded_line_amounts(order) -> dict[int, Decimal]:
    rows = _live_refund_lines(order).values("line_id").annotate(amount=Sum("amount"))
    return {row["line_id"]: row["amount"] for row in rows}


def refundable_amount(order) -> Decimal:
    """What was paid and is not yet refunded (or on its way back)."""
    source = payment_source(order)
    if source is None:
        return Decimal(0)
    claimed = order.refunds.exclude(state=Refund.State.FAILED).aggregate(total=Sum("amount"))["total"]
    return max(source.amount_debited - (claimed or Decimal(0)), Decimal(0))


def can_refund(order) -> bool:
    return refundable_amount(order) > 0


def plan_refund(order, *, full: bool, quantities: dict[int, int]) -> RefundPlan:
    """The lines and amount of a refund, from the order's prices. ``quantities`` maps line
    ids to how many to refund; lines not on this order are refused, as is more than is left."""
    remaining_amount = refundable_amount(order)
    if remaining_amount <= 0:
        raise RefundRefused(_("Đơn %s không còn khoản nào để hoàn tiền.") % order.number)
    lines = {line.pk: line for line in order.lines.order_by("pk")}
    done = refunded_quantities(order)
    if full:
        done_amounts = _refunded_line_amounts(order)
        planned = [PlannedLine(line, line.quantity - done.get(pk, 0),
                               line.line_price_incl_tax - done_amounts.get(pk, Decimal(0)))
                   for pk, line in lines.items() if line.quantity > done.get(pk, 0)]
        return RefundPlan(lines=planned, amount=remaining_amount, includes_shipping=order.shipping_incl_tax > 0)
    planned = []
    for line_id, quantity in sorted(quantities.items()):
        if quantity == 0:
            continue
        line = lines.get(line_id)
        if line is None or quantity < 0:
            raise RefundRefused(_("Dòng hàng không thuộc đơn này hoặc số lượng không hợp lệ."))
        left = line.quantity - done.get(line_id, 0)
        if quantity > left:
            raise RefundRefused(_("“%(title)s”: chỉ còn %(left)s sản phẩm có thể hoàn tiền, không thể hoàn %(wanted)s.")
                                % {"title": line.title, "left": left, "wanted": quantity})
        planned.append(PlannedLine(line, quantity, _dong(line.line_price_incl_tax * quantity / line.quantity)))
    if not planned:
        raise RefundRefused(_("Chọn ít nhất một sản phẩm để hoàn tiền, hoặc hoàn toàn bộ đơn."))
    amount = sum((p.amount for p in planned), Decimal(0))
    if amount > remaining_amount:
        raise RefundRefused(_("Số tiền hoàn %(amount)s vượt quá số còn có thể hoàn (%(left)s).")
                            % {"amount": money(amount, order), "left": money(remaining_amount, order)})
    return RefundPlan(lines=planned, amount=amount)


def _check_text(value: str, *, name: str, required: bool, max_length: int) -> str:
    value = (value or "").strip()
    if "\x00" in value or len(value) > max_length:
        raise RefundRefused(_("%s không hợp lệ.") % name)
    if required and not value:
        raise RefundRefused(_("Cần ghi %s.") % name)
    return value


def do_refund(*, order, full: bool, quantities: dict[int, int], reason: str, reference: str = "",
              restock: bool = False, user=None) -> Refund:
    """Refund a paid order. Card orders: the refund is asked of Stripe and stays pending
    until its webhook; a Stripe error marks the record failed (nothing refunded) and raises
    ``PaymentError``. Cash and transfer orders: recorded as refunded at once, with the
    reference of the office's own transfer. ``RefundRefused`` when the request is wrong."""
    reason = _check_text(reason, name=_("lý do hoàn tiền"), required=True, max_length=MAX_REASON_LENGTH)
    method = payment_method_of(order)
    by_card = method == Method.CARD
    reference = _check_text(reference, name=_("mã giao dịch chuyển trả"), required=not by_card, max_length=128)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)  # one refund of an order at a time
        plan = plan_refund(order, full=full, quantities=quantities)
        intent_id = payment_source(order).reference
        if by_card and not intent_id:
            raise RefundRefused(_("Đơn thẻ này không có mã thanh toán Stripe; không thể hoàn qua Stripe."))
        refund = Refund.objects.create(
            order=order, amount=plan.amount, includes_shipping=plan.includes_shipping, reason=reason,
            reference="" if by_card else reference, restock=restock and order.status != statuses.CANCELLED,
            created_by=user if user is not None and user.is_authenticated else None,
        )
        RefundLine.objects.bulk_create(
            RefundLine(refund=refund, line=p.line, quantity=p.quantity, amount=p.amount) for p in plan.lines)
        OrderNote.objects.create(order=order, note_type=OrderNote.SYSTEM, user=refund.created_by, message=_(
            "Yêu cầu hoàn tiền %(amount)s (%(kind)s). Lý do: %(reason)s") % {
            "amount": money(plan.amount, order), "kind": _("toàn bộ đơn") if full else _("một phần"), "reason": reason})
        if not by_card:
            refund_settle(refund=refund, reference=reference)
            refund.refresh_from_db()
            return refund
    return _ask_stripe(refund, intent_id=intent_id)


def _ask_stripe(refund: Refund, *, intent_id: str, retry: bool = False) -> Refund:
    """Outside the transaction: the refund record exists (and holds its quantities) before
    the money moves, so a crash in between leaves a pending record, never an unknown refund.
    A retry keeps the record pending on a Stripe error: Stripe may hold the first request."""
    order = refund.order
    try:
        found = stripe_gateway.find_refund(payment_intent=intent_id, refund_record=refund.pk) if retry else None
        result = found or stripe_gateway.create_refund(
            payment_intent=intent_id, amount=refund.amount, currency=order.currency,
            idempotency_key=refund.idempotency_key, order_number=order.number, refund_record=refund.pk)
    except PaymentError as exc:
        if retry:
            OrderNote.objects.create(order=order, note_type=OrderNote.SYSTEM, message=_(
                "Gửi lại yêu cầu hoàn tiền %(amount)s chưa được: %(error)s. Yêu cầu vẫn chờ xử lý.") % {
                "amount": money(refund.amount, order), "error": exc})
            raise
        Refund.objects.filter(pk=refund.pk).update(state=Refund.State.FAILED, settled_at=timezone.now())
        OrderNote.objects.create(order=order, note_type=OrderNote.SYSTEM, message=_(
            "Stripe từ chối hoàn tiền %(amount)s: %(error)s") % {"amount": money(refund.amount, order), "error": exc})
        raise
    Refund.objects.filter(pk=refund.pk).update(reference=result.id)
    refund.reference = result.id
    if result.status in {"failed", "canceled"}:
        refund_fail(refund=refund, detail=result.status)
    refund.refresh_from_db()
    return refund


def retry_after() -> datetime.timedelta:
    """A card refund still without Stripe's answer after this long was never sent (or its
    answer was lost): the office may send it again. Long enough that a slow call is over."""
    return datetime.timedelta(minutes=settings.OCOP_REFUND_RETRY_AFTER_MINUTES)


def is_stuck(refund: Refund) -> bool:
    """A card refund Stripe never answered: pending, no Stripe refund id, older than the
    retry delay. (Cash and transfer refunds settle at once; a refund with a Stripe id waits
    for its webhook.) ``stuck_refunds`` is the same rule as a query."""
    return (refund.state == Refund.State.PENDING and not refund.reference
            and refund.created_at <= timezone.now() - retry_after())


def stuck_refunds():
    return Refund.objects.filter(state=Refund.State.PENDING, reference="",
                                 created_at__lte=timezone.now() - retry_after()).select_related("order")


def retry_refund(refund: Refund, *, user=None) -> Refund:
    """Send a stuck card refund to Stripe again with its own idempotency key: a request
    Stripe did receive is answered with the same refund, never a second one. A Stripe
    error keeps it pending with a note (``PaymentError``); a failed answer fails it."""
    with transaction.atomic():
        refund = Refund.objects.select_for_update().select_related("order").get(pk=refund.pk)
        if not is_stuck(refund):
            raise RefundRefused(_("Yêu cầu hoàn tiền này không cần gửi lại."))
        intent_id = payment_source(refund.order).reference
        OrderNote.objects.create(order=refund.order, note_type=OrderNote.SYSTEM,
                                 user=user if user is not None and user.is_authenticated else None,
                                 message=_("Gửi lại yêu cầu hoàn tiền %s đến Stripe.")
                                 % money(refund.amount, refund.order))
    return _ask_stripe(refund, intent_id=intent_id, retry=True)


def retry_stuck_refunds() -> list[str]:
    """For the daily job: retry every stuck card refund; what happened to each, for its report."""
    done = []
    for refund in stuck_refunds():
        try:
            refund = retry_refund(refund)
        except (PaymentError, RefundRefused) as exc:
            done.append(f"{refund.order.number}: {exc}")
        else:
            done.append(f"{refund.order.number}: {refund.state} {refund.reference}")
    return done


@transaction.atomic
def refund_settle(*, refund: Refund, reference: str) -> bool:
    """The money went back: record it (once). False if the refund was already settled."""
    order = Order.objects.select_for_update().get(pk=refund.order_id)
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.state != Refund.State.PENDING:
        return False
    refund.state, refund.settled_at = Refund.State.SUCCEEDED, timezone.now()
    refund.reference = reference or refund.reference
    refund.save(update_fields=["state", "settled_at", "reference"])
    source = order.sources.select_for_update().first()
    source.refund(refund.amount, reference=refund.reference, status="refunded")
    event = record_payment_event(order=order, name=REFUND_EVENT, amount=refund.amount, reference=refund.reference)
    lines = list(refund.lines.select_related("line"))
    for refund_line in lines:
        event.line_quantities.create(line=refund_line.line, quantity=refund_line.quantity)
    if refund.restock:
        give_back_stock((r.line, r.quantity) for r in lines)
    source.refresh_from_db()
    if order.status in REFUNDABLE_STATUSES and source.amount_refunded >= source.amount_debited:
        order.set_status(statuses.REFUNDED)
    refund_id = refund.pk
    transaction.on_commit(lambda: send_order_refunded.enqueue(refund_id=refund_id))
    return True


@transaction.atomic
def refund_fail(*, refund: Refund, detail: str) -> bool:
    """Stripe could not send the money back: what it held is refundable again, and the
    office is warned on the order. False if it was already failed."""
    order = Order.objects.select_for_update().get(pk=refund.order_id)
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.state == Refund.State.FAILED:
        return False
    was_settled = refund.state == Refund.State.SUCCEEDED
    message = _("Hoàn tiền %(amount)s qua Stripe (%(ref)s) thất bại: %(detail)s. Cần liên hệ khách.") % {
        "amount": money(refund.amount, order), "ref": refund.reference, "detail": detail}
    if was_settled:
        # Money recorded as returned did not arrive: a person must sort it out with the shopper.
        order_flag(order=order, message=message)
        return False
    refund.state, refund.settled_at = Refund.State.FAILED, timezone.now()
    refund.save(update_fields=["state", "settled_at"])
    order_flag(order=order, message=message)
    return True
