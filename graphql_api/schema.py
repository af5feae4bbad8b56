"""Saleor's SDL (pruned, ``schema.graphql``) bound to our resolvers with ariadne."""

from ariadne import InterfaceType, ObjectType, QueryType, UnionType, make_executable_schema
from graphql import GraphQLError

from graphql_api.account import addresses, auth
from graphql_api.build_schema import SCHEMA_FILE
from graphql_api.catalogue import resolvers as catalogue
from graphql_api.catalogue import translations
from graphql_api.catalogue.channels import UnknownChannel, all_channels, channel_by_id, channel_for
from graphql_api.checkout import schema as checkout_schema
from graphql_api.common.ids import to_global_id

query = QueryType()
product = ObjectType("Product")
variant = ObjectType("ProductVariant")
category = ObjectType("Category")
collection = ObjectType("Collection")
page = ObjectType("Page")
node_interface = InterfaceType("Node")
delivery_method = UnionType("DeliveryMethod")


def _not_implemented(obj, info, **_):
    raise GraphQLError(f"{info.parent_type.name}.{info.field_name} is not implemented by this shop yet.")


# ---- Query ------------------------------------------------------------------------------
query.set_field("products", lambda _, info, **kw: catalogue.products_connection(info, **kw))
query.set_field("product", lambda _, info, **kw: catalogue.single_product(info, **kw))
query.set_field("category", lambda _, info, **kw: catalogue.single_category(info, **kw))
query.set_field("collection", lambda _, info, **kw: catalogue.single_collection(info, **kw))
query.set_field("menu", lambda _, info, **kw: catalogue.menu(info, **kw))
query.set_field("page", lambda _, info, **kw: catalogue.single_page(info, **kw))
query.set_field("channels", lambda *_: [channel.as_graphql() for channel in all_channels()])
query.set_field("checkout", checkout_schema.resolve_checkout)
query.set_field("order", checkout_schema.resolve_order)
query.set_field("me", lambda _, info: auth.request_user(info.context))
user_type = ObjectType("User")
user_type.set_field("id", lambda u, *_: to_global_id("User", u.pk))
user_type.set_field("firstName", lambda u, *_: u.first_name or "")
user_type.set_field("lastName", lambda u, *_: u.last_name or "")
user_type.set_field("avatar", lambda *_, **__: None)
user_type.set_field("addresses", lambda u, *_: [checkout_schema.saleor_address(a) for a in addresses.addresses_of(u)])
user_type.set_field("defaultShippingAddress", lambda u, *_: checkout_schema.saleor_address(
    addresses.default_of(u, "SHIPPING")))
user_type.set_field("defaultBillingAddress", lambda u, *_: checkout_schema.saleor_address(
    addresses.default_of(u, "BILLING")))
user_type.set_field("isConfirmed", lambda u, *_: u.is_active)


@user_type.field("orders")
def resolve_user_orders(user, info, first=None, after=None, last=None, before=None, **_):
    from oscar.core.loading import get_model

    from graphql_api.common.pagination import connection

    orders = get_model("order", "Order").objects.filter(user=user).order_by("-date_placed", "-pk")
    return connection(orders, first=first, after=after, last=last, before=before,
                      load=lambda page: page.prefetch_related("lines", "sources"))
query.set_field("addressValidationRules", checkout_schema.resolve_address_validation_rules)


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


# ---- The shopper's address book --------------------------------------------------------
def _address_payload(info, change) -> dict:
    user = addresses.require_user(auth.request_user(info.context))
    try:
        address = change(user)
    except addresses.AddressError as exc:
        return {"user": None, "address": None, "errors": exc.errors}
    return {"user": user, "address": checkout_schema.saleor_address(address), "errors": []}


mutation = checkout_schema.mutation
mutation.set_field("accountAddressCreate", lambda _, info, input, type=None: _address_payload(
    info, lambda user: addresses.create(user, input, type)))
mutation.set_field("accountAddressUpdate", lambda _, info, id, input: _address_payload(
    info, lambda user: addresses.update(user, id, input)))
mutation.set_field("accountAddressDelete", lambda _, info, id: _address_payload(
    info, lambda user: addresses.delete(user, id)))


@mutation.field("accountSetDefaultAddress")
def resolve_set_default_address(_, info, id, type):
    payload = _address_payload(info, lambda user: addresses.set_default(user, id, type))
    payload.pop("address")  # Saleor's payload has only the user
    return payload


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


@node_interface.type_resolver
def resolve_node_type(obj, *_):
    return type(obj).__name__ if type(obj).__name__ in ("Product", "Category") else None


@delivery_method.type_resolver
def resolve_delivery_type(obj, *_):
    return "ShippingMethod"


# ---- Not yet served ----------------------------------------------------------
def _bind_unimplemented(schema):
    """Fields of the storefront's documents that we do not serve yet answer a clear error."""
    for root in (schema.query_type, schema.mutation_type):
        for field in root.fields.values():
            if field.resolve is None:
                field.resolve = _not_implemented


type_defs = SCHEMA_FILE.read_text()
schema = make_executable_schema(
    type_defs, query, *checkout_schema.bindables, user_type, product, variant, category, collection, page, node_interface,
    delivery_method,
)
_bind_unimplemented(schema)
