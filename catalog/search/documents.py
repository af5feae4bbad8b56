"""One search document per sellable product, built by one function from the catalogue.

Both backends store exactly these documents. Which products get one is decided by
``catalog.sellable.sellable_products`` (the one sellable rule); the certificate shown is the
best one valid that day (most stars, latest expiry), as on the product page. A standalone
product's price is its stock record's price, the one Oscar's strategy sells at
(``UseFirstStockRecord`` + ``NoTax``); a parent's "from" price is asked of the strategy.

Documents are read with ``values()`` in batches rather than as model instances: a full
rebuild of 100,000 products stays within a couple of minutes.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from django.core.files.storage import default_storage
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from catalog.sellable import sellable_products
from catalog.text import fold

Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")

BATCH_SIZE = 2000
_SLUG_MARK, _PK_MARK = "ocop-slug-mark", 987654321
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ProductDocument:
    product_id: int
    title: str
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
    category_slug: str | None
    category_name: str | None
    stars: int
    price: int
    currency: str
    in_stock: bool
    certificate_number: str
    certificate_expires_on: datetime.date
    created: datetime.datetime
    image: str | None

    @property
    def folded_title(self) -> str:
        return _padded(self.title)

    @property
    def folded_text(self) -> str:
        """Every searchable word, folded and space-padded so ' word ' finds whole words."""
        return _padded(" ".join(filter(None, [
            self.title, self.producer_name, self.province_name, self.former_province_name,
            self.ward_name, self.group_name, self.category_name, self.description,
        ])))

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _padded(text: str) -> str:
    # Documents keep every word; only queries are capped (query.MAX_TERMS).
    return f" {' '.join(_WORD.findall(fold(text).replace('_', ' ')))} "


def _first(queryset, field: str) -> Subquery:
    return Subquery(queryset.values(field)[:1])


def document_rows(*, day: datetime.date, product_ids: Iterable[int] | None = None):
    """The sellable products as flat rows: product, producer and regions, the best
    certificate valid on ``day``, the first stock record, category and image."""
    products = sellable_products(day=day)
    if product_ids is not None:
        products = products.filter(pk__in=list(product_ids))
    certificate = Certificate.objects.valid_on(day).filter(product=OuterRef("pk")).order_by(
        "-stars", "-expires_on", "-pk"
    )
    stockrecord = StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")
    category = ProductCategory.objects.filter(product=OuterRef("pk")).order_by("category__path")
    image = ProductImage.objects.filter(product=OuterRef("pk")).order_by("display_order", "pk")
    return products.annotate(
        certificate_number=_first(certificate, "number"),
        certificate_stars=_first(certificate, "stars"),
        certificate_expires_on=_first(certificate, "expires_on"),
        stock_price=_first(stockrecord, "price"),
        stock_currency=_first(stockrecord, "price_currency"),
        category_ref=_first(category, "category_id"),
        image_name=_first(image, "original"),
    ).order_by("pk").values(
        "pk", "structure", "slug", "title", "description", "date_created",
        "producer__slug", "producer__name", "producer__kind",
        "producer__province__slug", "producer__province__name",
        "producer__former_province__slug", "producer__former_province__name",
        "producer__ward__name",
        "certificate_number", "certificate_stars", "certificate_expires_on",
        "stock_price", "stock_currency", "category_ref", "image_name",
    )


class _Catalogue:
    """What every document of a batch shares: categories, URL pattern, the strategy."""

    def __init__(self, day: datetime.date):
        categories = list(Category.objects.only("pk", "path", "slug", "name"))
        self.categories = {c.pk: c for c in categories}
        self.roots = {c.path: c for c in categories if len(c.path) == Category.steplen}
        # reverse() once: 100,000 calls would cost more than the rest of the document.
        self.url_pattern = reverse(
            "catalogue:detail", kwargs={"product_slug": _SLUG_MARK, "pk": _PK_MARK}
        )
        self.day = day
        self._strategy = None

    def url(self, slug: str, pk: int) -> str:
        return self.url_pattern.replace(_SLUG_MARK, slug).replace(str(_PK_MARK), str(pk))

    def parent_price(self, pk: int) -> tuple[int, str]:
        if self._strategy is None:
            self._strategy = Selector().strategy()
            self._strategy.day = self.day
        price = self._strategy.fetch_for_product(Product.objects.get(pk=pk)).price
        return (int(price.incl_tax), price.currency) if price.exists else (0, "VND")


def build_document(row: dict, catalogue: _Catalogue) -> ProductDocument:
    """The search document of one sellable product (a row of ``document_rows``)."""
    category = catalogue.categories.get(row["category_ref"])
    group = catalogue.roots.get(category.path[: Category.steplen]) if category else None
    if row["structure"] == Product.PARENT:
        price, currency = catalogue.parent_price(row["pk"])
    else:
        price, currency = int(row["stock_price"] or 0), row["stock_currency"] or "VND"
    return ProductDocument(
        product_id=row["pk"],
        title=row["title"],
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
        category_slug=category.slug if category else None,
        category_name=category.name if category else None,
        stars=row["certificate_stars"],
        price=price,
        currency=currency,
        # sellable_products() only lets through products in stock (or not stock-tracked)
        in_stock=True,
        certificate_number=row["certificate_number"],
        certificate_expires_on=row["certificate_expires_on"],
        created=row["date_created"],
        image=default_storage.url(row["image_name"]) if row["image_name"] else None,
    )


def documents_for(*, day: datetime.date, product_ids: Iterable[int] | None = None,
                  batch_size: int = BATCH_SIZE) -> Iterator[ProductDocument]:
    """Documents of the sellable products (all, or those among ``product_ids``), by id."""
    catalogue = _Catalogue(day)
    for row in document_rows(day=day, product_ids=product_ids).iterator(chunk_size=batch_size):
        yield build_document(row, catalogue)


def count_sellable(*, day: datetime.date) -> int:
    return sellable_products(day=day).count()
