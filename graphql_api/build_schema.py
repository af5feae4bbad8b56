"""Build our served SDL: Saleor 3.23.28's schema pruned to what we serve.

Run ``python -m graphql_api.build_schema SALEOR_SDL DOCUMENTS_DIR`` to rewrite
``schema.graphql`` beside this file. What is kept:

* every field, argument and input field that the storefront's documents use (walked with
  graphql-core's ``TypeInfo``), with every field of an input type that a document passes as a
  variable (the client may send any of them);
* the extra fields and arguments in ``EXTRA`` (OCOP facts, filters, sorting we implement);
* ``Node`` for types that keep ``id``; union members that are kept anyway.

Saleor marks some arguments and input fields ``@deprecated`` (``filter`` on ``products``,
``token`` on checkout mutations). A graphql-core server would hide them from the default
introspection that the storefront's code generator runs, and its build would fail, so the
deprecation is dropped on arguments and input fields (never on output fields). Types and type
strings are Saleor's, so the served schema is a strict subset (``tests/graphql_api/test_graphql_schema.py``).
"""

import sys
from pathlib import Path

from graphql import (
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    build_ast_schema,
    get_named_type,
    is_input_object_type,
    is_list_type,
    is_non_null_type,
    parse,
    print_ast,
    print_schema,
    visit,
)
from graphql.language import ast

SCHEMA_FILE = Path(__file__).with_name("schema.graphql")

# Fields beyond the documents, which our resolvers serve ("Type": ["field", ...]);
# "Type.field": [args] keeps those arguments too.
EXTRA = {
    "Query": ["products", "product", "category", "collection", "menu", "page", "channel",
              "channels", "checkout", "me", "addressValidationRules"],
    "Product": ["id", "name", "slug", "description", "seoTitle", "seoDescription", "isAvailable",
                "created", "updatedAt", "rating", "attributes", "metadata", "metafield",
                "productType", "channel", "variants", "defaultVariant"],
    "ProductVariant": ["id", "name", "sku", "quantityAvailable", "product", "pricing", "channel"],
    "SelectedAttribute": ["attribute", "values"],
    "Attribute": ["id", "name", "slug"],
    "AttributeValue": ["id", "name", "slug", "plainText"],
    "MetadataItem": ["key", "value"],
    "ProductType": ["id", "name", "slug", "isShippingRequired"],
    "Channel": ["id", "name", "slug", "isActive", "currencyCode", "countries", "defaultCountry"],
    "Money": ["amount", "currency", "fractionalAmount", "fractionDigits"],
    "TaxedMoney": ["gross", "net", "tax", "currency"],
    "TaxedMoneyRange": ["start", "stop"],
    "ProductPricingInfo": ["priceRange", "onSale"],
    "VariantPricingInfo": ["price", "onSale"],
    "Category": ["id", "name", "slug", "description", "seoTitle", "seoDescription", "parent",
                 "level", "products", "translation"],
    "Collection": ["id", "name", "slug", "description", "seoTitle", "seoDescription", "products",
                   "translation"],
    # English where we have it (catalogue.models: title_en, name_en...); null otherwise.
    "ProductTranslation": ["id", "language", "name", "description", "seoTitle", "seoDescription"],
    "ProductVariantTranslation": ["id", "language", "name"],
    "CategoryTranslation": ["id", "language", "name", "description", "seoTitle", "seoDescription"],
    "CollectionTranslation": ["id", "language", "name", "description", "seoTitle", "seoDescription"],
    "LanguageDisplay": ["code", "language"],
    "Image": ["url", "alt"],
    "PageInfo": ["hasNextPage", "hasPreviousPage", "startCursor", "endCursor"],
    "ProductFilterInput": ["search", "categories", "collections", "ids", "price", "minimalPrice",
                           "isAvailable", "stockAvailability"],
    "ProductWhereInput": ["category", "collection", "ids", "price", "minimalPrice", "name", "slug",
                          "AND", "OR"],
    "Mutation": ["accountSetDefaultAddress", "checkoutCustomerDetach", "confirmAccount"],
    "Mutation.accountSetDefaultAddress": ["id", "type"],
    "Mutation.checkoutCustomerDetach": ["id"],
    "Mutation.confirmAccount": ["email", "token"],
    "AccountSetDefaultAddress": ["user", "errors"],
    "CheckoutCustomerDetach": ["checkout", "errors"],
    "CheckoutError": ["variants"],  # the variants a provincial channel refuses
    "ConfirmAccount": ["user", "errors"],
    "User": ["isActive", "isConfirmed"],
    "Query.products": ["first", "after", "last", "before", "channel", "sortBy", "filter", "where",
                       "search", "ids"],
    "Query.product": ["id", "slug", "channel", "externalReference"],
    "Query.category": ["id", "slug"],
    "Query.collection": ["id", "slug", "channel"],
    "Query.menu": ["id", "slug", "name", "channel"],
    "Query.page": ["id", "slug"],
    "Query.channel": ["id", "slug"],
    "Product.thumbnail": ["size", "format"],
    "Category.products": ["first", "after", "last", "before", "channel"],
    "Collection.products": ["first", "after", "last", "before"],
    "Product.metafield": ["key"],
    "Product.translation": ["languageCode"],
    "ProductVariant.translation": ["languageCode"],
    "Category.translation": ["languageCode"],
    "Collection.translation": ["languageCode"],
}


class _Collector(Visitor):
    def __init__(self, info: TypeInfo, keep: dict, input_vars: set):
        super().__init__()
        self.info = info
        self.keep = keep
        self.input_vars = input_vars
        self.fields = []  # "Type.field" of the fields being visited, innermost last

    def enter_field(self, node, *_):
        parent = self.info.get_parent_type()
        name = f"{parent.name}.{node.name.value}" if parent is not None else None
        if parent is not None:
            self.keep.setdefault(parent.name, set()).add(node.name.value)
            self.keep.setdefault(name, set())
        self.fields.append(name)

    def leave_field(self, *_):
        self.fields.pop()

    def enter_argument(self, node, *_):
        if self.fields and self.fields[-1]:
            self.keep[self.fields[-1]].add(node.name.value)

    def enter_object_field(self, node, *_):
        parent = self.info.get_parent_input_type()
        named = get_named_type(parent) if parent else None
        if named is not None and is_input_object_type(named):
            self.keep.setdefault(named.name, set()).add(node.name.value)

    def enter_variable_definition(self, node, *_):
        self.input_vars.add(_named(node.type))


def _named(type_node) -> str:
    while not isinstance(type_node, ast.NamedTypeNode):
        type_node = type_node.type
    return type_node.name.value


def collect(saleor_schema, documents) -> tuple[dict, set]:
    keep, input_vars = {}, set()
    for doc in documents:
        info = TypeInfo(saleor_schema)
        visit(doc, TypeInfoVisitor(info, _Collector(info, keep, input_vars)))
    return keep, input_vars


def prune(saleor_sdl: str, documents: list) -> str:
    saleor_doc = parse(saleor_sdl)
    saleor_schema = build_ast_schema(saleor_doc)
    keep, input_vars = collect(saleor_schema, documents)
    for key, names in EXTRA.items():
        keep.setdefault(key, set()).update(names)
    defs = {d.name.value: d for d in saleor_doc.definitions if hasattr(d, "name") and d.name}

    # Close over referenced types.
    whole = set()  # input types kept whole (passed as variables) and their input types
    pending = [n for n in input_vars]
    while pending:
        name = pending.pop()
        if name in whole or name not in defs:
            continue
        whole.add(name)
        node = defs[name]
        if isinstance(node, ast.InputObjectTypeDefinitionNode):
            pending.extend(_named(f.type) for f in node.fields)

    kept_types = set()
    queue = ["Query", "Mutation"] + [n for n in keep if "." not in n] + list(whole)
    while queue:
        name = queue.pop()
        if name in kept_types or name not in defs:
            continue
        node = defs[name]
        if isinstance(node, (ast.ObjectTypeDefinitionNode, ast.InterfaceTypeDefinitionNode)):
            if not keep.get(name):
                continue
            kept_types.add(name)
            for f in node.fields:
                if f.name.value in keep[name]:
                    queue.append(_named(f.type))
                    for a in f.arguments or ():
                        if a.name.value in keep.get(f"{name}.{f.name.value}", ()) or _required(a):
                            queue.append(_named(a.type))
        elif isinstance(node, ast.InputObjectTypeDefinitionNode):
            kept_types.add(name)
            if not any(f.name.value in keep.get(name, ()) or _required(f) for f in node.fields):
                whole.add(name)  # a small input named by a kept argument: all of it
            for f in node.fields:
                if name in whole or f.name.value in keep.get(name, ()) or _required(f):
                    queue.append(_named(f.type))
        elif isinstance(node, ast.UnionTypeDefinitionNode):
            kept_types.add(name)
        else:
            kept_types.add(name)  # scalars and enums, whole
    kept_types.add("Node")
    keep.setdefault("Node", set()).add("id")

    out = []
    for node in saleor_doc.definitions:
        name = getattr(getattr(node, "name", None), "value", None)
        if name not in kept_types:
            continue
        if isinstance(node, (ast.ObjectTypeDefinitionNode, ast.InterfaceTypeDefinitionNode)):
            fields = []
            for f in node.fields:
                if f.name.value not in keep[name]:
                    continue
                args = tuple(
                    _undeprecated(a) for a in (f.arguments or ())
                    if a.name.value in keep.get(f"{name}.{f.name.value}", ()) or _required(a)
                )
                fields.append(_copy(f, arguments=args, directives=tuple(
                    d for d in (f.directives or ()) if d.name.value == "deprecated")))
            interfaces = ()
            if "id" in keep[name] and name != "Node" and any(
                i.name.value == "Node" for i in (node.interfaces or ())
            ):
                interfaces = tuple(i for i in node.interfaces if i.name.value == "Node")
            out.append(_copy(node, fields=tuple(fields), interfaces=interfaces, directives=()))
        elif isinstance(node, ast.InputObjectTypeDefinitionNode):
            fields = tuple(
                _undeprecated(f) for f in node.fields
                if name in whole or f.name.value in keep.get(name, ()) or _required(f)
            )
            out.append(_copy(node, fields=fields, directives=()))
        elif isinstance(node, ast.UnionTypeDefinitionNode):
            members = tuple(t for t in node.types if t.name.value in kept_types)
            out.append(_copy(node, types=members, directives=()))
        elif isinstance(node, ast.SchemaDefinitionNode):
            continue
        elif isinstance(node, ast.EnumTypeDefinitionNode):
            values = tuple(_copy(v, directives=tuple(
                d for d in (v.directives or ()) if d.name.value == "deprecated")) for v in node.values)
            out.append(_copy(node, values=values, directives=()))
        elif isinstance(node, ast.ScalarTypeDefinitionNode):
            out.append(_copy(node, directives=()))
    schema = build_ast_schema(ast.DocumentNode(definitions=tuple(out)))
    return print_schema(schema)


def _required(node) -> bool:
    return isinstance(node.type, ast.NonNullTypeNode) and node.default_value is None


def _undeprecated(node):
    return _copy(node, directives=())


def _copy(node, **changes):
    return node.__class__(**{**{k: getattr(node, k) for k in node.keys}, **changes})


def storefront_documents(directory: Path) -> dict[str, "ast.DocumentNode"]:
    """One document per folder: the storefront's fragments are shared across a folder's files."""
    folders = sorted({p.parent for p in Path(directory).rglob("*.graphql")})
    return {
        folder.name: parse("\n".join(p.read_text() for p in sorted(folder.glob("*.graphql"))))
        for folder in folders
    }


def operation_sources(directory: Path) -> dict[tuple[str, str], str]:
    """Each operation of each folder with only the fragments it uses, keyed by (folder,
    operation): the text the storefront's generated client sends."""
    sources = {}
    for folder, document in storefront_documents(directory).items():
        definitions = {d.name.value: d for d in document.definitions}
        for name, definition in definitions.items():
            if definition.kind == "operation_definition":
                sources[folder, name] = "\n\n".join(print_ast(definitions[n]) for n in _used(name, definitions))
    return sources


def _used(name: str, definitions: dict) -> list[str]:
    needed, pending = [], [name]
    while pending:
        current = pending.pop()
        if current not in needed:
            needed.append(current)
            pending += [node.name.value for node in _spreads(definitions[current])]
    return needed


def _spreads(node):
    found = []

    class Spreads(Visitor):
        def enter_fragment_spread(self, spread, *_):
            found.append(spread)

    visit(node, Spreads())
    return found


def main(argv):
    saleor_sdl, docs_dir = Path(argv[1]), Path(argv[2])
    SCHEMA_FILE.write_text(prune(saleor_sdl.read_text(), list(storefront_documents(docs_dir).values())))
    print(f"wrote {SCHEMA_FILE}")


if __name__ == "__main__":
    main(sys.argv)
