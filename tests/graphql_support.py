"""Helpers for the GraphQL API tests: the Saleor contract folder and an HTTP client."""

import json
from pathlib import Path

import pytest
from django.conf import settings

CONTRACT = Path(settings.BASE_DIR).parent / "shared" / "saleor"
SALEOR_SDL = CONTRACT / "schema-3.23.28.graphql"
DOCUMENTS = CONTRACT / "storefront-1a70034a"

needs_contract = pytest.mark.skipif(not SALEOR_SDL.exists(), reason=f"Saleor contract not at {CONTRACT}")


def gql(client, query, variables=None, operation_name=None, **headers):
    body = {"query": query, "variables": variables or {}}
    if operation_name:
        body["operationName"] = operation_name
    response = client.post("/graphql/", data=json.dumps(body), content_type="application/json", **headers)
    return response, response.json()


def storefront_document(folder: str):
    from storefront.graphql_api.build_schema import storefront_documents

    return storefront_documents(DOCUMENTS)[folder]


def operation_source(folder: str) -> str:
    return "\n".join(p.read_text() for p in sorted((DOCUMENTS / folder).glob("*.graphql")))
