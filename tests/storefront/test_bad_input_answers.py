"""Bad input as production meets it: CSRF enforced, DEBUG off, the server's own error
pages (no test-client shortcut). A form of 100,000 fields is a 400 page, never a 500; the
JSON endpoints answer bad input in JSON, as the public contract promises (a message naming
the parameter), never with the HTML 400 page."""

import uuid
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.checkout_support import add_to_basket
from tests.factories import sellable_product

Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

FIELDS = 100_000


def _production_client() -> Client:
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


def _urlencoded(fields: dict) -> dict:
    return {"data": urlencode(fields), "content_type": "application/x-www-form-urlencoded"}


def _multipart(fields: dict) -> dict:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()]
    return {"data": "".join(parts) + f"--{boundary}--\r\n", "content_type": f"multipart/form-data; boundary={boundary}"}


def _basket_formset(line_pk: int) -> dict:
    fields = {"form-TOTAL_FORMS": str(FIELDS), "form-INITIAL_FORMS": "1", "form-0-id": str(line_pk)}
    fields.update({f"form-{n}-quantity": "5" for n in range(FIELDS)})
    return fields


@pytest.mark.parametrize("debug", [False, True], ids=["DEBUG=0", "DEBUG=1"])
@pytest.mark.parametrize("encode", [_urlencoded, _multipart], ids=["urlencoded", "multipart"])
def test_a_basket_form_of_100000_fields_is_a_400_page_in_production_and_in_development(settings, debug, encode):
    settings.DEBUG = debug
    shopper = Client()
    add_to_basket(shopper, sellable_product())
    line = Basket.objects.get().lines.get()
    client = _production_client()
    client.cookies = shopper.cookies

    response = client.post(reverse("basket:summary"), **encode(_basket_formset(line.pk)))

    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert Basket.objects.get().lines.get().quantity == 1


JSON_PARAMETERS = [
    pytest.param("/api/search/", "page", id="search-page"),
    pytest.param("/api/search/", "q", id="search-text"),
    pytest.param("/api/search/suggest/", "q", id="suggest"),
    pytest.param("/checkout/xa-phuong/", "province", id="wards"),
    pytest.param("/en/checkout/xa-phuong/", "province", id="wards-en"),
    pytest.param("/api/cms/v2/pages/", "search", id="cms-api"),
    pytest.param("/healthz", "verbose", id="healthz"),
]


@pytest.mark.parametrize("debug", [False, True], ids=["DEBUG=0", "DEBUG=1"])
@pytest.mark.parametrize("path, parameter", JSON_PARAMETERS)
def test_a_nul_byte_in_a_json_endpoints_parameter_is_a_json_400_naming_it(settings, debug, path, parameter):
    settings.DEBUG = debug

    response = _production_client().get(f"{path}?{parameter}=1%00")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert (body["error"], body["parameter"]) == ("invalid_parameter", parameter)
    assert parameter in body["message"]


def test_a_nul_byte_in_a_json_endpoints_path_is_a_json_400():
    response = _production_client().get("/api/search/%00/")

    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


def test_a_nul_byte_in_a_graphql_get_is_graphqls_json_error():
    response = _production_client().get("/graphql/", {"query": "{ shop { name } }\x00"})

    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": "Null characters are not allowed."}]}


def test_a_form_of_100000_fields_posted_to_graphql_is_graphqls_json_error(settings):
    settings.DEBUG = False

    response = _production_client().post("/graphql/", **_urlencoded({f"f{n}": "1" for n in range(FIELDS)}))

    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "The request could not be read: too many fields or too large."


def test_a_stripe_webhook_with_a_nul_in_its_query_string_is_a_json_400():
    response = _production_client().post("/checkout/stripe/webhook/?x=%00", data="{}", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["parameter"] == "x"
