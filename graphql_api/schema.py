"""Saleor's SDL (pruned, ``schema.graphql``) bound to our resolvers with ariadne: each domain
(``account``, ``catalogue``, ``checkout``) binds its own fields in its ``schema.py``; this
module assembles them, resolves the ``Node`` interface across domains, and makes every
root field no domain serves answer a clear error."""

from ariadne import InterfaceType, make_executable_schema
from graphql import GraphQLError

from graphql_api.account import schema as account
from graphql_api.build_schema import SCHEMA_FILE
from graphql_api.catalogue import schema as catalogue
from graphql_api.checkout import schema as checkout

node_interface = InterfaceType("Node")


@node_interface.type_resolver
def resolve_node_type(obj, *_):
    return type(obj).__name__ if type(obj).__name__ in ("Product", "Category") else None


# ---- Not yet served ----------------------------------------------------------
def _not_implemented(obj, info, **_):
    raise GraphQLError(f"{info.parent_type.name}.{info.field_name} is not implemented by this shop yet.")


def _bind_unimplemented(schema):
    """Fields of the storefront's documents that we do not serve yet answer a clear error."""
    for root in (schema.query_type, schema.mutation_type):
        for field in root.fields.values():
            if field.resolve is None:
                field.resolve = _not_implemented


type_defs = SCHEMA_FILE.read_text()
schema = make_executable_schema(
    type_defs, *catalogue.bindables, *checkout.bindables, *account.bindables, node_interface,
)
_bind_unimplemented(schema)
