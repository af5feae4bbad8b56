"""The certified-only rule. Every place that lists, indexes or sells a product asks here.

A product is **sellable on day D** (D in Vietnam's date) when all of these hold:

1. it is public (``is_public``) and standalone: OCOP items are sold as standalone products;
   parents and variants are never sold, listed or indexed;
2. its producer is not suspended by the program office;
3. it has a verified certificate with 3–5 stars whose validity covers D (issue and expiry
   days inclusive); pending, rejected and revoked certificates never count;
4. its online stock, the stock record of its producer's partner, has free units
   (``num_in_stock`` above ``num_allocated``). Tourism vouchers count as stock too: their
   stock is the capacity the producer offers, so a fully booked tour stops selling like a
   sold-out product. Stock records of points of sale are not online stock.

``check_sellable`` decides for one product in Python (using prefetched certificates when
present); ``sellable_products`` is the same rule as a query, for listings and indexing;
``search.documents.coverage_segments`` is the same rule cut into date ranges for the
search documents. ``tests/catalogue/test_sellable_parity.py`` generates products and days with
Hypothesis and checks that the three give the same set.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam

Product = get_model("catalogue", "Product")
Certificate = get_model("catalogue", "Certificate")
StockRecord = get_model("partner", "StockRecord")

NOT_CERTIFIED = _("Sản phẩm chưa có chứng nhận OCOP còn hiệu lực nên tạm ngừng bán.")
OUT_OF_STOCK = _("Sản phẩm đã hết hàng.")
NO_STOCKRECORD = _("Sản phẩm chưa được chủ thể mở bán.")
NOT_PUBLIC = _("Sản phẩm không được bày bán.")
PRODUCER_SUSPENDED = _("Chủ thể OCOP của sản phẩm đang bị tạm đình chỉ bán hàng.")


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
    return max(valid, key=lambda c: (c.stars, c.expires_on, c.pk or 0), default=None)


def is_online_stockrecord(product, stockrecord) -> bool:
    producer = product.producer
    return producer is not None and stockrecord.partner_id == producer.partner_id


def check_sellable(product, *, stockrecord=None, day: datetime.date | None = None) -> SellableVerdict:
    """Whether ``product`` may be sold on ``day`` (default: today in Vietnam), and why not.

    ``stockrecord`` is the product's online stock record (the Strategy's choice); any other
    stock record, or none, means no online stock.
    """
    day = day or today_in_vietnam()
    if not product.is_public or not product.is_standalone:
        return SellableVerdict(False, str(NOT_PUBLIC))
    if product.producer is None or product.producer.is_suspended:
        return SellableVerdict(False, str(PRODUCER_SUSPENDED))
    certificate = valid_certificate(product, day)
    if certificate is None:
        return SellableVerdict(False, str(NOT_CERTIFIED))
    if stockrecord is None or not is_online_stockrecord(product, stockrecord):
        return SellableVerdict(False, str(NO_STOCKRECORD), certificate)
    if stockrecord.net_stock_level <= 0:
        return SellableVerdict(False, str(OUT_OF_STOCK), certificate)
    return SellableVerdict(True, certificate=certificate)


def is_sellable(product, *, stockrecord=None, day: datetime.date | None = None) -> bool:
    return check_sellable(product, stockrecord=stockrecord, day=day).sellable


def online_stock_free() -> Exists:
    """The product (outer query) has free units in its producer's stock record."""
    return Exists(StockRecord.objects.filter(
        product=OuterRef("pk"), partner=OuterRef("producer__partner_id"),
        num_in_stock__gt=Coalesce(F("num_allocated"), 0),
    ))


def listable_products() -> QuerySet:
    """Products that are sellable on some day: points 1, 2 and 4 of the rule (no dates)."""
    return Product.objects.filter(
        is_public=True, structure=Product.STANDALONE, producer__suspended_at__isnull=True,
    ).filter(online_stock_free())


def sellable_products(*, day: datetime.date | None = None) -> QuerySet:
    """The products ``check_sellable`` accepts on ``day``, as a query.

    Plain EXISTS conditions, which PostgreSQL runs as hash semi-joins, so a listing's
    COUNT is one pass over the products.
    """
    day = day or today_in_vietnam()
    certified = Certificate.objects.valid_on(day).filter(product=OuterRef("pk"))
    return listable_products().filter(Exists(certified))
