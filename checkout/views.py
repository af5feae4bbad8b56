"""Oscar's checkout views, subclassed: Vietnamese address, three payment methods, placement
that cannot oversell, the card page and Stripe's webhook. Views orchestrate; rules live in
``placement``, ``payment_methods``, ``services`` and ``webhooks``."""

from __future__ import annotations

import logging

from django import http
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic
from django.views.decorators.csrf import csrf_exempt
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.core.loading import get_class, get_model

from checkout import placement, statuses
from checkout.forms import PaymentMethodForm, VietnamAddressForm
from checkout.payments import stripe_gateway, vietqr
from checkout.payments.methods import Method, check_payment_method, payment_options
from checkout.payments.webhooks import handle_stripe_event
from checkout.placement import AlreadyPlaced, StockUnavailable, live_order_of
from checkout.services import (
    PaymentStateError,
    attach_payment_source,
    card_payment_path,
    is_paid,
    next_order_number,
    order_cancel_unpaid,
    order_status_path,
    payment_method_of,
    queue_order_confirmation,
    start_card_payment,
)
from checkout.throttle import client_key, placement_refusal
from core.collation import sorted_by_name

logger = logging.getLogger("ocop.checkout")

PaymentError = get_class("payment.exceptions", "PaymentError")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Ward = get_model("catalogue", "Ward")

CARD_ORDER_SESSION_KEY = "ocop_card_order_id"


class ShippingAddressView(oscar_views.ShippingAddressView):
    form_class = VietnamAddressForm

    def get_initial(self):
        return {}  # the form reads a previous entry from its instance (see get_form_kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        fields = self.checkout_session.new_shipping_address_fields()
        if fields and self.request.method != "POST":
            kwargs["instance"] = ShippingAddress(**fields)
        return kwargs


class PaymentMethodView(oscar_views.PaymentMethodView, generic.FormView):
    """The shopper picks card, cash on delivery or VietQR; what is offered, and what is
    accepted, is decided here from the recomputed total."""

    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    # Always choose: Oscar would skip this step for a zero total and the preview would
    # send the shopper back here, in a loop.
    skip_conditions = []

    def get(self, request, *args, **kwargs):
        return generic.FormView.get(self, request, *args, **kwargs)

    def get_initial(self):
        return {"payment_method": self.checkout_session.payment_method()}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["payment_options"] = self.options(ctx["order_total"])
        return ctx

    def options(self, total):
        return payment_options(
            total=total.incl_tax, currency=total.currency,
            requires_shipping=self.request.basket.is_shipping_required(),
        )

    def form_valid(self, form):
        total = self.build_submission()["order_total"]
        try:
            method = check_payment_method(
                form.cleaned_data["payment_method"], total=total.incl_tax, currency=total.currency,
                requires_shipping=self.request.basket.is_shipping_required(),
            )
        except ValueError as exc:
            form.add_error("payment_method", str(exc))
            return self.form_invalid(form)
        self.checkout_session.pay_by(method.value)
        return redirect("checkout:preview")


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    """Preview and placement. No card data ever reaches this server: for a card, the order
    is placed (stock reserved) first and Stripe's Payment Element takes the money after."""

    def get(self, request, *args, **kwargs):
        if not self.preview:  # nothing to enter between the method and the preview
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and request.POST.get("action") == "place_order":
            placed = self.already_placed(request)
            if placed is not None:
                return self.show_placed_order(placed)
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def already_placed(request):
        """The order of the basket this preview was for, when this session placed it already
        (the basket is no longer open, so Oscar would only say the basket is empty)."""
        try:
            basket_id = int(request.POST.get("basket_id", ""))
        except ValueError:
            return None
        if getattr(request, "basket", None) is not None and request.basket.id == basket_id:
            return None  # still open: placement itself decides, under the basket's lock
        own = {request.session.get("checkout_order_id"), request.session.get(CARD_ORDER_SESSION_KEY)}
        order = live_order_of(basket_id)
        return order if order is not None and order.pk in own else None

    def show_placed_order(self, order):
        """Where a repeated submission goes: the card page of an unpaid card order, else
        the thank-you page of the order the first submission placed."""
        if payment_method_of(order) == Method.CARD and not is_paid(order):
            self.request.session[CARD_ORDER_SESSION_KEY] = order.pk
            return redirect(card_payment_path(order))
        self.request.session["checkout_order_id"] = order.pk
        return redirect("checkout:thank-you")

    def get_pre_conditions(self, request):
        conditions = super().get_pre_conditions(request)
        if request.method == "POST" and request.POST.get("action") == "place_order":
            # Placement re-checks every line against freshly locked stock and certificates
            # (checkout.placement); the unlocked check before it would only repeat the work.
            conditions = [c for c in conditions if c != "check_basket_is_valid"]
        return conditions

    def build_submission(self, **kwargs):
        # The place-order request needs the submission three times (pre-condition, submit,
        # method re-check); it cannot change within one request, so it is built once.
        if kwargs:
            return super().build_submission(**kwargs)
        if not hasattr(self, "_submission"):
            self._submission = super().build_submission()
        return self._submission

    def check_payment_data_is_captured(self, request):
        try:
            self.chosen_method()
        except ValueError as exc:
            raise FailedPreCondition(url=reverse("checkout:payment-method"), message=str(exc)) from None

    def chosen_method(self, total=None) -> Method:
        total = total or self.build_submission()["order_total"]
        return check_payment_method(
            self.checkout_session.payment_method() or "", total=total.incl_tax, currency=total.currency,
            requires_shipping=self.request.basket.is_shipping_required(),
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        method = self.checkout_session.payment_method()
        ctx["payment_option"] = next(
            (o for o in payment_options(
                total=ctx["order_total"].incl_tax, currency=ctx["order_total"].currency,
                requires_shipping=self.request.basket.is_shipping_required(),
            ) if o.method == method),
            None,
        ) if ctx.get("order_total") else None
        return ctx

    def handle_place_order_submission(self, request):
        refusal = placement_refusal(client=client_key(request), phone=self.shipping_phone())
        if refusal:
            return self.render_preview(request, error=refusal)
        # Whatever else the form carried (a price, a quantity, a product id) is ignored:
        # the submission is rebuilt from the basket, the catalogue and the session.
        return self.submit(**self.build_submission())

    def shipping_phone(self) -> str | None:
        fields = self.checkout_session.new_shipping_address_fields() or {}
        phone = fields.get("phone_number")
        return str(phone) if phone else None

    def generate_order_number(self, basket):
        return next_order_number(basket_id=basket.id)

    def handle_order_placement(self, order_number, user, basket, shipping_address, shipping_method,
                               shipping_charge, billing_address, order_total, surcharges=None, **kwargs):
        method = self.chosen_method(order_total)  # re-checked against the recomputed total
        try:
            order = self.place_order(
                order_number=order_number, user=user, basket=basket, shipping_address=shipping_address,
                shipping_method=shipping_method, shipping_charge=shipping_charge, order_total=order_total,
                billing_address=billing_address, surcharges=surcharges, payment_method=method, **kwargs,
            )
        except AlreadyPlaced as placed:
            # Another submission of this basket placed it: show that order, add nothing.
            return self.show_placed_order(placed.order)
        except StockUnavailable as exc:
            # Lost the race for the last units, or a certificate lapsed: nothing was written
            # or charged; back to the basket, which shows each line's state, with the reason.
            self.restore_frozen_basket()
            messages.error(self.request, str(exc))
            return redirect("basket:summary")
        if method == Method.CARD:
            return self.start_card_payment(order)
        basket.submit()
        return self.handle_successful_order(order)

    def place_order(self, order_number, user, basket, shipping_address, shipping_method, shipping_charge,
                    order_total, billing_address=None, surcharges=None, payment_method=None, guest_email=""):
        """The one placement (``checkout.placement.place_order``), awaiting payment; the
        payment source and the shopper's address book commit with the order."""
        with transaction.atomic():
            order = placement.place_order(
                basket=basket, order_number=order_number, total=order_total, shipping_method=shipping_method,
                shipping_charge=shipping_charge, status=statuses.AWAITING_PAYMENT, user=user,
                shipping_address=shipping_address, billing_address=billing_address, guest_email=guest_email,
                request=self.request, surcharges=surcharges,
            )
            attach_payment_source(order=order, method=payment_method)
            self.save_payment_details(order)
            if user.is_authenticated:
                for address in filter(None, (order.shipping_address, order.billing_address)):
                    self.update_address_book(user, address)
        return order

    def start_card_payment(self, order):
        try:
            start_card_payment(order=order)
        except PaymentError as exc:
            logger.error("Order #%s: could not start the card payment (%s)", order.number, exc)
            order_cancel_unpaid(order=order, reason=_("Không tạo được thanh toán thẻ: %s") % exc)
            self.restore_frozen_basket()
            return self.render_preview(self.request, error=_(
                "Cổng thanh toán thẻ đang gặp sự cố, bạn chưa bị trừ tiền. "
                "Vui lòng thử lại sau hoặc chọn phương thức khác."
            ))
        self.request.session[CARD_ORDER_SESSION_KEY] = order.pk
        return redirect(card_payment_path(order))

    def send_order_placed_email(self, order):
        queue_order_confirmation(
            order=order, status_url=self.request.build_absolute_uri(order_status_path(order))
        )


class ThankYouView(oscar_views.ThankYouView):
    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        ctx.update(order_payment_context(self.object))
        return ctx


def order_payment_context(order) -> dict:
    method = payment_method_of(order)
    paid = is_paid(order)
    transfer = vietqr.transfer_for_order(order) if method == Method.TRANSFER and vietqr.is_configured() else None
    return {
        "payment_method": method,
        "is_paid": paid,
        "transfer": transfer,
        "transfer_qr_svg": vietqr.qr_svg(transfer.payload) if transfer and not paid else "",
        "status_path": order_status_path(order),
        "is_cancelled": order.status == statuses.CANCELLED,
    }


class SignedOrderMixin:
    """An order reached by its number and Oscar's signed verification hash: what a guest
    has from the confirmation e-mail, with no account."""

    def get_order(self):
        order = get_object_or_404(Order.objects.select_related("shipping_address"), number=self.kwargs["number"])
        if not order.check_verification_hash(self.kwargs["token"]):
            raise http.Http404
        return order


class OrderStatusView(SignedOrderMixin, generic.TemplateView):
    template_name = "oscar/checkout/order_status.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = self.get_order()
        ctx["order"] = order
        ctx.update(order_payment_context(order))
        ctx["card_path"] = card_payment_path(order)
        return ctx


class CardPaymentView(SignedOrderMixin, generic.TemplateView):
    """Stripe's Payment Element for a placed, unpaid card order; or cancel it, which gives
    the stock back and the basket back."""

    template_name = "oscar/checkout/card_payment.html"

    def dispatch(self, request, *args, **kwargs):
        self.order = self.get_order()
        if payment_method_of(self.order) != Method.CARD:
            raise http.Http404
        if is_paid(self.order) or self.order.status == statuses.CANCELLED:
            return redirect(order_status_path(self.order))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        source = self.order.sources.first()
        try:
            intent = stripe_gateway.retrieve_payment_intent(source.reference)
        except PaymentError:
            intent = None
            messages.error(self.request, _("Không kết nối được cổng thanh toán thẻ. Vui lòng thử lại sau ít phút."))
        ctx.update({
            "order": self.order,
            "intent": intent,
            "publishable_key": stripe_gateway.publishable_key(),
            "return_url": self.request.build_absolute_uri(reverse("checkout:stripe-return")),
            "status_path": order_status_path(self.order),
        })
        return ctx

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "cancel" or request.session.get(CARD_ORDER_SESSION_KEY) != self.order.pk:
            return http.HttpResponseBadRequest()
        source = self.order.sources.first()
        try:
            stripe_gateway.cancel_payment_intent(source.reference)
        except PaymentError as exc:
            # An intent that cannot be cancelled may have been paid meanwhile: keep the order.
            logger.warning("Order #%s: cancelling the PaymentIntent failed (%s)", self.order.number, exc)
            messages.error(request, _("Chưa hủy được thanh toán; vui lòng thử lại."))
            return redirect(request.path)
        try:
            order_cancel_unpaid(order=self.order, reason=_("Khách hủy thanh toán thẻ."))
        except PaymentStateError:
            return redirect(order_status_path(self.order))
        restore_order_basket(request, self.order)
        messages.info(request, _("Đã hủy thanh toán, bạn chưa bị trừ tiền. Giỏ hàng vẫn còn nguyên."))
        return redirect("basket:summary")


def restore_order_basket(request, order) -> None:
    """The frozen basket of a cancelled card order becomes the shopper's basket again."""
    basket = order.basket
    if basket is None or basket.status != Basket.FROZEN:
        return
    basket.thaw()
    current = getattr(request, "basket", None)
    if current is not None and current.pk and current.pk != basket.pk:
        basket.merge(current)
    request.session.pop(CARD_ORDER_SESSION_KEY, None)


class StripeReturnView(View):
    """Where Stripe.js sends the shopper after confirming: the webhook marks the order
    paid; this page only tells the shopper what happened."""

    def get(self, request):
        order_pk = request.session.get(CARD_ORDER_SESSION_KEY)
        order = Order.objects.filter(pk=order_pk).first() if order_pk else None
        if order is None:
            return redirect("basket:summary")
        source = order.sources.first()
        try:
            intent = stripe_gateway.retrieve_payment_intent(source.reference)
        except PaymentError:
            messages.warning(request, _("Chưa xác nhận được thanh toán; trang đơn hàng sẽ cập nhật."))
            return redirect(order_status_path(order))
        if intent.status in {"succeeded", "processing"}:
            if order.basket and order.basket.status == Basket.FROZEN:
                order.basket.submit()
            request.session.pop(CARD_ORDER_SESSION_KEY, None)
            request.session["checkout_order_id"] = order.pk
            return redirect("checkout:thank-you")
        messages.error(request, intent.last_error or _(
            "Thanh toán chưa thành công. Bạn có thể thử thẻ khác, hoặc hủy để chọn cách thanh toán khác."
        ))
        return redirect(card_payment_path(order))


@method_decorator(csrf_exempt, name="dispatch")
class StripeWebhookView(View):
    def post(self, request):
        try:
            event = stripe_gateway.verify_webhook(request.body, request.headers.get("Stripe-Signature"))
        except stripe_gateway.InvalidWebhook as exc:
            logger.warning("Refused a Stripe webhook: %s", exc)
            return http.JsonResponse({"error": "invalid webhook"}, status=400)
        record = handle_stripe_event(event, status_url_for=lambda order: request.build_absolute_uri(
            order_status_path(order)
        ))
        return http.JsonResponse({"received": True, "outcome": record.outcome})


class WardsView(View):
    """Wards of one current province, for the address form's ward list."""

    def get(self, request):
        slug = request.GET.get("province", "")
        wards = Ward.objects.filter(province__slug=slug, province__merged_into__isnull=True).values("code", "name")
        return http.JsonResponse({"wards": sorted_by_name(wards, lambda w: w["name"])})
