from django.contrib import messages
from django.utils.translation import gettext as _
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F401,F403  the rest stay Oscar's

from checkout.services import PaymentStateError, order_mark_paid


class OrderDetailView(oscar_views.OrderDetailView):
    """Oscar's order page, plus recording the money of a cash-on-delivery or VietQR order."""

    order_actions = oscar_views.OrderDetailView.order_actions + ("mark_paid",)

    def mark_paid(self, request, order):
        reference = request.POST.get("reference", "").strip()
        if not reference:
            return self.reload_page(error=_("Ghi số phiếu thu hoặc mã giao dịch ngân hàng."))
        try:
            recorded = order_mark_paid(order=order, amount=order.total_incl_tax, reference=reference,
                                       by=request.user.get_username())
        except PaymentStateError as exc:
            return self.reload_page(error=str(exc))
        if recorded:
            messages.success(request, _("Đã ghi nhận thanh toán cho đơn %s.") % order.number)
        else:
            messages.info(request, _("Đơn %s đã được thanh toán trước đó.") % order.number)
        return self.reload_page()
