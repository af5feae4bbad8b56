"""Reads of the producer area. Every query here starts from one producer."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from core.text import Folded, fold

Certificate = get_model("catalogue", "Certificate")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

OFFICE_PERMISSION = "catalogue.change_certificate"


def producer_for(user) -> "Producer":
    """The one producer whose area ``user`` may use; PermissionDenied for anyone else.

    Program office accounts (and superusers) are not producers here even if linked to a
    partner: the office decides, the producer area is for producers only.
    """
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    producer = (Producer.objects.select_related("partner", "province")
                .filter(partner__users=user).first())
    if producer is None:
        raise PermissionDenied
    return producer


def is_office(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(OFFICE_PERMISSION)


def producer_products(producer) -> QuerySet:
    """The producer's products with its own stock record and first image, in a fixed
    number of queries however many there are."""
    return (
        Product.objects.filter(producer=producer)
        .select_related("product_class")
        .prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.filter(partner_id=producer.partner_id),
                     to_attr="own_stockrecords"),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk"),
                     to_attr="card_images"),
            Prefetch("certificates", queryset=Certificate.objects.order_by("-expires_on"),
                     to_attr="card_certificates"),
        )
        .order_by("-date_created", "-pk")
    )


def producer_certificates(producer) -> QuerySet:
    return (Certificate.objects.filter(product__producer=producer)
            .select_related("product").order_by("-date_created", "-pk"))


def producer_lines(producer) -> QuerySet:
    """Order lines of the producer's partner (never another producer's)."""
    return (
        Line.objects.filter(partner_id=producer.partner_id)
        .select_related("order", "order__shipping_address", "fulfilment")
        .order_by("-pk")  # placement order; an index scan, no join sort
    )


def producer_orders(producer) -> QuerySet:
    return Order.objects.filter(lines__partner_id=producer.partner_id).distinct()


def expiring_certificates(producer, *, within_days: int = 30, day: datetime.date | None = None):
    day = day or today_in_vietnam()
    return (Certificate.objects.filter(
        product__producer=producer, status=Certificate.Status.VERIFIED,
        expires_on__gte=day, expires_on__lte=day + datetime.timedelta(days=within_days))
        .select_related("product").order_by("expires_on"))


EXPIRED = "expired"
MAX_SEARCH_WORDS = 8


def office_certificates(*, text: str = "", status: str = "", stars: int | None = None,
                        expiry: str = "", day: datetime.date | None = None) -> QuerySet:
    """Every certificate the office may decide, newest first, in one query per page.

    ``text`` matches number, product, producer and province (current or former) word by
    word, with or without diacritics; ``expiry`` is a number of days (verified certificates
    that end within it) or ``EXPIRED`` (validity already over).
    """
    day = day or today_in_vietnam()
    certificates = Certificate.objects.select_related(
        "product", "product__producer", "product__producer__province",
        "product__producer__former_province")
    if status:
        certificates = certificates.filter(status=status)
    if stars:
        certificates = certificates.filter(stars=stars)
    if expiry == EXPIRED:
        certificates = certificates.filter(expires_on__lt=day)
    elif expiry:
        certificates = certificates.filter(
            status=Certificate.Status.VERIFIED, expires_on__gte=day,
            expires_on__lte=day + datetime.timedelta(days=int(expiry)))
    words = fold(text).split()[:MAX_SEARCH_WORDS]
    if words:
        certificates = certificates.alias(haystack=Folded(_certificate_text())).filter(
            *(Q(haystack__contains=word) for word in words))
    return certificates.order_by("-date_created", "-pk")


def _certificate_text():
    parts = ["number", "product__title", "product__producer__name",
             "product__producer__province__name", "product__producer__former_province__name"]
    spaced = []
    for part in parts:
        spaced += [part, Value(" ")]
    return Concat(*spaced[:-1])
