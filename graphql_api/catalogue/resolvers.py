"""Catalogue reads in Saleor's shapes: products, categories, collections, menus, pages.

Only sellable products appear (``catalogue.sellable.sellable_products`` as the base of every
listing, ``check_sellable`` through the Strategy for single reads); prices and availability
come from the Strategy only. A page of products loads in a fixed number of queries
(``with_card_data`` plus the categories), whatever its size. A provincial channel
(``channels.py``) narrows every read to its province, on top of the host's site scope.
"""

import hashlib
import json
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db.models import Exists, F, FilteredRelation, OuterRef, Prefetch, Q, Subquery
from django.utils.html import escape
from graphql import GraphQLError
from oscar.core.loading import get_model

from catalogue.listing_cache import cached_count
from catalogue.rules import today_in_vietnam
from catalogue.selectors import in_scope, navigation_categories, scoped_sellable_products, with_card_data
from catalogue.sellable import valid_certificate
from cms.models import HomePage
from graphql_api.catalogue import thumbnails
from graphql_api.catalogue.channels import channel_for
from graphql_api.common.ids import InvalidID, from_global_id, int_pk, to_global_id
from graphql_api.common.money import taxed
from graphql_api.common.pagination import check_page_arguments, connection
from search import service
from search.query import MAX_PAGE_SIZE, SearchQuery, SearchUnavailable, search_terms

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
SearchDocument = get_model("catalogue", "SearchDocument")
StockRecord = get_model("partner", "StockRecord")

FEATURED_COLLECTION = "featured-products"
MAX_CHECKOUT_LINE_QUANTITY = 50  # Saleor's default cap on quantityAvailable

SORT_FIELDS = {
    "NAME": ("title",),
    "PRICE": ("listed_price",),
    "MINIMAL_PRICE": ("listed_price",),
    "RATING": ("rating",),
    "CREATED_AT": ("date_created",),
    "DATE": ("date_updated",),
    "LAST_MODIFIED": ("date_updated",),
    "LAST_MODIFIED_AT": ("date_updated",),
}
# Oscar leaves a product's rating null until it is reviewed; the other sort columns are never null.
NULLABLE_SORT_COLUMNS = {"rating"}
PRICE_SORTS = {"PRICE", "MINIMAL_PRICE"}
FILTER_KEYS = {"search", "categories", "ids", "price", "minimalPrice", "isAvailable", "stockAvailability"}
WHERE_KEYS = {"ids", "category", "price", "minimalPrice", "name", "slug", "AND", "OR"}


# ---- products listing -------------------------------------------------------------------

def use_channel(info, slug: str | None) -> None:
    """The query's channel for the fields below it; ``None`` keeps the enclosing one."""
    if slug is not None:
        info.context["channel"] = channel_for(slug)


def sellable_products(info):
    """Sellable products of the host's site scope, narrowed to the channel's province: on
    a provincial host with a provincial channel a product must be in both (the narrower wins;
    two different provinces list nothing)."""
    channel = info.context.get("channel")
    products = scoped_sellable_products(day=info.context["day"])
    return in_scope(products, channel.province) if channel is not None else products


def _channel_key(info) -> str:
    channel = info.context.get("channel")
    return channel.slug if channel is not None else "-"


def online_price() -> Subquery:
    """The price of the product's online stock record (its producer's partner)."""
    return Subquery(StockRecord.objects.filter(
        product=OuterRef("pk"), partner=OuterRef("producer__partner_id"),
    ).order_by("pk").values("price")[:1])


def with_listed_price(products, *, day):
    """The products with their search document for ``day`` (at most one each), its price as
    ``listed_price``: the price order of the web listing.

    Sorting by ``online_price()`` computes it for every sellable product and sorts them all
    (PostgreSQL misjudges the product-producer-stock record join as a few rows, so no index
    on stock records is ever walked). The document table has the price beside the product
    id, indexed (``searchdoc_price``), so a page walks that index. Documents are rewritten
    after each catalogue change commits, like the web listing; the rule itself is still
    applied live by the base queryset. As on the web listing, a stock record without a
    price counts as 0 đ, and a product whose first document is still being written is
    listed once it is (``totalCount``, the rule's count, already includes it).
    """
    return products.alias(
        listed_document=FilteredRelation("search_documents", condition=Q(
            search_documents__sellable_from__lte=day, search_documents__sellable_until__gte=day)),
    ).annotate(listed_price=F("listed_document__price")).filter(listed_price__isnull=False)


def product_rows(queryset, *, day):
    """Everything a product node needs, in a fixed number of queries."""
    return with_card_data(queryset, day=day).prefetch_related(
        Prefetch("categories", queryset=Category.objects.order_by("path"), to_attr="api_categories"),
        Prefetch("attribute_values", queryset=ProductAttributeValue.objects.select_related("attribute").order_by(
            "attribute__name", "pk"), to_attr="api_attribute_values"),
    )


def products_connection(info, *, base=None, base_key="all", channel=None, first=None, after=None, last=None,
                        before=None, sortBy=None, filter=None, where=None, search=None, ids=None,
                        **unsupported):
    if unsupported:
        raise GraphQLError(f"Unsupported argument(s): {', '.join(sorted(unsupported))}.")
    use_channel(info, channel)
    day = info.context["day"]
    products = (base if base is not None else sellable_products(info)).annotate(api_price=online_price())
    if filter:
        products = products.filter(filter_q(filter, day))
    if where:
        products = products.filter(where_q(where))
    if search:
        products = products.filter(search_q(search, day))
    if ids:
        products = products.filter(pk__in=[int_pk(i, "Product") for i in ids])
    order = sort_order(sortBy)
    check_page_arguments(first, last)
    # The count is a pass over the whole catalogue: cached like the web listing's, under
    # the catalogue version that every product, stock or certificate change bumps. Every
    # order shares it (the rule's count, without the price order's join).
    key = hashlib.sha1(json.dumps([base_key, _channel_key(info), str(day), filter, where, search, ids],
                                  sort_keys=True, default=str).encode()).hexdigest()
    total = cached_count(products, key=f"graphql:{key}")
    if (sortBy or {}).get("field") in PRICE_SORTS:
        products = with_listed_price(products, day=day)
    return connection(
        products.order_by(*order), first=first, after=after, last=last, before=before,
        load=lambda page: product_rows(page, day=day), total=total,
    )


def sort_order(sort_by) -> tuple:
    if not sort_by:
        return ("-date_created", "-id")
    field = sort_by.get("field")
    if sort_by.get("attributeId") or field not in SORT_FIELDS:
        raise GraphQLError(f"Sorting by {field or 'attribute'} is not supported.")
    descending = sort_by.get("direction") == "DESC"
    columns = SORT_FIELDS[field]
    # Nulls placed only where there can be some: "DESC NULLS LAST" would not match an
    # index read backwards, and price pages walk one.
    nulls = {"nulls_last": True} if NULLABLE_SORT_COLUMNS & set(columns) else {}
    order = [F(c).desc(**nulls) if descending else F(c).asc(**nulls) for c in columns]
    return (*order, "-id" if descending else "id")


def _range_q(column: str, value: dict | None) -> Q:
    q = Q()
    if not value:
        return q
    try:
        if value.get("gte") is not None:
            q &= Q(**{f"{column}__gte": Decimal(str(value["gte"]))})
        if value.get("lte") is not None:
            q &= Q(**{f"{column}__lte": Decimal(str(value["lte"]))})
    except InvalidOperation:
        raise GraphQLError("Invalid price range.") from None
    return q


def category_subtree_q(category_pks) -> Q:
    paths = list(Category.objects.filter(pk__in=category_pks).values_list("path", flat=True))
    if not paths:
        return Q(pk__in=[])
    in_tree = Q()
    for path in paths:
        in_tree |= Q(category__path__startswith=path)
    return Q(Exists(ProductCategory.objects.filter(in_tree, product=OuterRef("pk"))))


# With an external search engine, at most this many of its best matches are listed.
ENGINE_MAX_MATCHES = 1_000


def search_q(text: str, day) -> Q:
    """Every folded word of ``text`` starts a word of the product's search document
    (title, producer, provinces current and former, categories, description): the
    ``SearchDocument`` table, or the configured engine when ``SEARCH_BACKEND`` names one."""
    terms = search_terms(text)
    if not terms:
        return Q()
    if settings.SEARCH_BACKEND != "database":
        return Q(pk__in=engine_matches(text, day))
    documents = SearchDocument.objects.filter(
        product=OuterRef("pk"), sellable_from__lte=day, sellable_until__gte=day,
    )
    for term in terms:
        documents = documents.filter(folded_text__contains=f" {term}")
    return Q(Exists(documents))


def engine_matches(text: str, day) -> list[int]:
    """The ids of the engine's best matches, asked a page of 100 at a time (its maximum)."""
    ids = []
    for page in range(1, ENGINE_MAX_MATCHES // MAX_PAGE_SIZE + 1):
        try:
            result = service.search(SearchQuery(text=text, page=page, page_size=MAX_PAGE_SIZE, day=day))
        except SearchUnavailable:
            raise GraphQLError("Search is unavailable, try again later.") from None
        ids += [hit.id for hit in result.hits]
        if len(ids) >= result.count or not result.hits:
            break
    return ids


def filter_q(value: dict, day) -> Q:
    unknown = set(value) - FILTER_KEYS
    if unknown:
        raise GraphQLError(f"Unsupported filter(s): {', '.join(sorted(unknown))}.")
    q = Q()
    if value.get("search"):
        q &= search_q(value["search"], day)
    if value.get("categories"):
        q &= category_subtree_q([int_pk(i, "Category") for i in value["categories"]])
    if value.get("ids"):
        q &= Q(pk__in=[int_pk(i, "Product") for i in value["ids"]])
    q &= _range_q("api_price", value.get("price")) & _range_q("api_price", value.get("minimalPrice"))
    if value.get("isAvailable") is False or value.get("stockAvailability") == "OUT_OF_STOCK":
        q &= Q(pk__in=[])  # only sellable products are ever listed: none is unavailable
    return q


def _ids_filter(value: dict, type_name: str) -> list[int]:
    if value.get("eq") is not None:
        return [int_pk(value["eq"], type_name)]
    return [int_pk(i, type_name) for i in value.get("oneOf") or ()]


def _decimal_filter(column: str, value: dict) -> Q:
    if value.get("eq") is not None:
        return Q(**{column: value["eq"]})
    if value.get("oneOf"):
        return Q(**{f"{column}__in": value["oneOf"]})
    return _range_q(column, value.get("range"))


def _string_filter(column: str, value: dict) -> Q:
    if value.get("eq") is not None:
        return Q(**{column: value["eq"]})
    return Q(**{f"{column}__in": value.get("oneOf") or ()})


def where_q(value: dict) -> Q:
    unknown = set(value) - WHERE_KEYS
    if unknown:
        raise GraphQLError(f"Unsupported where filter(s): {', '.join(sorted(unknown))}.")
    q = Q()
    if value.get("ids"):
        q &= Q(pk__in=[int_pk(i, "Product") for i in value["ids"]])
    if value.get("category"):
        q &= category_subtree_q(_ids_filter(value["category"], "Category"))
    for key in ("price", "minimalPrice"):
        if value.get(key):
            q &= _decimal_filter("api_price", value[key])
    if value.get("name"):
        q &= _string_filter("title", value["name"])
    if value.get("slug"):
        q &= _string_filter("slug", value["slug"])
    for part in value.get("AND") or ():
        q &= where_q(part)
    if value.get("OR"):
        either = Q(pk__in=[])
        for part in value["OR"]:
            either |= where_q(part)
        q &= either
    return q


# ---- single reads -----------------------------------------------------------------------

def single_product(info, *, id=None, slug=None, channel=None, externalReference=None):
    context = info.context
    context["channel"] = channel_for(channel)
    if externalReference is not None or (id is None) == (slug is None):
        raise GraphQLError("Argument 'id' or 'slug' is required (one of them).")
    lookup = {"pk": int_pk(id, "Product")} if id is not None else {"slug": slug}
    return product_rows(sellable_products(info).filter(**lookup), day=context["day"]).first()


def editorjs(text: str) -> str | None:
    """Plain or HTML text as an EditorJS document: one paragraph per blank-line block."""
    if not text:
        return None
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    blocks = [{"id": f"p{i}", "type": "paragraph", "data": {"text": escape(p)}}
              for i, p in enumerate(paragraphs)]
    return json.dumps({"time": 0, "blocks": blocks, "version": "2.24.3"}, ensure_ascii=False)


def purchase_info(info, product):
    strategies = info.context.setdefault("purchase_info", {})
    if product.pk not in strategies:
        strategies[product.pk] = info.context["strategy"].fetch_for_product(product)
    return strategies[product.pk]


def product_pricing(product, info):
    if info.context.get("channel") is None:
        return None  # as in Saleor: no channel, no pricing
    purchase = purchase_info(info, product)
    if purchase.price is None or not purchase.price.exists:
        return None
    price = taxed(purchase.price.incl_tax, purchase.price.currency)
    return {"onSale": False, "priceRange": {"start": price, "stop": price},
            "priceRangeUndiscounted": {"start": price, "stop": price}}


def variant_pricing(product, info):
    if info.context.get("channel") is None:
        return None
    purchase = purchase_info(info, product)
    if purchase.price is None or not purchase.price.exists:
        return None
    price = taxed(purchase.price.incl_tax, purchase.price.currency)
    return {"onSale": False, "price": price, "priceUndiscounted": price}


def quantity_available(product, info, **_):
    purchase = purchase_info(info, product)
    if not purchase.availability.is_available_to_buy or purchase.stockrecord is None:
        return 0
    return max(0, min(purchase.stockrecord.net_stock_level, MAX_CHECKOUT_LINE_QUANTITY))


def product_category(product, *_):
    categories = getattr(product, "api_categories", None)
    if categories is None:
        categories = list(product.categories.order_by("path"))
    return categories[0] if categories else None


def product_thumbnail(product, info, size=None, format=None):
    images = getattr(product, "card_images", None)
    if images is None:
        images = list(product.images.order_by("display_order", "pk"))
    if not images:
        return None
    image = images[0]
    return {"url": thumbnails.url_for(info.context["request"], image, size, format),
            "alt": image.caption or product.get_title()}


def product_media(product, info, **_):
    """Every image of the product, served at Saleor's sizes by the thumbnail view."""
    images = getattr(product, "card_images", None)
    if images is None:
        images = list(product.images.order_by("display_order", "pk"))
    request = info.context["request"]
    return [{"alt": image.caption or product.get_title(), "type": "IMAGE",
             "url": lambda _info, size=None, image=image: thumbnails.url_for(request, image, size, None)}
            for image in images]


def variant_attributes(product, info, **_):
    """The product's Oscar attributes (weight, volume…): an OCOP product is its own variant."""
    values = getattr(product, "api_attribute_values", None)
    if values is None:
        values = list(product.attribute_values.select_related("attribute").order_by("attribute__name", "pk"))
    selected = []
    for value in values:
        attribute, text = value.attribute, str(value.value_as_text)
        selected.append({
            "attribute": {"id": to_global_id("Attribute", attribute.code), "name": attribute.name,
                          "slug": attribute.code},
            "values": [{"id": to_global_id("AttributeValue", value.pk), "name": text, "slug": text, "plainText": text,
                        "boolean": value.value_boolean, "dateTime": None}],
        })
    return selected


def ocop_facts(product, day) -> list[tuple[str, str, str]]:
    """(slug, name, value) of the OCOP facts: stars, certificate, provinces, producer."""
    certificate = valid_certificate(product, day)
    producer = product.producer
    facts = []
    if certificate is not None:
        facts += [
            ("ocop-stars", "Hạng sao OCOP", str(certificate.stars)),
            ("ocop-certificate-number", "Số chứng nhận OCOP", certificate.number),
            ("ocop-certificate-expires-on", "Chứng nhận hiệu lực đến", certificate.expires_on.isoformat()),
        ]
    if producer is not None:
        facts.append(("producer", "Chủ thể OCOP", producer.name))
        if producer.province_id:
            facts.append(("province", "Tỉnh/thành", producer.province.name))
        if producer.former_province_id:
            facts.append(("former-province", "Tỉnh cũ", producer.former_province.name))
    return facts


def product_attributes(product, info, **_):
    return [
        {
            "attribute": {"id": to_global_id("Attribute", slug), "name": name, "slug": slug},
            "values": [{"id": to_global_id("AttributeValue", f"{slug}-{product.pk}"), "name": value,
                        "slug": value, "plainText": value}],
        }
        for slug, name, value in ocop_facts(product, info.context["day"])
    ]


def product_metadata(product, info, **_):
    return [{"key": f"ocop.{slug}", "value": value} for slug, _, value in ocop_facts(product, info.context["day"])]


def product_metafield(product, info, key):
    return {m["key"]: m["value"] for m in product_metadata(product, info)}.get(key)


def product_type(product, *_):
    product_class = product.get_product_class()
    return {"id": to_global_id("ProductType", product_class.pk), "name": product_class.name,
            "slug": product_class.slug, "isShippingRequired": product_class.requires_shipping}


# ---- categories, collections, menus, pages, nodes ----------------------------------------

def single_category(info, *, id=None, slug=None, **_):
    if (id is None) == (slug is None):
        raise GraphQLError("Argument 'id' or 'slug' is required (one of them).")
    lookup = {"pk": int_pk(id, "Category")} if id is not None else {"slug": slug}
    return Category.objects.filter(is_public=True, **lookup).first()


def category_products(category, info, channel=None, **page):
    use_channel(info, channel)  # before the base, which the channel narrows
    base = sellable_products(info).filter(category_subtree_q([category.pk]))
    return products_connection(info, base=base, base_key=f"category:{category.pk}", **page)


def single_collection(info, *, id=None, slug=None, channel=None):
    info.context["channel"] = channel_for(channel)
    wanted = slug if slug is not None else (from_global_id(id, "Collection") if id else None)
    if wanted != FEATURED_COLLECTION:
        return None
    home = HomePage.objects.live().first()
    count = home.featured_count if home else 8
    return {"id": to_global_id("Collection", FEATURED_COLLECTION), "slug": FEATURED_COLLECTION,
            "name": "Sản phẩm nổi bật", "description": None, "seoTitle": "Sản phẩm OCOP nổi bật",
            "seoDescription": "Sản phẩm OCOP mới nhất đang bán", "count": count}


def collection_products(collection, info, **page):
    """The home page's featured products: the newest sellable ones (``HomePage``)."""
    newest = sellable_products(info).order_by("-date_created", "-id").values_list("pk", flat=True)[: collection["count"]]
    base = sellable_products(info).filter(pk__in=list(newest))
    return products_connection(info, base=base, base_key=f"collection:{collection['slug']}:{collection['count']}",
                               **page)


def menu(info, *, id=None, slug=None, name=None, channel=None):
    wanted = slug or name
    if wanted == "navbar":
        items = [_menu_item(f"category-{c.pk}", c.name, category=c) for c in navigation_categories()]
    elif wanted == "footer":
        items = [_menu_item(f"page-{p.pk}", p.title, page=p) for p in _footer_pages()]
    else:
        return None
    return {"id": to_global_id("Menu", wanted), "name": wanted, "slug": wanted, "items": items}


def _footer_pages():
    from wagtail.models import Page

    home = Page.objects.filter(depth=2).live().first()
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().order_by("path")[:20])


def _menu_item(pk, name, *, category=None, page=None, level=0):
    return {"id": to_global_id("MenuItem", pk), "name": name, "level": level, "category": category,
            "collection": None, "page": page, "url": None, "children": []}


def single_page(info, *, id=None, slug=None):
    from wagtail.models import Page

    if (id is None) == (slug is None):
        raise GraphQLError("Argument 'id' or 'slug' is required (one of them).")
    pages = Page.objects.live().public()
    page = pages.filter(pk=int_pk(id, "Page")).first() if id else pages.filter(slug=slug).first()
    return page.specific if page is not None else None


def page_content(page, *_):
    from django.utils.html import strip_tags

    body = getattr(page, "body", None) or getattr(page, "intro", None) or page.search_description
    text = strip_tags(str(body)) if body else ""
    return editorjs(text)


__all__ = ["InvalidID"]
