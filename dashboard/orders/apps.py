import oscar.apps.dashboard.orders.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    """Oscar's order dashboard, forked only to add the refund page. Refunds are for the
    program office: staff with ``order.change_order`` (a producer's partner access to its
    orders does not reach it)."""

    name = "dashboard.orders"

    def ready(self):
        super().ready()
        self.order_refund_view = get_class("dashboard.orders.views", "OrderRefundView")
        self.order_refund_retry_view = get_class("dashboard.orders.views", "OrderRefundRetryView")

    def get_url_decorator(self, pattern):
        # Anyone else signed in gets 404, as for an order that does not exist: the refund
        # URLs carry order numbers, and a 403 would tell which ones are real.
        if pattern.name in ("order-refund", "order-refund-retry"):
            return get_class("dashboard.orders.views", "office_only")
        return super().get_url_decorator(pattern)

    def get_urls(self):
        refund = [path("<str:number>/refund/", self.order_refund_view.as_view(), name="order-refund"),
                  path("<str:number>/refunds/<int:pk>/retry/", self.order_refund_retry_view.as_view(),
                       name="order-refund-retry")]
        return super().get_urls() + self.post_process_urls(refund)
