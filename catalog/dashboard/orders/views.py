from django.contrib import messages
from django.utils.translation import gettext as _
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F401,F403  the rest stay Oscar's

from oscar.apps.order.processing import EventHandler
from oscar.core.loading import get_class

from checkout import statuses
from checkout.services import PaymentStateError, order_cancel_unpaid, order_mark_paid

PaymentError = get_class("payment.exceptions", "PaymentError")


class OcopEventHandler(EventHandler):
    """Cancelling from the dashboard goes through ``order_cancel_unpaid``: the stock comes
    back on sale (listings and search follow). A paid order is refused: refund it first."""

    def handle_order_status_change(self, order, new_status, note_msg=None):
        if new_status != statuses.CANCELLED:
            return super().handle_order_status_change(order, new_status, note_msg=note_msg)
        try:
            order_cancel_unpaid(order=order, reason=note_msg or _("Văn phòng hủy đơn."))
        except PaymentStateError:
            raise PaymentError(_("Đơn đã thanh toán: hoàn tiền cho khách trước khi hủy.")) from None
        order.refresh_from_db()


class OrderListView(oscar_views.OrderListView):
    handler_class = OcopEventHandler


class OrderDetailView(oscar_views.OrderDetailView):
    """Oscar's order page, plus recording the money of a cash-on-delivery or VietQR order."""

    handler_class = OcopEventHandler
    order_actions = oscar_views.OrderDetailView.order_actions + ("mark_paid",)

    def get_order_status_form(self):
        form = super().get_order_status_form()
        field = form.fields["new_status"]
        field.choices = [(code, statuses.label(code) if code else text) for code, text in field.choices]
        return form

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
