import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, View
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F401,F403  the rest stay Oscar's
from oscar.apps.order.processing import EventHandler
from oscar.core.loading import get_class, get_model

from checkout import statuses
from checkout.payments import refunds
from checkout.payments.methods import Method
from checkout.selectors import payment_method_of
from checkout.services import PaymentStateError, order_cancel_unpaid, order_mark_paid
from dashboard.orders.forms import RefundForm

Order = get_model("order", "Order")
Refund = get_model("checkout", "Refund")
PaymentError = get_class("payment.exceptions", "PaymentError")


class OcopEventHandler(EventHandler):
    """Cancelling from the dashboard goes through ``order_cancel_unpaid``: the stock comes
    back on sale (listings and search follow). A paid order is refused: refund it first."""

    def handle_order_status_change(self, order, new_status, note_msg=None):
        if new_status == statuses.REFUNDED:
            raise PaymentError(_("Trạng thái “Đã hoàn tiền” chỉ do việc hoàn tiền đặt."))
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
        field.choices = [(code, statuses.label(code) if code else text) for code, text in field.choices
                         if code != statuses.REFUNDED]  # only a refund sets it
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        context["refunds"] = list(order.refunds.prefetch_related("lines__line"))
        allowed = may_refund(self.request.user)
        context["refund_allowed"] = allowed and refunds.can_refund(order)
        context["retryable_refunds"] = {r.pk for r in context["refunds"] if allowed and refunds.is_stuck(r)}
        return context

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


def may_refund(user) -> bool:
    """Who refunds: the program office (staff with ``order.change_order``); a producer's
    partner access to its orders does not reach it."""
    return user.is_staff and user.has_perm("order.change_order")


def office_only(view):
    """The refund URLs' guard (apps.py): sign in first, then 404 unless ``may_refund``."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_refund(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


class OrderRefundView(FormView):
    """Refund a paid order, whole or some lines. Reached through the dashboard's permission
    map (staff with ``order.change_order``); the rules are in ``checkout.payments.refunds``."""

    form_class = RefundForm
    template_name = "oscar/dashboard/orders/order_refund.html"

    def dispatch(self, request, *args, **kwargs):
        self.order = get_object_or_404(Order, number=kwargs["number"])
        if not refunds.can_refund(self.order):
            messages.error(request, _("Đơn %s không có khoản đã thanh toán nào để hoàn.") % self.order.number)
            return redirect(self.detail_url())
        self.by_card = payment_method_of(self.order) == Method.CARD
        return super().dispatch(request, *args, **kwargs)

    def detail_url(self) -> str:
        return reverse("dashboard:order-detail", kwargs={"number": self.order.number})

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "lines": self.order.lines.order_by("pk"),
                "refunded": refunds.refunded_quantities(self.order), "needs_reference": not self.by_card}

    def get_context_data(self, **kwargs):
        return super().get_context_data(order=self.order, by_card=self.by_card,
                                         refundable=refunds.refundable_amount(self.order), **kwargs)

    def form_valid(self, form):
        try:
            refund = refunds.do_refund(
                order=self.order, full=form.is_full, quantities=form.quantities(),
                reason=form.cleaned_data["reason"], reference=form.cleaned_data["reference"],
                restock=form.cleaned_data["restock"], user=self.request.user)
        except refunds.RefundRefused as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        except PaymentError as exc:
            messages.error(self.request, _("Chưa hoàn được tiền: %s. Không có khoản nào được ghi là đã hoàn.") % exc)
            return redirect(self.detail_url())
        if refund.state == refund.State.SUCCEEDED:
            messages.success(self.request, _("Đã ghi nhận hoàn %(amount)s cho đơn %(number)s.")
                             % {"amount": refunds.money(refund.amount, self.order), "number": self.order.number})
        elif refund.state == refund.State.PENDING:
            messages.info(self.request, _("Đã gửi yêu cầu hoàn %(amount)s đến Stripe; đơn được cập nhật khi Stripe "
                                          "xác nhận.") % {"amount": refunds.money(refund.amount, self.order)})
        else:
            messages.error(self.request, _("Stripe từ chối hoàn tiền; đơn đã được đánh dấu để kiểm tra."))
        return redirect(self.detail_url())


class OrderRefundRetryView(View):
    """"Gửi lại yêu cầu hoàn tiền": a card refund Stripe never answered goes to Stripe again
    (``refunds.retry_refund``). POST only, same permission as the refund page."""

    http_method_names = ["post"]

    def post(self, request, number, pk):
        refund = get_object_or_404(Refund.objects.select_related("order"), pk=pk, order__number=number)
        order = refund.order
        try:
            refund = refunds.retry_refund(refund, user=request.user)
        except refunds.RefundRefused as exc:
            messages.error(request, str(exc))
        except PaymentError as exc:
            messages.error(request, _("Stripe chưa nhận yêu cầu: %s. Yêu cầu hoàn tiền vẫn chờ; thử lại sau.") % exc)
        else:
            if refund.state == refund.State.FAILED:
                messages.error(request, _("Stripe từ chối hoàn tiền; đơn đã được đánh dấu để kiểm tra."))
            else:
                messages.success(request, _("Stripe đã nhận yêu cầu hoàn %(amount)s (%(ref)s).")
                                 % {"amount": refunds.money(refund.amount, order), "ref": refund.reference})
        return redirect(reverse("dashboard:order-detail", kwargs={"number": order.number}))
