"""Abuse limits checked before execution: query depth and query cost (``first``/``last``
multiply their field's cost, as in Saleor's cost map)."""

from ariadne.validation import cost_validator
from graphql import FieldNode, FragmentSpreadNode, GraphQLError, InlineFragmentNode, ValidationRule

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


def validation_rules(variables: dict | None, operation_name: str | None) -> list:
    """The variables belong to the operation that runs: the cost of the document's other
    operations (a client may send a whole file) is not computed with them."""
    base = cost_validator(maximum_cost=MAX_COST, default_cost=1, variables=variables or {}, cost_map=COST_MAP)

    class OperationCost(base):
        def enter_operation_definition(self, node, *args):
            if operation_name and node.name and node.name.value != operation_name:
                return
            super().enter_operation_definition(node, *args)

    return [DepthLimit, NoNulStrings, OperationCost]
