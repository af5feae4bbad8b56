"""Which payment methods a checkout may use, decided on the server from the total."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from checkout.payments import stripe_gateway, vietqr


class Method(StrEnum):
    CARD = "card"
    COD = "cod"
    TRANSFER = "vietqr"


# Oscar payment SourceType (code, name) per method: the order's source says how it is paid.
SOURCE_TYPES = {
    Method.CARD: ("stripe-card", "Thẻ (Stripe)"),
    Method.COD: ("cod", "Thanh toán khi nhận hàng (COD)"),
    Method.TRANSFER: ("vietqr", "Chuyển khoản VietQR"),
}
METHOD_BY_SOURCE_CODE = {code: method for method, (code, _name) in SOURCE_TYPES.items()}


@dataclass(frozen=True)
class PaymentOption:
    method: Method
    label: str
    description: str
    available: bool
    reason: str = ""


def payment_options(*, total: Decimal, currency: str, requires_shipping: bool) -> list[PaymentOption]:
    options = []
    if stripe_gateway.is_configured():  # without both keys the card option is not shown at all
        card_reason = "" if stripe_gateway.within_card_limit(total, currency) else _(
            "Thẻ chỉ nhận đơn đến 99.999.999 ₫ (giới hạn 8 chữ số của cổng thanh toán). "
            "Vui lòng chọn chuyển khoản VietQR hoặc thanh toán khi nhận hàng."
        )
        options.append(PaymentOption(
            Method.CARD, _("Thẻ quốc tế / nội địa (Stripe)"),
            _("Thanh toán ngay bằng thẻ; đơn được giữ hàng trong lúc bạn thanh toán."),
            available=not card_reason, reason=card_reason,
        ))
    options += [
        PaymentOption(
            Method.COD, _("Thanh toán khi nhận hàng (COD)"),
            _("Trả tiền mặt cho người giao hàng."),
            available=requires_shipping,
            reason="" if requires_shipping else _("Đơn chỉ có voucher du lịch không được giao hàng."),
        ),
        PaymentOption(
            Method.TRANSFER, _("Chuyển khoản ngân hàng (VietQR)"),
            _("Quét mã VietQR có sẵn số tiền và nội dung là mã đơn hàng."),
            available=vietqr.is_configured(),
            reason="" if vietqr.is_configured() else _("Chuyển khoản chưa được bật."),
        ),
    ]
    return options


def check_payment_method(code: str, *, total: Decimal, currency: str, requires_shipping: bool) -> Method:
    """The method the shopper may use, or ValueError with the reason to show."""
    for option in payment_options(total=total, currency=currency, requires_shipping=requires_shipping):
        if option.method == code:
            if not option.available:
                raise ValueError(option.reason)
            return option.method
    raise ValueError(_("Phương thức thanh toán không hợp lệ."))
