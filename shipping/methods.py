"""Shipping methods priced by the destination's region, free above a threshold.

Rates and the threshold are whole đồng from settings (``OCOP_SHIPPING_RATES``,
``OCOP_EXPRESS_SURCHARGE``, ``OCOP_FREE_SHIPPING_THRESHOLD``, the last one also from the
``FREE_SHIPPING_THRESHOLD`` environment variable). VND prices include VAT, so a charge
is the same with and without tax.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import Base, Free, NoShippingRequired  # noqa: F401
from oscar.core import prices

from shipping.regions import REGION_LABELS, Region


def rate_for(region: Region | None) -> Decimal:
    rates = settings.OCOP_SHIPPING_RATES
    if region is None:  # no address yet: the estimate is the dearest region
        return Decimal(max(rates.values()))
    return Decimal(rates[region])


def free_shipping_threshold() -> Decimal:
    return Decimal(settings.OCOP_FREE_SHIPPING_THRESHOLD)


class _RegionPriced(Base):
    def __init__(self, region: Region | None):
        self.region = region

    def _price(self, charge: Decimal, currency: str) -> prices.Price:
        return prices.Price(currency=currency, excl_tax=charge, incl_tax=charge, tax_code="VAT")

    @property
    def region_label(self) -> str:
        return REGION_LABELS.get(self.region, _("toàn quốc"))


class StandardDelivery(_RegionPriced):
    code = "giao-tieu-chuan"
    name = _("Giao hàng tiêu chuẩn (3–5 ngày)")

    @property
    def description(self) -> str:
        return _("Miễn phí cho đơn từ %(threshold)s ₫.") % {
            "threshold": f"{free_shipping_threshold():,.0f}".replace(",", ".")
        }

    def calculate(self, basket):
        if basket.total_incl_tax >= free_shipping_threshold():
            return self._price(Decimal("0"), basket.currency)
        return self._price(rate_for(self.region), basket.currency)


class ExpressDelivery(_RegionPriced):
    code = "giao-nhanh"
    name = _("Giao hàng nhanh (1–2 ngày)")
    description = _("Không áp dụng miễn phí giao hàng.")

    def calculate(self, basket):
        charge = rate_for(self.region) + Decimal(settings.OCOP_EXPRESS_SURCHARGE)
        return self._price(charge, basket.currency)
