"""Order statuses: stable codes in the database (the keys of ``OSCAR_ORDER_STATUS_PIPELINE``
in settings), labels translated for display with ``label()`` or the ``order_status``
template filter."""

from django.utils.translation import gettext_lazy as _

AWAITING_PAYMENT = "pending-payment"
PAID = "paid"
SHIPPING = "shipping"
COMPLETE = "complete"
CANCELLED = "cancelled"
# Every đồng paid was sent back (refunds.py); reached only by a refund, never by hand.
REFUNDED = "refunded"

LABELS = {
    AWAITING_PAYMENT: _("Chờ thanh toán"),
    PAID: _("Đã thanh toán"),
    SHIPPING: _("Đang giao hàng"),
    COMPLETE: _("Hoàn tất"),
    CANCELLED: _("Đã hủy"),
    REFUNDED: _("Đã hoàn tiền"),
}
ALL = tuple(LABELS)


def label(code: str) -> str:
    """The status as the shopper reads it, in the active language (an unknown code as is)."""
    return str(LABELS.get(code, code))
