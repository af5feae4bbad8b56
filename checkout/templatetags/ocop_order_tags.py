from django import template

from checkout.statuses import label

register = template.Library()


@register.filter
def order_status(code) -> str:
    """An order's status code as the reader's language says it: ``paid`` → "Đã thanh toán"."""
    return label(code)
