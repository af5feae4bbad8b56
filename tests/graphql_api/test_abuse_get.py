"""Mutations only by POST, decided on the operation that would run (issue 18, finding 3): on
main a GET with ``#{`` before ``mutation``, or a query first and the mutation chosen by
``operationName``, created an account."""

import pytest
from django.contrib.auth import get_user_model

from tests.graphql_abuse_support import get, post

pytestmark = pytest.mark.django_db

REGISTER = ('mutation Register { accountRegister(input: {email: "victim@example.vn", password: "Mat-khau-dai-1", '
            'channel: "default-channel"}) { errors { code } } }')


@pytest.mark.parametrize("query,operation", [
    (REGISTER, None),
    ("#{\n" + REGISTER, None),
    ("# a comment { with braces }\n" + REGISTER, None),
    ("\ufeff  \n" + REGISTER, None),
    ("query Harmless { __typename }\n" + REGISTER, "Register"),
    ('query Q { shop: __typename } fragment F on Query { x: __typename } ' + REGISTER, "Register"),
    ("mutation{accountRegister(input:{email:\"victim@example.vn\",password:\"Mat-khau-dai-1\"}){errors{code}}}", None),
], ids=["plain", "hash-brace-comment", "comment-with-braces", "bom-and-blank", "operation-name-picks-it",
        "behind-query-and-fragment", "no-spaces"])
def test_a_get_never_runs_a_mutation(client, query, operation):
    params = {"operationName": operation} if operation else {}
    response = get(client, query, **params)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json() == {"errors": [{"message": "Mutations are sent with POST."}]}
    assert not get_user_model().objects.filter(email="victim@example.vn").exists()


def test_a_get_runs_the_query_it_names_beside_a_mutation(client):
    response = get(client, "query Harmless { __typename }\n" + REGISTER, operationName="Harmless")
    assert response.json() == {"data": {"__typename": "Query"}}
    assert not get_user_model().objects.exists()


def test_a_get_without_a_choice_between_operations_runs_nothing(client):
    response = get(client, "query Harmless { __typename }\n" + REGISTER)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Must provide operation name if query contains multiple operations."
    assert not get_user_model().objects.exists()


def test_a_post_still_registers(client):
    assert post(client, REGISTER).json() == {"data": {"accountRegister": {"errors": []}}}
    assert get_user_model().objects.filter(email="victim@example.vn").exists()
