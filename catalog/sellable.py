"""The certified-only rule. Every place that lists, indexes or sells a product asks here.

A product is sellable on day D when it has a verified certificate with 3–5 stars whose
validity covers D (issue and expiry days inclusive, in Vietnam's date) and it is in stock
(net of allocations). Tourism vouchers count as stock too: their stock is the capacity
the producer offers, so a fully booked tour stops selling like a sold-out product.
``check_sellable`` decides for one product (using prefetched certificates when present);
``sellable_products`` is the same rule as a query, for listings and indexing.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.rules import today_in_vietnam

Product = get_model("catalogue", "Product")
Certificate = get_model("catalogue", "Certificate")
StockRecord = get_model("partner", "StockRecord")

NOT_CERTIFIED = _("Sản phẩm chưa có chứng nhận OCOP còn hiệu lực nên tạm ngừng bán.")
OUT_OF_STOCK = _("Sản phẩm đã hết hàng.")
NO_STOCKRECORD = _("Sản phẩm chưa được chủ thể mở bán.")


@dataclass(frozen=True)
class SellableVerdict:
    sellable: bool
    reason: str = ""
    certificate: "Certificate | None" = None


def valid_certificate(product, day: datetime.date):
    """The product's best certificate valid on ``day`` (highest stars, latest expiry)."""
    owner = product.parent if product.is_child else product
    certificates = getattr(owner, "card_certificates", None)  # listings prefetch to a list
    if certificates is None:
        certificates = owner.certificates.all()
    valid = [c for c in certificates if c.is_valid_on(day)]
    return max(valid, key=lambda c: (c.stars, c.expires_on), default=None)


def check_sellable(product, *, stockrecord=None, day: datetime.date | None = None) -> SellableVerdict:
    """Whether ``product`` may be sold on ``day`` (default: today in Vietnam), and why not."""
    day = day or today_in_vietnam()
    certificate = valid_certificate(product, day)
    if certificate is None:
        return SellableVerdict(False, str(NOT_CERTIFIED))
    if product.is_parent:
        return SellableVerdict(True, certificate=certificate)
    if stockrecord is None:
        return SellableVerdict(False, str(NO_STOCKRECORD), certificate)
    if stockrecord.net_stock_level <= 0:
        return SellableVerdict(False, str(OUT_OF_STOCK), certificate)
    return SellableVerdict(True, certificate=certificate)


def is_sellable(product, *, stockrecord=None, day: datetime.date | None = None) -> bool:
    return check_sellable(product, stockrecord=stockrecord, day=day).sellable


def sellable_products(*, day: datetime.date | None = None) -> QuerySet:
    """Public standalone products that ``check_sellable`` would accept on ``day``.

    Two plain EXISTS conditions, which PostgreSQL runs as hash semi-joins, so a listing's
    COUNT is one pass over the products. (OCOP items are standalone products; a parent with
    variants is not listed.)
    """
    day = day or today_in_vietnam()
    certified = Certificate.objects.valid_on(day).filter(product=OuterRef("pk"))
    in_stock = StockRecord.objects.filter(
        product=OuterRef("pk"), num_in_stock__gt=Coalesce(F("num_allocated"), 0)
    )
    return Product.objects.filter(is_public=True, structure=Product.STANDALONE).filter(
        Exists(certified), Exists(in_stock)
    )
