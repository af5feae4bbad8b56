"""A per-client budget of query cost per minute (issue 18): anonymous callers by address,
signed-in callers by account; over it, HTTP 429 with a JSON GraphQL error, never HTML."""

import pytest
from django.test import RequestFactory

from graphql_api.account import auth
from graphql_api.common.limits import MAX_COST
from tests.factories import UserFactory
from tests.graphql_abuse_support import aliases, post

pytestmark = pytest.mark.django_db

# 200 for the root field, then 1 a product for the list, its edges and its nodes: 200 + 10 * 3.
LISTING = '{ products(first: 10, channel: "default-channel") { edges { node { name } } } }'


@pytest.fixture
def budget_of_five_listings(settings):
    settings.GRAPHQL_ANONYMOUS_COST_PER_MINUTE = 5 * 230
    settings.GRAPHQL_USER_COST_PER_MINUTE = 5 * 230


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {auth.issue(user, kind='access', request=RequestFactory().get('/'))}"}


def _assert_throttled(response):
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert 0 < int(response["Retry-After"]) <= 60
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "TOO_MANY_REQUESTS"}
    assert error["message"].startswith("Too many requests")


def test_an_address_over_its_budget_gets_429_json_and_others_are_served(client, budget_of_five_listings):
    for _ in range(5):
        assert post(client, LISTING).status_code == 200
    _assert_throttled(post(client, LISTING))
    _assert_throttled(post(client, "{ __typename }"))  # refused before parsing
    assert post(client, LISTING, ip="198.51.100.9").status_code == 200


def test_a_refused_document_is_charged_the_maximum(client, settings):
    settings.GRAPHQL_ANONYMOUS_COST_PER_MINUTE = 2 * MAX_COST
    costly = aliases(99, 'product(slug: "x", channel: "default-channel") { name category { name } }')
    assert post(client, costly).status_code == 400
    assert post(client, costly).status_code == 400
    _assert_throttled(post(client, "{ __typename }"))


def test_a_signed_in_shopper_has_an_own_budget_wherever_they_call_from(client, budget_of_five_listings):
    user = UserFactory()
    for _ in range(5):
        assert post(client, LISTING, **_bearer(user)).status_code == 200
    _assert_throttled(post(client, LISTING, ip="198.51.100.9", **_bearer(user)))
    assert post(client, LISTING).status_code == 200  # the address itself spent nothing


def test_an_invalid_token_is_counted_by_address(client, budget_of_five_listings):
    forged = {"HTTP_AUTHORIZATION": "Bearer not-a-token"}
    for _ in range(5):
        post(client, LISTING, **forged)
    _assert_throttled(post(client, LISTING))
