"""One search document per sellable product, built by one function from the catalogue.

Both backends store exactly these documents; only sellable products get one
(``catalog.sellable.sellable_products`` decides, as everywhere else).
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

from django.db.models import Prefetch
from oscar.core.loading import get_class, get_model

from catalog.selectors import with_card_data
from catalog.sellable import check_sellable, sellable_products
from catalog.text import fold

Category = get_model("catalogue", "Category")
Selector = get_class("partner.strategy", "Selector")

BATCH_SIZE = 1000
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
    # The document keeps every word; only queries are capped at MAX_TERMS.
    return f" {' '.join(_WORD.findall(fold(text).replace('_', ' ')))} "


def build_document(product, *, day: datetime.date, categories_by_path: dict, strategy) -> ProductDocument | None:
    """The search document of ``product`` on ``day``, or None when it is not sellable.

    ``product`` comes from ``documents_for`` (producer, regions, stock, certificates, images
    and categories loaded); ``strategy`` is Oscar's, the one place prices come from.
    """
    stockrecord = next(iter(product.stockrecords.all()), None)
    verdict = check_sellable(product, stockrecord=stockrecord, day=day)
    if not verdict.sellable:
        return None
    certificate = verdict.certificate
    info = strategy.fetch_for_product(product)
    if info.price.exists:
        price = info.price.incl_tax if info.price.is_tax_known else info.price.excl_tax
        currency = info.price.currency
    else:
        price, currency = Decimal(0), "VND"
    producer = product.producer
    former = producer.former_province
    category = min(product.categories.all(), key=lambda c: c.path, default=None)
    group = categories_by_path.get(category.path[: Category.steplen]) if category else None
    image = next(iter(product.images.all()), None)
    return ProductDocument(
        product_id=product.pk,
        title=product.title,
        description=product.description or "",
        url=product.get_absolute_url(),
        producer_slug=producer.slug,
        producer_name=producer.name,
        producer_kind=producer.kind,
        province_slug=producer.province.slug,
        province_name=producer.province.name,
        former_province_slug=former.slug if former else None,
        former_province_name=former.name if former else None,
        ward_name=producer.ward.name if producer.ward_id else None,
        group_slug=group.slug if group else None,
        group_name=group.name if group else None,
        category_slug=category.slug if category else None,
        category_name=category.name if category else None,
        stars=certificate.stars,
        price=int(price),
        currency=currency or "VND",
        in_stock=bool(info.availability.is_available_to_buy),
        certificate_number=certificate.number,
        certificate_expires_on=certificate.expires_on,
        created=product.date_created,
        image=image.original.url if image and image.original else None,
    )


def documents_for(*, day: datetime.date, product_ids: Iterable[int] | None = None,
                  batch_size: int = BATCH_SIZE) -> Iterator[ProductDocument]:
    """Documents of the sellable products (all, or those of ``product_ids``), in id order,
    loading each batch in a fixed number of queries."""
    products = sellable_products(day=day)
    if product_ids is not None:
        products = products.filter(pk__in=list(product_ids))
    products = with_card_data(products.order_by("pk"), day=day).select_related(
        "producer__ward"
    ).prefetch_related(Prefetch("categories", queryset=Category.objects.order_by("path")))
    categories_by_path = {c.path: c for c in Category.objects.filter(depth=1)}
    strategy = Selector().strategy()
    strategy.day = day
    for product in products.iterator(chunk_size=batch_size):
        document = build_document(
            product, day=day, categories_by_path=categories_by_path, strategy=strategy
        )
        if document is not None:
            yield document


def count_sellable(*, day: datetime.date) -> int:
    return sellable_products(day=day).count()
