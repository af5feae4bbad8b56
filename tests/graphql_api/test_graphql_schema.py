"""The served schema is a strict subset of Saleor 3.23.28 and serves the storefront's documents."""

import json

import pytest
from graphql import (
    build_client_schema,
    build_schema,
    find_breaking_changes,
    get_introspection_query,
    is_input_object_type,
    is_interface_type,
    is_object_type,
    is_scalar_type,
    specified_scalar_types,
    validate,
)

from graphql_api.build_schema import SCHEMA_FILE, prune, storefront_documents
from tests.graphql_support import DOCUMENTS, SALEOR_SDL

SALEOR_SCALARS = {"Date", "DateTime", "Day", "Decimal", "GenericScalar", "JSON", "JSONString", "Metadata",
                  "Hour", "Minute", "PositiveInt", "PositiveDecimal", "UUID", "Upload", "WeightScalar", "_Any"}


@pytest.fixture(scope="module")
def saleor():
    return build_schema(SALEOR_SDL.read_text())


@pytest.fixture(scope="module")
def ours():
    return build_schema(SCHEMA_FILE.read_text())


def test_no_breaking_change_from_ours_to_saleor(ours, saleor):
    assert find_breaking_changes(ours, saleor) == []


def test_every_field_and_argument_has_saleors_exact_type(ours, saleor):
    differences = []
    for name, our_type in ours.type_map.items():
        if name.startswith("__") or not (is_object_type(our_type) or is_interface_type(our_type)
                                         or is_input_object_type(our_type)):
            continue
        their_type = saleor.type_map[name]
        assert type(their_type) is type(our_type), name
        for field_name, field in our_type.fields.items():
            theirs = their_type.fields[field_name]
            if str(field.type) != str(theirs.type):
                differences.append(f"{name}.{field_name}: {field.type} != {theirs.type}")
            for arg_name, arg in getattr(field, "args", {}).items():
                if str(arg.type) != str(theirs.args[arg_name].type):
                    differences.append(f"{name}.{field_name}({arg_name}): {arg.type}")
    assert differences == []


def test_only_saleors_scalars(ours):
    custom = {n for n, t in ours.type_map.items() if is_scalar_type(t) and n not in specified_scalar_types}
    assert custom <= SALEOR_SCALARS
    assert custom  # the schema does use some (DateTime, JSONString...)


def test_committed_schema_is_the_pruned_saleor_schema():
    documents = list(storefront_documents(DOCUMENTS).values())
    assert SCHEMA_FILE.read_text() == prune(SALEOR_SDL.read_text(), documents)


@pytest.mark.django_db
def test_every_storefront_document_validates_against_the_served_default_introspection(client):
    response = client.post("/graphql/", data=json.dumps({"query": get_introspection_query()}),
                           content_type="application/json")
    body = response.json()
    assert response.status_code == 200
    assert "errors" not in body
    served = build_client_schema(body["data"])
    documents = storefront_documents(DOCUMENTS)
    assert set(documents) == {"auth-sdk", "src-graphql", "src-checkout-graphql"}
    errors = {folder: [e.message for e in validate(served, doc)] for folder, doc in documents.items()}
    assert errors == {folder: [] for folder in documents}


@pytest.mark.django_db
def test_deprecated_arguments_appear_in_the_default_introspection(client):
    response = client.get("/graphql/", {"query": get_introspection_query()})
    served = build_client_schema(response.json()["data"])
    assert "filter" in served.query_type.fields["products"].args
    assert "channel" in served.type_map["ProductOrder"].fields
