"""The shopper's address book, account confirmation and the checkout's customer, through the
storefront's own documents over HTTP."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from oscar.core.loading import get_model

from graphql_api.account import auth
from tests.factories import UserFactory
from tests.graphql_support import gql, operation_source

pytestmark = pytest.mark.django_db

UserAddress = get_model("address", "UserAddress")
Ward = get_model("catalogue", "Ward")


def _bearer(user, client=None):
    from django.test import RequestFactory

    return {"HTTP_AUTHORIZATION": f"Bearer {auth.issue(user, kind='access', request=RequestFactory().get('/'))}"}


def _user_op(client, operation, variables, user=None):
    _, body = gql(client, operation_source("src-checkout-graphql"), variables, operation_name=operation,
                  **(_bearer(user, client) if user else {}))
    return body


def _address(province="lam-dong", street="12 Đường Trần Phú"):
    ward = Ward.objects.filter(province__slug=province).order_by("code").first()
    return {"firstName": "Nguyễn Thị", "lastName": "Hoa", "streetAddress1": street, "city": ward.name,
            "countryArea": ward.province.name, "country": "VN", "phone": "0912 345 678"}


def test_address_book_create_update_default_and_delete(client, reference_data):
    user = UserFactory(email="hoa@example.vn")

    created = _user_op(client, "userAddressCreate", {"address": _address(), "type": "SHIPPING"}, user)

    assert "errors" not in created
    payload = created["data"]["accountAddressCreate"]
    assert payload["errors"] == []
    saved = UserAddress.objects.get(user=user)
    assert (saved.state, saved.is_default_for_shipping, str(saved.phone_number)) == ("Lâm Đồng", True, "+84912345678")
    assert payload["user"]["defaultShippingAddress"]["id"] == payload["address"]["id"]
    assert payload["user"]["defaultBillingAddress"] is None
    address_id = payload["address"]["id"]

    updated = _user_op(client, "userAddressUpdate", {"id": address_id, "address": _address(
        "ha-noi", "5 Phố Huế")}, user)["data"]["accountAddressUpdate"]
    assert updated["errors"] == [] and updated["address"]["countryArea"].endswith("Hà Nội")
    assert updated["address"]["streetAddress1"] == "5 Phố Huế"

    _, body = gql(client, "mutation($id: ID!) { accountSetDefaultAddress(id: $id, type: BILLING) "
                          "{ user { defaultBillingAddress { id } } errors { code } } }", {"id": address_id},
                  **_bearer(user, client))
    assert body["data"]["accountSetDefaultAddress"] == {"user": {"defaultBillingAddress": {"id": address_id}},
                                                        "errors": []}

    me = _user_op(client, "user", {}, user)["data"]["user"]
    assert [a["id"] for a in me["addresses"]] == [address_id]

    deleted = _user_op(client, "userAddressDelete", {"id": address_id}, user)["data"]["accountAddressDelete"]
    assert deleted["errors"] == [] and deleted["address"]["id"] == address_id
    assert deleted["user"]["addresses"] == [] and not UserAddress.objects.exists()


def test_an_address_is_validated_as_in_the_checkout(client, reference_data):
    user = UserFactory()
    bad = {**_address(), "phone": "12345", "countryArea": "Atlantis"}
    errors = _user_op(client, "userAddressCreate", {"address": bad}, user)["data"]["accountAddressCreate"]["errors"]
    assert {e["field"] for e in errors} >= {"countryArea"}
    assert {e["code"] for e in errors} <= {"INVALID", "REQUIRED"}
    assert not UserAddress.objects.exists()


def test_another_shoppers_address_is_not_found_and_unchanged(client, reference_data):
    owner, other = UserFactory(), UserFactory()
    address_id = _user_op(client, "userAddressCreate", {"address": _address()}, owner)[
        "data"]["accountAddressCreate"]["address"]["id"]

    for operation, variables in [("userAddressUpdate", {"id": address_id, "address": _address("ha-noi")}),
                                 ("userAddressDelete", {"id": address_id})]:
        body = _user_op(client, operation, variables, other)["data"]
        errors = next(iter(body.values()))["errors"]
        assert [e["code"] for e in errors] == ["NOT_FOUND"]
    assert _user_op(client, "user", {}, other)["data"]["user"]["addresses"] == []
    assert UserAddress.objects.get().state == "Lâm Đồng"


def test_address_mutations_need_a_signed_in_shopper(client, reference_data):
    body = _user_op(client, "userAddressCreate", {"address": _address()})
    assert body["data"]["accountAddressCreate"] is None
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_api_sign_up_needs_confirmation_when_the_setting_asks(client, settings, django_capture_on_commit_callbacks):
    settings.GRAPHQL_CONFIRM_ACCOUNTS = True
    settings.GRAPHQL_CORS_ORIGINS = ["https://shop.example.vn"]
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves after the commit
        registered = _user_op(client, "userRegister", {"input": {
            "email": "moi@example.vn", "password": "mat-khau-rat-dai-2026", "channel": "default-channel",
            "redirectUrl": "https://shop.example.vn/confirm"}})["data"]["accountRegister"]
    assert registered["errors"] == []
    user = get_user_model().objects.get(email="moi@example.vn")
    assert user.is_active is False
    token = re.search(r"token=([\w-]+)", mail.outbox[-1].body).group(1)
    query = "mutation($e: String!, $t: String!) { confirmAccount(email: $e, token: $t) { user { email } errors { code } } }"

    _, wrong = gql(client, query, {"e": "moi@example.vn", "t": "1-wrong"})
    _, right = gql(client, query, {"e": "moi@example.vn", "t": token})

    assert wrong["data"]["confirmAccount"] == {"user": None, "errors": [{"code": "INVALID"}]}
    assert right["data"]["confirmAccount"] == {"user": {"email": "moi@example.vn"}, "errors": []}
    user.refresh_from_db()
    assert user.is_active is True


def test_web_and_default_api_sign_ups_are_active_at_once(client):
    registered = _user_op(client, "userRegister", {"input": {
        "email": "ngay@example.vn", "password": "mat-khau-rat-dai-2026", "channel": "default-channel"}})
    assert registered["data"]["accountRegister"]["errors"] == []
    assert get_user_model().objects.get(email="ngay@example.vn").is_active is True


def test_checkout_customer_attach_and_detach(client, reference_data):
    owner, other = UserFactory(email="chu@example.vn"), UserFactory()
    _, body = gql(client, operation_source("src-graphql"), {"channel": "default-channel"},
                  operation_name="CheckoutCreate")
    checkout_id = body["data"]["checkoutCreate"]["checkout"]["id"]
    variables = {"checkoutId": checkout_id, "languageCode": "VI"}

    attached = _user_op(client, "checkoutCustomerAttach", variables, owner)["data"]["checkoutCustomerAttach"]
    assert attached["errors"] == [] and attached["checkout"]["email"] == "chu@example.vn"

    stolen = _user_op(client, "checkoutCustomerAttach", variables, other)["data"]["checkoutCustomerAttach"]
    assert stolen["errors"][0]["code"] == "NOT_FOUND"
    detach = "mutation($id: ID) { checkoutCustomerDetach(id: $id) { checkout { user { email } } errors { code } } }"
    _, by_other = gql(client, detach, {"id": checkout_id}, **_bearer(other, client))
    assert by_other["data"]["checkoutCustomerDetach"]["errors"] == [{"code": "NOT_FOUND"}]
    _, by_owner = gql(client, detach, {"id": checkout_id}, **_bearer(owner, client))
    assert by_owner["data"]["checkoutCustomerDetach"] == {"checkout": {"user": None}, "errors": []}
    anonymous = _user_op(client, "checkoutCustomerAttach", variables)
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
