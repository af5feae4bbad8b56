"""Abuse limits checked before anything runs, cheapest first:

1. the document's size: at most ``MAX_QUERY_CHARS`` characters, checked before parsing, and
   ``MAX_TOKENS`` tokens (graphql-core's parser stops there), so a megabyte of aliases costs
   a millisecond, not seconds of parsing and validation;
2. the cost of the operation that would run (``operation_cost``), Saleor's model: a field that
   returns an object costs 1, scalars nothing, and ``first``/``last`` multiply their field and
   everything below it; every alias and every fragment spread counts. A root field costs
   ``ROOT_COMPLEXITY`` more, since each runs its own SQL queries where nested fields are
   loaded in batches. Introspection is priced by the schema nodes it walks;
3. the spec's validation and the static rules (depth, NUL), cached per query text.

The cost is computed before the spec's validation on purpose: validating is the slow step
(graphql-core's overlapping-fields rule is quadratic in repeated response names: 150 copies of
one aliased field took 350 ms), so a response name repeated more than ``MAX_REPEATS`` times in
one selection set is refused here too. The document cache holds each query text's parse and
validation (clients send the same few documents over and over); the cost depends on the
variables and is computed on every request."""

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    ValidationRule,
    get_introspection_query,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    is_composite_type,
    is_list_type,
    parse,
    specified_rules,
    validate,
    value_from_ast_untyped,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef

MAX_DEPTH = 12
# The storefront's largest file (all its checkout operations at once) is 1,400 tokens in
# 8.8 KB; its single operations are smaller.
MAX_TOKENS = 2_000
MAX_QUERY_CHARS = 20_000
# Measured (PostgreSQL, 3,000 products): a listing of 100 products (cost 1,300) takes 75 ms of
# CPU, 0.06 ms a unit, and a `product(slug:)` lookup 12 ms, hence 200 for a root field. The
# dearest document accepted then takes about 300 ms of CPU; the storefront's heaviest (a page
# of 100 products, 1,400) fits three times over, 25 aliased `product(slug:)` do not.
MAX_COST = 5_000
ROOT_COMPLEXITY = 200
MAX_REPEATS = 10
# Introspection walks the schema, not the database: priced by the nodes it walks, the full
# introspection query costing as much CPU as a listing of 100 products (60 ms, measured).
FULL_INTROSPECTION_COST = 1_000
PAGING_ARGUMENTS = ("first", "last")


class QueryLimitError(GraphQLError):
    """A document refused before validation: its cost, its repetitions or its nesting."""


@dataclass
class Tally:
    """What a selection set costs once (its parent's multipliers apply from outside)."""

    cost: int = 0
    introspection: int = 0
    names: Counter = field(default_factory=Counter)

    def add(self, other: "Tally") -> None:
        self.cost += other.cost
        self.introspection += other.introspection
        self.names.update(other.names)


def operation_cost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode,
                   variables: dict | None) -> Tally:
    """The cost of ``operation``; raises ``QueryLimitError`` past a limit."""
    tally = _tally(schema, document, operation, variables)
    if tally.introspection:
        tally.cost += -(-tally.introspection * FULL_INTROSPECTION_COST // _introspection_nodes(schema))
    if tally.cost > MAX_COST:
        raise QueryLimitError(
            f"The query exceeds the maximum cost of {MAX_COST}. Actual cost is {tally.cost}",
            extensions={"cost": {"requestedQueryCost": tally.cost, "maximumAvailable": MAX_COST}})
    return tally


def _tally(schema, document, operation, variables) -> Tally:
    defaults = {d.variable.name.value: value_from_ast_untyped(d.default_value)
                for d in operation.variable_definitions or () if d.default_value is not None}
    walker = _CostWalker(schema, document, {**defaults, **(variables or {})})
    root = {"query": schema.query_type, "mutation": schema.mutation_type}.get(operation.operation.value)
    return walker.selection_set(operation.selection_set, root, level=0)


@lru_cache(maxsize=4)
def _introspection_nodes(schema: GraphQLSchema) -> int:
    """The schema nodes the full introspection query walks (every option on: GraphiQL's and
    the code generators' query, which the storefront's build runs)."""
    document = parse(get_introspection_query(descriptions=True, specified_by_url=True, directive_is_repeatable=True,
                                             schema_description=True, input_value_deprecation=True))
    return _tally(schema, document, get_operation_ast(document), {}).introspection


@lru_cache(maxsize=4)
def _introspection_sizes(schema: GraphQLSchema) -> dict[str, int]:
    """How many entries each introspection list holds in this schema, on average."""
    types = list(schema.type_map.values())
    fields = [f for t in types for f in (getattr(t, "fields", None) or {}).values()]
    with_fields = [t for t in types if getattr(t, "fields", None)]
    enums = [t for t in types if getattr(t, "values", None)]

    def mean(total, count):
        return max(1, -(-total // max(count, 1)))

    return {"types": len(types), "directives": len(schema.directives),
            "fields": mean(len(fields), len(with_fields)), "inputFields": mean(len(fields), len(with_fields)),
            "args": mean(sum(len(getattr(f, "args", {}) or {}) for f in fields), len(fields)),
            "enumValues": mean(sum(len(t.values) for t in enums), len(enums))}


class _CostWalker:
    """One pass over the operation; each fragment is costed once however often it is spread
    (its cost is linear in its parent's multipliers)."""

    def __init__(self, schema, document, variables):
        self.schema, self.variables = schema, variables
        self.fragments = {d.name.value: d for d in document.definitions if d.kind == "fragment_definition"}
        self.costed: dict[str, Tally] = {}
        self.introspection_sizes = _introspection_sizes(schema)

    def selection_set(self, selection_set, parent, *, level: int) -> Tally:
        if level > 3 * MAX_DEPTH:
            raise QueryLimitError("The query is nested too deeply.")
        tally = Tally()
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                self._field(selection, parent, tally, level)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                tally.add(self.selection_set(selection.selection_set, inner, level=level + 1))
            elif isinstance(selection, FragmentSpreadNode):
                tally.add(self._fragment(selection.name.value, level))
        name, repeats = (tally.names.most_common(1) or [("", 0)])[0]
        if repeats > MAX_REPEATS:
            raise QueryLimitError(f"'{name}' is selected {repeats} times in one selection set; "
                                  f"the limit is {MAX_REPEATS}.")
        return tally

    def _fragment(self, name: str, level: int) -> Tally:
        if name not in self.costed:
            fragment = self.fragments.get(name)
            self.costed[name] = Tally()  # a cycle costs nothing here; validation refuses it
            if fragment is not None:
                condition = self.schema.get_type(fragment.type_condition.name.value)
                self.costed[name] = self.selection_set(fragment.selection_set, condition, level=level + 1)
        return self.costed[name]

    def _field(self, node: FieldNode, parent, tally: Tally, level: int) -> None:
        tally.names[(node.alias or node.name).value] += 1
        definition = _field_definition(parent, node.name.value)
        if definition is None:
            return  # unknown fields are reported by validation
        inner = Tally()
        if node.selection_set is not None:
            inner = self.selection_set(node.selection_set, get_named_type(definition.type), level=level + 1)
        times = self._multiplier(node)
        if _introspective(parent, node):
            if is_list_type(get_nullable_type(definition.type)):
                times *= self.introspection_sizes.get(node.name.value, 1)
            tally.introspection += times * (1 + inner.introspection)
            tally.cost += times * inner.cost
            return
        root = ROOT_COMPLEXITY if parent in (self.schema.query_type, self.schema.mutation_type) \
            and definition is not TypeNameMetaFieldDef else 0
        each = int(is_composite_type(get_named_type(definition.type)))
        tally.cost += root + times * (each + inner.cost)
        tally.introspection += times * inner.introspection

    def _multiplier(self, node: FieldNode) -> int:
        """``first`` plus ``last`` as the request gives them (Saleor's multipliers), at least 1;
        a value that is not an integer is refused by validation before anything runs."""
        sizes = [value_from_ast_untyped(argument.value, self.variables) for argument in node.arguments or ()
                 if argument.name.value in PAGING_ARGUMENTS]
        return max(1, sum(size for size in sizes if isinstance(size, int)))


def _field_definition(parent, name: str):
    meta = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef, "__typename": TypeNameMetaFieldDef}
    if name in meta:
        return meta[name]
    return getattr(parent, "fields", {}).get(name)


def _introspective(parent, node: FieldNode) -> bool:
    return node.name.value in ("__schema", "__type") or (parent is not None and parent.name.startswith("__"))


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
                continue  # introspection is priced by the nodes it walks (operation_cost)
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

# A parsed document takes about 60 times its text in memory: only texts up to this size
# (the storefront's largest file is 8.8 KB) are cached, so the cache stays under ~80 MB.
CACHED_QUERY_CHARS = 10_000
CACHED_QUERIES = 128


@dataclass
class Prepared:
    """A query text parsed once; its validation, the slow step, is run at most once too and
    only for documents whose cost passed."""

    document: DocumentNode
    schema: GraphQLSchema
    _errors: tuple[GraphQLError, ...] | None = None

    @property
    def errors(self) -> tuple[GraphQLError, ...]:
        if self._errors is None:
            self._errors = tuple(validate(self.schema, self.document, (*specified_rules, *STATIC_RULES)))
        return self._errors


def prepared(schema: GraphQLSchema, query: str) -> Prepared:
    """The parsed document. A syntax error, or a document past the size limits, raises
    ``GraphQLError`` (and is not cached), as ``parse`` does."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryLimitError(f"The query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}.")
    if len(query) <= CACHED_QUERY_CHARS:
        return _prepared(schema, query)
    return _prepare(schema, query)


def _prepare(schema, query):
    return Prepared(parse(query, max_tokens=MAX_TOKENS), schema)


_prepared = lru_cache(maxsize=CACHED_QUERIES)(_prepare)


def cached_validator(query: str):
    """An ariadne ``query_validator``: the cached verdict of the spec's and the static rules."""

    def validate_query(schema, document, rules=None, max_errors=None, **_):
        return list(prepared(schema, query).errors)

    return validate_query
