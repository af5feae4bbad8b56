"""Helpers for the GraphQL API tests: the Saleor contract folder and an HTTP client."""

import json
from pathlib import Path

import pytest
from django.conf import settings

# Saleor's published schema and the storefront's documents, verbatim (see its README.md).
CONTRACT = Path(__file__).resolve().parent / "contract" / "saleor"
SALEOR_SDL = CONTRACT / "schema-3.23.28.graphql"
DOCUMENTS = CONTRACT / "storefront-1a70034a"
if not SALEOR_SDL.is_file() or not DOCUMENTS.is_dir():
    # A required fixture: the GraphQL tests never skip for want of it.
    raise pytest.UsageError(f"The Saleor contract is missing from {CONTRACT}: restore it from git.")


def gql(client, query, variables=None, operation_name=None, **headers):
    body = {"query": query, "variables": variables or {}}
    if operation_name:
        body["operationName"] = operation_name
    response = client.post("/graphql/", data=json.dumps(body), content_type="application/json", **headers)
    return response, response.json()


def storefront_document(folder: str):
    from graphql_api.build_schema import storefront_documents

    return storefront_documents(DOCUMENTS)[folder]


def operation_source(folder: str) -> str:
    return "\n".join(p.read_text() for p in sorted((DOCUMENTS / folder).glob("*.graphql")))
