"""/graphql/ over HTTP: transport, CORS, abuse limits, no leaks."""

import json

import pytest

from tests.graphql_support import gql

pytestmark = pytest.mark.django_db


def test_a_response_without_errors_has_no_errors_key(client):
    response, body = gql(client, "{ channels { slug } }")
    assert response.status_code == 200
    assert body == {"data": {"channels": [{"slug": "default-channel"}]}}


def test_get_serves_queries_and_refuses_mutations(client):
    assert client.get("/graphql/", {"query": "{ __typename }"}).json() == {"data": {"__typename": "Query"}}
    response = client.get("/graphql/", {"query": 'mutation { checkoutComplete(checkoutId: "x") { order { id } } }'})
    assert response.status_code == 405  # the GraphQL-over-HTTP spec's answer; more bypasses in test_abuse_get.py


def test_cors_only_for_configured_origins(client, settings):
    settings.GRAPHQL_CORS_ORIGINS = ["https://shop.example.vn"]
    allowed = client.options("/graphql/", HTTP_ORIGIN="https://shop.example.vn")
    assert allowed.status_code == 204
    assert allowed["Access-Control-Allow-Origin"] == "https://shop.example.vn"
    assert "Authorization" in allowed["Access-Control-Allow-Headers"]
    other = client.post("/graphql/", data=json.dumps({"query": "{ __typename }"}), content_type="application/json",
                        HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other


@pytest.mark.parametrize("body,message", [
    ("not json", "Unable to parse query."),
    ("[1, 2]", "The request body must be a JSON object."),
    ('{"query": 5}', "Must provide a query string."),
    ('{"query": "{ __typename }", "variables": [1]}', "Variables must be a JSON object."),
    ('{"query": "{ __typename }", "variables": {"slug": "a\\u0000"}}', "Null characters are not allowed."),
], ids=["not-json", "array", "query-not-string", "variables-not-object", "nul-in-variables"])
def test_malformed_requests_are_400_with_a_message(client, body, message):
    response = client.post("/graphql/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": message}]}


def test_huge_first_is_refused(client):
    _, body = gql(client, '{ products(first: 1000, channel: "default-channel") { totalCount } }')
    assert body["data"] == {"products": None}
    assert body["errors"][0]["message"] == (
        "Requesting 1000 records on the `first` argument exceeds the limit of 100 records.")


def test_deep_queries_are_refused_before_running(client):
    deep = "{ products(first: 1) { edges { node { category { parent { parent { parent { parent { parent " \
           "{ parent { parent { parent { parent { name } } } } } } } } } } } } } }"
    response, body = gql(client, deep)
    assert response.status_code == 400
    assert "data" not in body
    assert body["errors"][0]["message"].startswith("Query is too deep")


def test_costly_queries_are_refused_before_running(client):
    aliases = " ".join(f'p{i}: products(first: 100, channel: "default-channel") {{ edges {{ node {{ '
                       f'category {{ products(first: 100) {{ totalCount }} }} }} }} }}' for i in range(6))
    response, body = gql(client, "{ " + aliases + " }")
    assert response.status_code == 400
    assert "exceeded" in body["errors"][0]["message"] or "cost" in body["errors"][0]["message"]


def test_errors_do_not_leak_internals(client):
    _, body = gql(client, '{ product(id: "UHJvZHVjdDp4", channel: "default-channel") { id } }')  # Product:x
    assert body["errors"][0]["message"] == "Couldn't resolve id: UHJvZHVjdDp4."
    assert "extensions" not in body["errors"][0]
    assert "Traceback" not in json.dumps(body)


def test_a_nul_escaped_inside_the_query_is_refused_too(client):
    response, body = gql(client, '{ product(slug: "a\\u0000b", channel: "default-channel") { id } }')
    assert response.status_code == 400
    assert body == {"errors": [{"message": "Null characters are not allowed.",
                                "locations": [{"line": 1, "column": 17}]}]}


@pytest.mark.django_db
def test_a_query_text_is_parsed_and_validated_once_but_its_cost_is_checked_every_time(client):
    from graphql_api.common import limits

    query = "query Cached($n: Int) { products(first: $n, channel: \"default-channel\") { totalCount } }"
    limits._prepared.cache_clear()
    for _ in range(3):
        _, body = gql(client, query, {"n": 5})
        assert "errors" not in body
    assert limits._prepared.cache_info().misses == 1  # parsed and validated on the first request only

    _, refused = gql(client, query, {"n": 100_000})  # the same text, a cost over the limit
    assert "cost" in refused["errors"][0]["message"].lower()
    _, invalid = gql(client, "{ products { nope } }")
    _, again = gql(client, "{ products { nope } }")
    assert invalid == again and "nope" in invalid["errors"][0]["message"]
