"""Abuse limits checked before execution: query depth and query cost (``first``/``last``
multiply their field's cost, as in Saleor's cost map), and the document cache: each query
text is parsed and checked by the static rules once (``prepared``), since clients send the
same few documents over and over; only the cost, which depends on the variables, is
computed per request."""

from functools import lru_cache

from ariadne.validation import cost_validator
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    ValidationRule,
    parse,
    specified_rules,
    validate,
)

MAX_DEPTH = 12
MAX_COST = 50_000
PAGED = {"complexity": 1, "multipliers": ["first", "last"]}
COST_MAP = {
    "Query": {"products": PAGED},
    "Category": {"products": PAGED},
    "Collection": {"products": PAGED},
    "User": {"orders": PAGED},
}


class DepthLimit(ValidationRule):
    def enter_operation_definition(self, node, *_):
        fragments = {f.name.value: f for f in self.context.document.definitions
                     if f.kind == "fragment_definition"}
        depth = _depth(node.selection_set, fragments, 0, set())
        if depth > MAX_DEPTH:
            self.report_error(GraphQLError(
                f"Query is too deep: {depth} levels, the limit is {MAX_DEPTH}.", node))


def _depth(selection_set, fragments, level, seen) -> int:
    if selection_set is None:
        return level
    deepest = level
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value.startswith("__"):
                continue  # introspection is bounded by the schema itself
            deepest = max(deepest, _depth(selection.selection_set, fragments, level + 1, seen))
        elif isinstance(selection, InlineFragmentNode):
            deepest = max(deepest, _depth(selection.selection_set, fragments, level, seen))
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in seen or name not in fragments:
                continue  # cycles and unknown fragments are reported by the standard rules
            deepest = max(deepest, _depth(fragments[name].selection_set, fragments, level, seen | {name}))
    return deepest


class NoNulStrings(ValidationRule):
    """GraphQL string escapes (``"\\u0000"``) put NUL into arguments past the request
    check (which sees the raw text): refused before anything runs."""

    def enter_string_value(self, node, *_):
        if "\x00" in node.value:
            self.report_error(GraphQLError("Null characters are not allowed.", node))


# Rules that see only the query text: their verdict is cached with the parsed document.
STATIC_RULES = (DepthLimit, NoNulStrings)


def cost_rules(variables: dict | None, operation_name: str | None) -> list:
    """The rules that depend on the variables, run on every request. The variables belong to the operation that runs: the cost of the document's other
    operations (a client may send a whole file) is not computed with them."""
    base = cost_validator(maximum_cost=MAX_COST, default_cost=1, variables=variables or {}, cost_map=COST_MAP)

    class OperationCost(base):
        def enter_operation_definition(self, node, *args):
            if operation_name and node.name and node.name.value != operation_name:
                return
            super().enter_operation_definition(node, *args)

    return [OperationCost]


# A parsed document takes about 60 times its text in memory: only texts up to this size
# (the storefront's largest file is 8.8 KB) are cached, so the cache stays under ~80 MB.
CACHED_QUERY_CHARS = 10_000
CACHED_QUERIES = 128


def prepared(schema: GraphQLSchema, query: str) -> tuple[DocumentNode, tuple[GraphQLError, ...]]:
    """The parsed document and its errors under the spec's and the static rules. A syntax
    error raises (and is not cached), as ``parse`` does."""
    if len(query) <= CACHED_QUERY_CHARS:
        return _prepared(schema, query)
    return _prepare(schema, query)


def _prepare(schema, query):
    document = parse(query)
    return document, tuple(validate(schema, document, (*specified_rules, *STATIC_RULES)))


_prepared = lru_cache(maxsize=CACHED_QUERIES)(_prepare)


def cached_validator(query: str):
    """An ariadne ``query_validator``: the cached verdict plus the per-request rules."""

    def validate_query(schema, document, rules=None, max_errors=None, **_):
        static = set(specified_rules) | set(STATIC_RULES)
        per_request = [rule for rule in rules or () if rule not in static]
        return [*prepared(schema, query)[1], *validate(schema, document, per_request)]

    return validate_query
