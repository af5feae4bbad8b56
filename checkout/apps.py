import oscar.apps.checkout.apps as apps
from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    """Oscar's checkout, forked: Vietnamese addresses, card / COD / VietQR, placement that
    cannot oversell, Stripe's webhook and a signed order status page for guests."""

    label = "checkout"
    name = "checkout"
    verbose_name = _("Thanh toán")

    def ready(self):
        super().ready()
        self.card_payment_view = get_class("checkout.views", "CardPaymentView")
        self.order_status_view = get_class("checkout.views", "OrderStatusView")
        self.stripe_return_view = get_class("checkout.views", "StripeReturnView")
        self.stripe_webhook_view = get_class("checkout.views", "StripeWebhookView")
        self.wards_view = get_class("checkout.views", "WardsView")

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            path("don-hang/<str:number>/<str:token>/", self.order_status_view.as_view(), name="order-status"),
            path("the/<str:number>/<str:token>/", self.card_payment_view.as_view(), name="card-payment"),
            path("stripe/return/", self.stripe_return_view.as_view(), name="stripe-return"),
            path("stripe/webhook/", self.stripe_webhook_view.as_view(), name="stripe-webhook"),
            path("xa-phuong/", self.wards_view.as_view(), name="wards"),
        ]
        return self.post_process_urls(urls)
