"""Helpers for the GraphQL abuse tests: requests as an attacker sends them (any address, GET or
POST), and the storefront's operations as its generated client sends them."""

import json

REGISTER = "mutation($input: AccountRegisterInput!) { accountRegister(input: $input) { errors { field code } } }"


def post(client, query, variables=None, *, operation_name=None, ip="203.0.113.7", **headers):
    body = {"query": query, "variables": variables or {}}
    if operation_name:
        body["operationName"] = operation_name
    return client.post("/graphql/", data=json.dumps(body), content_type="application/json",
                       REMOTE_ADDR=ip, **headers)


def get(client, query, *, ip="203.0.113.7", **params):
    return client.get("/graphql/", {"query": query, **params}, REMOTE_ADDR=ip, HTTP_ACCEPT="application/json")


def aliases(count: int, field: str) -> str:
    return "{ " + " ".join(f"a{i}: {field}" for i in range(count)) + " }"
