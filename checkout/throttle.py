"""Limits on placing orders, so one visitor cannot tie up a product's whole stock with
orders nobody pays for: per client address, placements per hour (cache counters, shared
by every web process through Redis in production); per phone number, orders still awaiting
payment (counted in the database). Cash-on-delivery and transfer orders reserve stock at
placement, which is what makes these limits necessary.

The address's count is taken before placing, in one atomic step (increment, then compare):
a check before placing and a count after it let ten simultaneous completes all pass a
limit of three. So the limit counts attempts to place that got past it, including one
that then lost the race for the last units."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from checkout import statuses
from core.throttle import client_ip, count_in_window

Order = get_model("order", "Order")
WINDOW_SECONDS = 3600


def client_key(request) -> str:
    # The same client address as the login throttle (TRUSTED_PROXY_COUNT behind proxies).
    return client_ip(request) or "unknown"


def placement_refusal(*, client: str, phone: str | None) -> str | None:
    """Why this placement is refused, or None when it may go ahead; None also counts it
    against the client's limit, so call this once per attempt, just before placing."""
    if phone:
        unpaid = Order.objects.filter(
            status=statuses.AWAITING_PAYMENT, shipping_address__phone_number=phone
        ).count()
        if unpaid >= settings.OCOP_UNPAID_ORDERS_PER_PHONE:
            return _(
                "Số điện thoại này đang có %(count)s đơn chưa thanh toán. Vui lòng thanh toán hoặc "
                "chờ các đơn đó được giao trước khi đặt thêm."
            ) % {"count": unpaid}
    if count_in_window("placements", client, seconds=WINDOW_SECONDS) > settings.OCOP_PLACEMENTS_PER_CLIENT_PER_HOUR:
        return _("Bạn đã đặt nhiều đơn trong một giờ qua. Vui lòng thử lại sau hoặc gọi cho cửa hàng.")
    return None
