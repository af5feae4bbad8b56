"""Bindings of the catalogue domain: product, category, collection, menu and page queries,
the channels, and the ``Product``, ``ProductVariant``, ``Category``, ``Collection`` and
``Page`` types (resolvers in ``graphql_api.catalogue.resolvers``)."""

from ariadne import ObjectType, QueryType

from graphql_api.catalogue import resolvers as catalogue
from graphql_api.catalogue import translations
from graphql_api.catalogue.channels import UnknownChannel, all_channels, channel_by_id, channel_for
from graphql_api.common.ids import to_global_id

query = QueryType()
product = ObjectType("Product")
variant = ObjectType("ProductVariant")
category = ObjectType("Category")
collection = ObjectType("Collection")
page = ObjectType("Page")


# ---- Query ------------------------------------------------------------------------------
query.set_field("products", lambda _, info, **kw: catalogue.products_connection(info, **kw))
query.set_field("product", lambda _, info, **kw: catalogue.single_product(info, **kw))
query.set_field("category", lambda _, info, **kw: catalogue.single_category(info, **kw))
query.set_field("collection", lambda _, info, **kw: catalogue.single_collection(info, **kw))
query.set_field("menu", lambda _, info, **kw: catalogue.menu(info, **kw))
query.set_field("page", lambda _, info, **kw: catalogue.single_page(info, **kw))
query.set_field("channels", lambda *_: [channel.as_graphql() for channel in all_channels()])


@query.field("channel")
def resolve_channel(_, info, id=None, slug=None):
    if id is not None:
        channel = channel_by_id(id)
    else:
        try:
            channel = channel_for(slug)
        except UnknownChannel:  # Saleor answers null
            return None
    return channel.as_graphql() if channel else None


# ---- Product and its one variant (OCOP items are standalone: the product is its variant) --
product.set_field("id", lambda p, *_: to_global_id("Product", p.pk))
product.set_field("name", lambda p, *_: p.get_title())
product.set_field("description", lambda p, *_: catalogue.editorjs(p.description))
product.set_field("seoTitle", lambda p, *_: p.meta_title or p.get_title())
product.set_field("seoDescription", lambda p, *_: p.meta_description or "")
product.set_field("created", lambda p, *_: p.date_created)
product.set_field("updatedAt", lambda p, *_: p.date_updated)
product.set_field("isAvailable", lambda p, info, **_: catalogue.purchase_info(info, p).availability.is_available_to_buy)
product.set_field("pricing", lambda p, info, **_: catalogue.product_pricing(p, info))
product.set_field("category", catalogue.product_category)
product.set_field("thumbnail", catalogue.product_thumbnail)
product.set_field("attributes", catalogue.product_attributes)
product.set_field("metadata", catalogue.product_metadata)
product.set_field("metafield", catalogue.product_metafield)
product.set_field("productType", catalogue.product_type)
product.set_field("variants", lambda p, *_: [p])
product.set_field("defaultVariant", lambda p, *_: p)
product.set_field("channel", lambda p, info: info.context["channel"].slug if info.context.get("channel") else None)
product.set_field("translation", translations.product_translation)
product.set_field("media", catalogue.product_media)

variant.set_field("id", lambda p, *_: to_global_id("ProductVariant", p.pk))
variant.set_field("name", lambda p, *_: p.get_title())
variant.set_field("sku", lambda p, info: (catalogue.purchase_info(info, p).stockrecord or None)
                  and catalogue.purchase_info(info, p).stockrecord.partner_sku)
variant.set_field("product", lambda p, *_: p)
variant.set_field("pricing", lambda p, info, **_: catalogue.variant_pricing(p, info))
variant.set_field("quantityAvailable", catalogue.quantity_available)
variant.set_field("attributes", catalogue.variant_attributes)
variant.set_field("media", catalogue.product_media)
variant.set_field("translation", translations.variant_translation)
variant.set_field("channel", lambda p, info: info.context["channel"].slug if info.context.get("channel") else None)

category.set_field("id", lambda c, *_: to_global_id("Category", c.pk))
category.set_field("description", lambda c, *_: catalogue.editorjs(c.description))
category.set_field("seoTitle", lambda c, *_: c.meta_title or c.name)
category.set_field("seoDescription", lambda c, *_: c.meta_description or "")
category.set_field("level", lambda c, *_: c.depth - 1)
category.set_field("parent", lambda c, *_: c.get_parent() if c.depth > 1 else None)
category.set_field("products", catalogue.category_products)
category.set_field("translation", translations.category_translation)

collection.set_field("products", catalogue.collection_products)
collection.set_field("translation", translations.collection_translation)

page.set_field("id", lambda p, *_: to_global_id("Page", p.pk))
page.set_field("seoTitle", lambda p, *_: p.seo_title or p.title)
page.set_field("seoDescription", lambda p, *_: p.search_description or "")
page.set_field("content", catalogue.page_content)

bindables = [query, product, variant, category, collection, page]
