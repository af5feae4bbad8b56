"""Query cost as an attacker spends it (issue 18, finding 2): every alias and every fragment
spread counts, ``first``/``last`` multiply everything below them, and a refused document is
answered with a JSON GraphQL error before any SQL runs."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql import get_introspection_query, get_operation_ast, parse

from graphql_api.build_schema import operation_sources
from graphql_api.common.limits import MAX_COST, MAX_QUERY_CHARS, MAX_TOKENS, operation_cost
from graphql_api.schema import schema
from tests.graphql_abuse_support import aliases, post
from tests.graphql_support import DOCUMENTS

pytestmark = pytest.mark.django_db

PRODUCT = 'product(slug: "mat-ong", channel: "default-channel") { id name category { name } }'
LIST = 'products(first: 100, channel: "default-channel") { edges { node { id name category { id name } } } }'


def _refused_before_any_sql(client, query, variables=None):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = post(client, query, variables)
        elapsed = time.perf_counter() - start
    body = response.json()
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "data" not in body and len(body["errors"]) == 1
    assert not [q for q in queries if "catalogue_product" in q["sql"]]
    assert elapsed < 2.0  # on main: 48 s and 60 s (the worker's timeout)
    return body["errors"][0]


def test_a_thousand_aliased_product_lookups_are_refused(client):
    query = aliases(1000, PRODUCT)
    error = _refused_before_any_sql(client, query)
    assert error["message"] == f"The query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}."


def test_two_hundred_aliased_product_lists_are_refused(client):
    error = _refused_before_any_sql(client, aliases(200, LIST))
    assert error["message"].endswith(f"characters long; the limit is {MAX_QUERY_CHARS}.")


def test_a_short_document_of_many_tokens_is_not_parsed_to_its_end(client):
    query = aliases(700, "__typename")
    assert len(query) < MAX_QUERY_CHARS
    error = _refused_before_any_sql(client, query)
    assert error["message"] == f"Syntax Error: Document contains more than {MAX_TOKENS} tokens. Parsing aborted."


@pytest.mark.parametrize("query,cost", [
    (aliases(25, PRODUCT), 25 * (200 + 1 + 1)),
    (aliases(12, LIST), 12 * (200 + 100 * 4)),
    ('{ products(first: 100, channel: "c") { edges { node { category { products(first: 100) '
     '{ totalCount } } } } } }', 200 + 100 * (1 + 1 + 1 + 1 + 100 * 1)),
    ('query($n: Int) { products(first: $n, channel: "c") { edges { node { category { name } } } } }',
     200 + 2000 * 4),
    ('query($n: Int = 2000) { products(last: $n, channel: "c") { edges { node { id } } } }', 200 + 2000 * 3),
], ids=["25-aliased-lookups", "12-aliased-lists-of-100", "nested-first-multiplies", "first-from-a-variable",
        "last-from-a-default"])
def test_aliases_and_list_sizes_multiply_the_cost(client, query, cost):
    error = _refused_before_any_sql(client, query, {"n": 2000} if "Int)" in query else {})
    assert error["message"] == f"The query exceeds the maximum cost of {MAX_COST}. Actual cost is {cost}"
    assert error["extensions"] == {"cost": {"requestedQueryCost": cost, "maximumAvailable": MAX_COST}}


def test_a_fragment_costs_each_time_it_is_spread(client):
    fragment = ('fragment Lists on Category { products(first: 100) { edges { node { thumbnail { url } '
                'category { name } } } } }')
    spreads = " ".join(f'c{i}: category(slug: "tra") {{ ...Lists }}' for i in range(10))
    error = _refused_before_any_sql(client, f"{{ {spreads} }} {fragment}")
    assert error["extensions"]["cost"]["requestedQueryCost"] == 10 * (200 + 1 + 100 * (1 + 1 + 1 + 1 + 1))


def test_only_the_operation_that_runs_is_costed(client):
    heavy = "query Heavy " + aliases(50, PRODUCT)
    response = post(client, f"query Light {{ __typename }} {heavy}", operation_name="Light")
    assert response.json() == {"data": {"__typename": "Query"}}


def test_a_repeated_response_name_is_refused_before_the_quadratic_validation(client):
    # graphql-core compares every pair of same-named fields: 150 copies took 350 ms.
    error = _refused_before_any_sql(client, "{ " + 'x: products(first: 1, channel: "c") { totalCount } ' * 100 + "}")
    assert error["message"] == "'x' is selected 100 times in one selection set; the limit is 10."


def test_introspection_is_priced_by_the_schema_it_walks(client):
    bomb = "{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields " \
           "{ name } } } } } } } } } } } }"
    error = _refused_before_any_sql(client, bomb)
    assert error["message"].startswith(f"The query exceeds the maximum cost of {MAX_COST}.")
    full = post(client, get_introspection_query())
    assert full.status_code == 200 and full.json()["data"]["__schema"]["queryType"]["name"] == "Query"


def test_a_request_body_too_large_is_a_json_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = post(client, "{ __typename }" + " " * 20_000)
    assert response.status_code == 413
    assert response.json() == {"errors": [{"message": "The request body is too large."}]}


def _worst_variables(operation) -> dict:
    """Page sizes at their maximum (100), whatever else the operation declares left to defaults."""
    declared = {v.variable.name.value for v in operation.variable_definitions or ()}
    return {name: 100 for name in ("first",) if name in declared}


SOURCES = operation_sources(DOCUMENTS)


@pytest.mark.parametrize("key", sorted(SOURCES), ids=lambda key: "/".join(key))
def test_every_storefront_document_stays_well_under_the_limits(key):
    document = parse(SOURCES[key], max_tokens=MAX_TOKENS)
    operation = get_operation_ast(document, key[1])
    cost = operation_cost(schema, document, operation, _worst_variables(operation)).cost
    assert cost <= MAX_COST // 3, cost
