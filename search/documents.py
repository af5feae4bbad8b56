"""Search documents, built by one function from the catalogue.

A product gets one document per **coverage segment**: a run of days on which the sellable
rule holds for it and the same certificate is its best one (most stars, latest expiry, as
on the product page). The rule's date-free part (public, standalone, producer not
suspended, online stock free: ``catalogue.sellable.listable_products``) decides which products
have documents at all; the segments carry its dated part, so a query for day D matches
exactly the documents with ``sellable_from <= D <= sellable_until``, at most one per
product, with that day's stars and certificate. A 5★ certificate that lapses while a 3★ one
still runs, or a certificate issued in the future, is therefore right on the day without
anything being reindexed. Segments that ended before the indexing day are not stored.
A product's price is its online stock record's price, the one the Strategy sells at.

Documents are read with ``values()`` in batches rather than as model instances: a full
rebuild of 100,000 products stays within a couple of minutes.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from catalogue.sellable import best_certificate, listable_products, sellable_products
from core.text import fold

Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

BATCH_SIZE = 2000
_SLUG_MARK, _PK_MARK = "ocop-slug-mark", 987654321
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ProductDocument:
    product_id: int
    title: str
    title_en: str  # "" when the product has no English title
    description: str
    url: str
    producer_slug: str
    producer_name: str
    producer_kind: str
    province_slug: str
    province_name: str
    former_province_slug: str | None
    former_province_name: str | None
    ward_name: str | None
    group_slug: str | None
    group_name: str | None
    group_name_en: str | None
    category_slug: str | None
    category_name: str | None
    category_name_en: str | None
    stars: int
    price: int
    currency: str
    in_stock: bool
    certificate_number: str
    certificate_expires_on: datetime.date
    created: datetime.datetime
    image: str | None
    # The days (both inclusive) this document answers for: see the module's docstring.
    sellable_from: datetime.date
    sellable_until: datetime.date

    @property
    def key(self) -> str:
        return f"{self.product_id}:{self.sellable_from.isoformat()}"

    @property
    def folded_title(self) -> str:
        # Both titles: a tourist typing "coffee" finds "Cà phê" whose English title says so.
        return _padded(f"{self.title} {self.title_en}")

    @property
    def folded_text(self) -> str:
        """Every searchable word, folded and space-padded so ' word ' finds whole words."""
        return _padded(" ".join(filter(None, [
            self.title, self.title_en, self.producer_name, self.province_name,
            self.former_province_name, self.ward_name, self.group_name, self.group_name_en,
            self.category_name, self.category_name_en, self.description,
        ])))

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _padded(text: str) -> str:
    # Documents keep every word; only queries are capped (query.MAX_TERMS).
    return f" {' '.join(_WORD.findall(fold(text).replace('_', ' ')))} "


def _first(queryset, field: str) -> Subquery:
    return Subquery(queryset.values(field)[:1])


@dataclass(frozen=True)
class Segment:
    starts: datetime.date
    ends: datetime.date
    certificate: object  # the Certificate that is best on every day of the segment


def coverage_segments(certificates, *, since: datetime.date) -> list[Segment]:
    """The runs of days from ``since`` on that ``certificates`` cover, cut wherever the best
    certificate changes: on each day the certificate ``catalogue.sellable.valid_certificate``
    would choose (``Certificate.is_valid_on`` and ``best_certificate``)."""
    # Those valid on some day from ``since`` on (a certificate covers one unbroken run of
    # days, so it is valid on its first day from ``since`` or on none).
    valid = [c for c in certificates if c.is_valid_on(max(c.issued_on, since))]
    one_day = datetime.timedelta(days=1)
    # Coverage is constant between consecutive boundaries (a start or the day after an end).
    boundaries = sorted({max(c.issued_on, since) for c in valid} | {c.expires_on + one_day for c in valid})
    segments: list[Segment] = []
    for starts, next_start in zip(boundaries, boundaries[1:]):
        best = best_certificate(c for c in valid if c.is_valid_on(starts))
        if best is None:
            continue
        last = segments[-1] if segments else None
        if last is not None and last.certificate is best and last.ends + one_day == starts:
            segments[-1] = Segment(last.starts, next_start - one_day, best)
        else:
            segments.append(Segment(starts, next_start - one_day, best))
    return segments


def document_rows(*, product_ids: Iterable[int] | None = None):
    """The products that may have documents, as flat rows: product, producer and regions,
    the online stock record's price, category and image."""
    products = listable_products()
    if product_ids is not None:
        products = products.filter(pk__in=list(product_ids))
    stockrecord = StockRecord.objects.filter(
        product=OuterRef("pk"), partner=OuterRef("producer__partner_id")
    ).order_by("pk")
    category = ProductCategory.objects.filter(product=OuterRef("pk")).order_by("category__path")
    image = ProductImage.objects.filter(product=OuterRef("pk")).order_by("display_order", "pk")
    return products.annotate(
        stock_price=_first(stockrecord, "price"),
        stock_currency=_first(stockrecord, "price_currency"),
        category_ref=_first(category, "category_id"),
        image_name=_first(image, "original"),
    ).order_by("pk").values(
        "pk", "slug", "title", "title_en", "description", "date_created",
        "producer__slug", "producer__name", "producer__kind",
        "producer__province__slug", "producer__province__name",
        "producer__former_province__slug", "producer__former_province__name",
        "producer__ward__name",
        "stock_price", "stock_currency", "category_ref", "image_name",
    )


class _Catalogue:
    """What every document of a batch shares: categories, URL pattern, the strategy."""

    def __init__(self, day: datetime.date):
        categories = list(Category.objects.only("pk", "path", "slug", "name", "name_en"))
        self.categories = {c.pk: c for c in categories}
        self.roots = {c.path: c for c in categories if len(c.path) == Category.steplen}
        # reverse() once: 100,000 calls would cost more than the rest of the document.
        # Vietnamese, unprefixed, even when a change under /en/ triggers the reindex.
        with translation.override(settings.LANGUAGE_CODE):
            self.url_pattern = reverse(
                "catalogue:detail", kwargs={"product_slug": _SLUG_MARK, "pk": _PK_MARK}
            )
        self.day = day

    def url(self, slug: str, pk: int) -> str:
        return self.url_pattern.replace(_SLUG_MARK, slug).replace(str(_PK_MARK), str(pk))

    def certificates_of(self, product_ids: list[int]) -> dict[int, list]:
        """Verified certificates still running on the indexing day, by product."""
        by_product: dict[int, list] = {pk: [] for pk in product_ids}
        for certificate in Certificate.objects.filter(
            product_id__in=product_ids, status=Certificate.Status.VERIFIED, expires_on__gte=self.day,
        ).only("pk", "product_id", "number", "stars", "status", "issued_on", "expires_on"):
            by_product[certificate.product_id].append(certificate)
        return by_product


def build_documents(row: dict, certificates: list, catalogue: _Catalogue) -> list[ProductDocument]:
    """The search documents of one product (a row of ``document_rows``): one per segment."""
    category = catalogue.categories.get(row["category_ref"])
    group = catalogue.roots.get(category.path[: Category.steplen]) if category else None
    shared = dict(
        product_id=row["pk"],
        title=row["title"],
        title_en=row["title_en"] or "",
        description=row["description"] or "",
        url=catalogue.url(row["slug"], row["pk"]),
        producer_slug=row["producer__slug"],
        producer_name=row["producer__name"],
        producer_kind=row["producer__kind"],
        province_slug=row["producer__province__slug"],
        province_name=row["producer__province__name"],
        former_province_slug=row["producer__former_province__slug"],
        former_province_name=row["producer__former_province__name"],
        ward_name=row["producer__ward__name"],
        group_slug=group.slug if group else None,
        group_name=group.name if group else None,
        group_name_en=group.name_en or None if group else None,
        category_slug=category.slug if category else None,
        category_name=category.name if category else None,
        category_name_en=category.name_en or None if category else None,
        price=int(row["stock_price"] or 0),
        currency=row["stock_currency"] or "VND",
        # listable_products() only lets through products with free online stock
        in_stock=True,
        created=row["date_created"],
        image=default_storage.url(row["image_name"]) if row["image_name"] else None,
    )
    return [
        ProductDocument(
            **shared,
            stars=segment.certificate.stars,
            certificate_number=segment.certificate.number,
            certificate_expires_on=segment.certificate.expires_on,
            sellable_from=segment.starts,
            sellable_until=segment.ends,
        )
        for segment in coverage_segments(certificates, since=catalogue.day)
    ]


def documents_for(*, day: datetime.date, product_ids: Iterable[int] | None = None,
                  batch_size: int = BATCH_SIZE) -> Iterator[ProductDocument]:
    """Documents of the products (all, or those among ``product_ids``) for ``day`` and the
    days after it, by product id."""
    catalogue = _Catalogue(day)
    batch: list[dict] = []
    rows = document_rows(product_ids=product_ids).iterator(chunk_size=batch_size)
    for row in rows:
        batch.append(row)
        if len(batch) >= batch_size:
            yield from _batch_documents(batch, catalogue)
            batch = []
    if batch:
        yield from _batch_documents(batch, catalogue)


def _batch_documents(rows: list[dict], catalogue: _Catalogue) -> Iterator[ProductDocument]:
    certificates = catalogue.certificates_of([row["pk"] for row in rows])
    for row in rows:
        yield from build_documents(row, certificates[row["pk"]], catalogue)


def count_sellable(*, day: datetime.date) -> int:
    return sellable_products(day=day).count()
