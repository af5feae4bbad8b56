"""A time budget for anonymous GraphQL on PostgreSQL: one slow statement is stopped by
``statement_timeout`` and answered with a JSON GraphQL error instead of holding a worker."""

import time

import pytest
from django.db import connection
from django.test import RequestFactory

from graphql_api.account import auth
from tests.factories import UserFactory
from tests.graphql_abuse_support import post

pytestmark = pytest.mark.django_db

LISTING = '{ products(first: 5, channel: "default-channel") { totalCount edges { node { name } } } }'


def _pause_before_products(seconds):
    """A statement that takes ``seconds`` before each product query, in the same transaction:
    what a pathological query plan would do to the listing."""

    def wrapper(execute, sql, params, many, context):
        if "catalogue_product" in sql:
            context["cursor"].execute(f"SELECT pg_sleep({seconds})")
        return execute(sql, params, many, context)

    return wrapper


@pytest.fixture
def slow_listing(postgres_only, settings):
    settings.GRAPHQL_ANONYMOUS_STATEMENT_TIMEOUT_MS = 200
    with connection.execute_wrapper(_pause_before_products(2)):
        yield


def test_a_slow_anonymous_query_is_stopped_with_a_json_error(client, slow_listing):
    start = time.perf_counter()
    response = post(client, LISTING)
    assert time.perf_counter() - start < 1.5  # the statement alone sleeps 2 s
    assert response.status_code == 503
    assert response.json() == {"errors": [{"message": "The query took too long and was stopped.",
                                           "extensions": {"code": "QUERY_TIMEOUT"}}]}


@pytest.mark.django_db(transaction=True)  # the request's own transaction, not the test's
def test_the_timeout_ends_with_the_request(client, slow_listing):
    post(client, LISTING)
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


def test_a_signed_in_shopper_is_not_cut_short(client, postgres_only, settings):
    settings.GRAPHQL_ANONYMOUS_STATEMENT_TIMEOUT_MS = 200
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {auth.issue(UserFactory(), kind='access', request=RequestFactory().get('/'))}"}
    with connection.execute_wrapper(_pause_before_products(0.3)):
        response = post(client, LISTING, **bearer)
    assert response.status_code == 200 and "errors" not in response.json()
