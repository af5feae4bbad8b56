"""Background work of the checkout (django-tasks: immediate in tests and the demo, the
database backend with a worker in production). A task that fails is recorded as failed
by the backend; it never reaches the shopper's request."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task
from oscar.core.loading import get_class, get_model

from checkout.models import Refund
from checkout.payments import vietqr
from checkout.payments.methods import Method
from checkout.selectors import payment_method_of

logger = logging.getLogger("ocop.checkout")

Order = get_model("order", "Order")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")


@task()
def send_order_confirmation(*, order_id: int, status_url: str) -> None:
    order = Order.objects.select_related("shipping_address", "user").get(pk=order_id)
    method = payment_method_of(order)
    context = {
        "order": order,
        "lines": order.lines.all(),
        "status_url": status_url,
        "payment_method": method,
        "transfer": vietqr.transfer_for_order(order) if method == Method.TRANSFER else None,
    }
    OrderDispatcher(logger=logger).send_order_placed_email_for_user(order, context)


@task()
def send_order_cancelled(*, order_id: int, reason: str) -> None:
    """Tell the shopper that an unpaid order was cancelled, and why."""
    order = Order.objects.select_related("user").get(pk=order_id)
    if not order.email:
        return
    context = {"order": order, "reason": reason, "shop_name": settings.OSCAR_SHOP_NAME}
    send_mail(
        subject=render_to_string("oscar/communication/emails/order_cancelled_subject.txt", context).strip(),
        message=render_to_string("oscar/communication/emails/order_cancelled_body.txt", context),
        from_email=settings.OSCAR_FROM_EMAIL,
        recipient_list=[order.email],
    )


@task()
def send_order_refunded(*, refund_id: int) -> None:
    """Tell the shopper how much came back, for which items, and why."""
    refund = Refund.objects.select_related("order").get(pk=refund_id)
    order = refund.order
    if not order.email:
        return
    context = {"order": order, "refund": refund, "lines": refund.lines.select_related("line"),
               "shop_name": settings.OSCAR_SHOP_NAME}
    send_mail(
        subject=render_to_string("oscar/communication/emails/order_refunded_subject.txt", context).strip(),
        message=render_to_string("oscar/communication/emails/order_refunded_body.txt", context),
        from_email=settings.OSCAR_FROM_EMAIL,
        recipient_list=[order.email],
    )
