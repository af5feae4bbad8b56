"""Reads: counter lookup, stamp verification, where a product is on a shelf, the day's till."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlparse

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from catalogue.sellable import valid_certificate
from core.collation import collated, sorted_by_name
from pos.models import PointOfSale, PosSale

Certificate = get_model("catalogue", "Certificate")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

# Certificate numbers as printed: letters, digits and - . / _ (e.g. BTH-2024-0001).
CERTIFICATE_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")
VERIFY_PATH = re.compile(r"^/verify/([^/]+)/?$")
GS1_PATH = re.compile(r"^/01/(\d{8,14})/?")


def point_of_sale_for(user) -> PointOfSale | None:
    """The one active point of sale whose staff ``user`` is (one query), or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    return PointOfSale.objects.filter(staff__user=user, is_active=True).first()


# ---------------------------------------------------------------------------- counter lookup


def _counter_records(point_of_sale):
    return (StockRecord.objects.filter(partner_id=point_of_sale.partner_id)
            .select_related("product", "product__producer", "product__product_class")
            .order_by("product__title", "pk"))


@dataclass(frozen=True)
class ScanResult:
    records: list = field(default_factory=list)
    recognised: bool = False  # the code is one of ours (SKU, barcode, stamp link, certificate)


def scan_lookup(*, point_of_sale, code: str) -> ScanResult:
    """A scanned or typed code, exact matches only, each an indexed lookup, most common
    first: this point of sale's SKU, the product's barcode (UPC/GTIN), our stamp's
    verification link or a GS1 Digital Link, a certificate number. The records come with
    what the sellable rule needs (product, producer, certificates, stock records)."""
    code = (code or "").strip()[:200]
    if not code:
        return ScanResult()
    records = _counter_records(point_of_sale).prefetch_related("product__certificates", "product__stockrecords")
    number = ""
    if code.lower().startswith(("http://", "https://")):
        path = urlparse(code).path
        if (match := VERIFY_PATH.match(path)):
            number = match.group(1)
        elif (match := GS1_PATH.match(path)):
            code = match.group(1)
        else:
            return ScanResult()
    if not number:
        found = list(records.filter(partner_sku=code)) or list(records.filter(product__upc=code))
        if found:
            return ScanResult(found, recognised=True)
        number = code
    if not CERTIFICATE_NUMBER.match(number):
        return ScanResult()
    product_id = Certificate.objects.filter(number=number).values_list("product_id", flat=True).first()
    if product_id is not None:
        return ScanResult(list(records.filter(product_id=product_id)), recognised=True)
    return ScanResult(recognised=Product.objects.filter(upc=number).exists())


def search_lookup(*, point_of_sale, text: str, limit: int = 20) -> list:
    text = (text or "").strip()[:100]
    if len(text) < 2:
        return []
    records = _counter_records(point_of_sale)
    return list(records.filter(Q(product__title__icontains=text) | Q(partner_sku__iexact=text))[:limit])


# ---------------------------------------------------------------------------- verification


@dataclass(frozen=True)
class Verification:
    state: str  # valid | expired | revoked | not_yet_valid | not_found
    certificate: object = None
    product: object = None
    producer: object = None
    revoked_on: datetime.date | None = None


def verify_certificate(number: str, *, day: datetime.date | None = None) -> Verification:
    """The certificate with exactly this number, in one query. Pending and rejected
    certificates were never issued as far as the public knows: not found."""
    if not CERTIFICATE_NUMBER.match(number or ""):
        return Verification("not_found")
    certificate = (Certificate.objects.select_related(
        "product", "product__producer", "product__producer__province", "product__producer__former_province")
        .filter(number=number, status__in=(Certificate.Status.VERIFIED, Certificate.Status.REVOKED)).first())
    # An exact match even where the database compares case-insensitively.
    if certificate is None or certificate.number != number:
        return Verification("not_found")
    day = day or today_in_vietnam()
    product = certificate.product
    producer = product.producer
    if certificate.status == Certificate.Status.REVOKED:
        revoked_on = timezone.localtime(certificate.decided_at).date() if certificate.decided_at else None
        return Verification("revoked", certificate, product, producer, revoked_on)
    if day > certificate.expires_on:
        return Verification("expired", certificate, product, producer)
    if day < certificate.issued_on:
        return Verification("not_yet_valid", certificate, product, producer)
    return Verification("valid", certificate, product, producer)


def product_verify_certificate(product, *, day=None):
    """The certificate a product's stamp points at: its best valid one, else the latest."""
    day = day or today_in_vietnam()
    certificate = valid_certificate(product, day)
    if certificate is None:
        certificate = (product.certificates.filter(status__in=(Certificate.Status.VERIFIED,
                                                               Certificate.Status.REVOKED))
                       .order_by("-issued_on", "-pk").first())
    return certificate


# ---------------------------------------------------------------------------- where to buy


def points_of_sale_with_stock(product) -> list[PointOfSale]:
    with_stock = StockRecord.objects.filter(product=product).filter(
        num_in_stock__gt=Coalesce(F("num_allocated"), 0)).values("partner_id")
    return list(PointOfSale.objects.filter(is_active=True, partner_id__in=with_stock)
                .select_related("province").order_by(collated("province__short_name"), collated("name")))


def points_of_sale_by_province() -> list[tuple[object, list[PointOfSale]]]:
    groups: dict = {}
    for pos in PointOfSale.objects.filter(is_active=True).select_related("province", "ward"):
        groups.setdefault(pos.province, []).append(pos)
    return sorted_by_name(groups.items(), lambda item: item[0].short_name)


# ---------------------------------------------------------------------------- end of day


@dataclass(frozen=True)
class DaySummary:
    day: datetime.date
    rows: list  # (payment label, count, amount)
    count: int
    total: Decimal


def day_summary(*, point_of_sale, day: datetime.date) -> DaySummary:
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    end = start + datetime.timedelta(days=1)
    totals = (PosSale.objects.filter(point_of_sale=point_of_sale, date_created__gte=start, date_created__lt=end)
              .values("payment").annotate(n=Count("pk"), amount=Sum("order__total_incl_tax")).order_by("payment"))
    by_method = {row["payment"]: row for row in totals}
    rows = []
    for method, label in PosSale.Payment.choices:
        row = by_method.get(method, {"n": 0, "amount": Decimal(0)})
        rows.append((str(label), row["n"], row["amount"] or Decimal(0)))
    return DaySummary(day, rows, sum(r[1] for r in rows), sum((r[2] for r in rows), Decimal(0)))
