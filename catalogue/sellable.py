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

``check_certified`` decides points 1–3 for one product (what a point of sale, whose stock is
its own, asks); ``check_sellable`` adds point 4 for the online stock. Both read prefetched
certificates when present. ``best_certificate`` is the one choice of the certificate a
product shows. ``sellable_products`` is the same rule as a query, for listings and indexing;
``search.documents.coverage_segments`` is the same rule cut into date ranges for the
search documents. ``tests/catalogue/test_sellable_parity.py`` generates products and days with
Hypothesis and checks that the three give the same set.
"""

import datetime
from collections.abc import Iterable
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


def best_certificate(certificates: Iterable["Certificate"]) -> "Certificate | None":
    """The certificate a product shows among ``certificates``: most stars, then the latest
    expiry (then the newest row, so the choice never depends on the order they came in)."""
    return max(certificates, key=lambda c: (c.stars, c.expires_on, c.pk or 0), default=None)


def valid_certificate(product, day: datetime.date):
    """The product's best certificate valid on ``day``."""
    owner = product.parent if product.is_child else product
    certificates = getattr(owner, "card_certificates", None)  # listings prefetch to a list
    if certificates is None:
        certificates = owner.certificates.all()
    return best_certificate(c for c in certificates if c.is_valid_on(day))


def is_online_stockrecord(product, stockrecord) -> bool:
    producer = product.producer
    return producer is not None and stockrecord.partner_id == producer.partner_id


def check_certified(product, *, day: datetime.date | None = None) -> SellableVerdict:
    """Points 1–3 of the rule on ``day`` (default: today in Vietnam): public and standalone,
    producer not suspended, a valid 3–5★ certificate. The verdict carries that certificate
    when they hold; whose stock then decides (point 4) is the caller's: the online stock in
    ``check_sellable``, a point of sale's shelf in its counter strategy."""
    day = day or today_in_vietnam()
    if not product.is_public or not product.is_standalone:
        return SellableVerdict(False, str(NOT_PUBLIC))
    if product.producer is None or product.producer.is_suspended:
        return SellableVerdict(False, str(PRODUCER_SUSPENDED))
    certificate = valid_certificate(product, day)
    if certificate is None:
        return SellableVerdict(False, str(NOT_CERTIFIED))
    return SellableVerdict(True, certificate=certificate)


def check_sellable(product, *, stockrecord=None, day: datetime.date | None = None) -> SellableVerdict:
    """Whether ``product`` may be sold online on ``day`` (default: today in Vietnam), and
    why not.

    ``stockrecord`` is the product's online stock record (the Strategy's choice); any other
    stock record, or none, means no online stock.
    """
    certified = check_certified(product, day=day)
    if not certified.sellable:
        return certified
    if stockrecord is None or not is_online_stockrecord(product, stockrecord):
        return SellableVerdict(False, str(NO_STOCKRECORD), certified.certificate)
    if stockrecord.net_stock_level <= 0:
        return SellableVerdict(False, str(OUT_OF_STOCK), certified.certificate)
    return certified


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
