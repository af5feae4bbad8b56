"""Reads of the catalogue that views, the home page and benchmarks share."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from catalogue.sellable import sellable_products
from core.collation import sorted_by_name
from core.scope import current_scope

Certificate = get_model("catalogue", "Certificate")
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Province = get_model("catalogue", "Province")

LISTING_ORDER = ("-date_created", "-id")


def with_card_data(products: QuerySet, *, day: datetime.date | None = None) -> QuerySet:
    """Everything a product card needs, in a fixed number of queries whatever the page size.

    The prefetches go to plain lists (``to_attr``): Django builds no per-product queryset
    for them, which was a third of a listing's server time. ``Product.get_all_images``,
    the Strategy and ``valid_certificate`` read these lists when present.
    """
    certificates = Certificate.objects.all() if day is None else Certificate.objects.valid_on(day)
    return products.select_related(
        "product_class", "producer__province", "producer__former_province"
    ).prefetch_related(
        Prefetch("stockrecords", to_attr="card_stockrecords"),
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk"),
                 to_attr="card_images"),
        Prefetch("certificates", queryset=certificates, to_attr="card_certificates"),
    )


def listing(
    *, day: datetime.date, category=None, province=None
) -> QuerySet:
    """Sellable products for the storefront listing, newest first, optionally narrowed."""
    products = sellable_products(day=day)
    if category is not None:
        in_category = ProductCategory.objects.filter(
            product=OuterRef("pk"), category__path__startswith=category.path
        )
        products = products.filter(Exists(in_category))
    if province is not None:
        products = products.filter(**province_filter(province))
    return with_card_data(products.order_by(*LISTING_ORDER), day=day)


def province_filter(province) -> dict:
    """A current province matches its producers; a former one, producers that came from it."""
    if province.is_current:
        return {"producer__province": province}
    return {"producer__former_province": province}


def in_scope(products: QuerySet, province) -> QuerySet:
    """Products of a provincial site's province (its producers, former provinces included:
    a producer's ``province`` is always the current one); all of them when None."""
    return products if province is None else products.filter(producer__province=province)


def scoped_sellable_products(*, day) -> QuerySet:
    """``sellable_products`` narrowed to the current request's province scope (for code that
    has no request at hand: the GraphQL resolvers)."""
    return in_scope(sellable_products(day=day), current_scope.get())


def province_in_scope(province, scope) -> bool:
    """A province (current or former) may be shown on a site limited to ``scope``."""
    return scope is None or scope.pk in (province.pk, province.merged_into_id)


def province_by_slug(slug: str):
    return get_object_or_404(Province.objects.select_related("merged_into"), slug=slug)


def product_detail_queryset() -> QuerySet:
    return Product.objects.select_related(
        "product_class", "parent", "producer__province", "producer__former_province",
        "producer__ward",
    ).prefetch_related(
        "stockrecords",
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
        Prefetch("certificates", queryset=Certificate.objects.order_by("-expires_on")),
        "categories",
    )


def products_in_categories(categories) -> list[int]:
    """Ids of the products filed under these categories or any category below them."""
    under = Q()
    for category in categories:
        under |= Q(category__path__startswith=category.path)
    if not under:
        return []
    return list(ProductCategory.objects.filter(under).values_list("product_id", flat=True).distinct())


def navigation_categories() -> list:
    return list(Category.get_root_nodes().filter(is_public=True).order_by("path"))


def current_provinces() -> list:
    return sorted_by_name(Province.objects.filter(merged_into__isnull=True), lambda p: p.short_name)
