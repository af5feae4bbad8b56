"""JWT authentication through @saleor/auth-sdk's own mutations and the storefront's `me`."""

import base64
import datetime
import json

import jwt
import pytest
from django.conf import settings
from django.test import override_settings

from tests.factories import UserFactory
from tests.graphql_support import gql, operation_source

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"


def _auth(client, operation, variables):
    _, body = gql(client, operation_source("auth-sdk"), variables, operation_name=operation)
    return body


def _me(client, token):
    _, body = gql(client, operation_source("src-graphql"), {}, operation_name="CurrentUser",
                  HTTP_AUTHORIZATION=f"Bearer {token}")
    return body


def _payload(token: str) -> dict:
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def test_token_create_me_and_refresh(client):
    user = UserFactory(email="hoa@example.vn", first_name="Hoa")
    body = _auth(client, "tokenCreate", {"email": "hoa@example.vn", "password": PASSWORD})
    assert "errors" not in body
    created = body["data"]["tokenCreate"]
    assert created["errors"] == []
    claims = _payload(created["token"])
    assert claims["iss"] == "http://testserver/graphql/"
    assert claims["exp"] > claims["iat"]
    me = _me(client, created["token"])
    assert me == {"data": {"me": {"id": base64.b64encode(f"User:{user.pk}".encode()).decode(),
                                  "email": "hoa@example.vn", "firstName": "Hoa", "lastName": "", "avatar": None}}}
    refreshed = _auth(client, "refreshToken", {"refreshToken": created["refreshToken"]})["data"]["tokenRefresh"]
    assert refreshed["errors"] == [] and _me(client, refreshed["token"])["data"]["me"]["email"] == "hoa@example.vn"


def test_wrong_password_is_invalid_credentials(client):
    UserFactory(email="hoa@example.vn")
    created = _auth(client, "tokenCreate", {"email": "hoa@example.vn", "password": "sai"})["data"]["tokenCreate"]
    assert created == {"token": None, "refreshToken": None, "errors": [
        {"message": "Please, enter valid credentials", "field": "email", "code": "INVALID_CREDENTIALS"}]}


def test_me_without_token_is_null(client):
    _, body = gql(client, "{ me { email } }")
    assert body == {"data": {"me": None}}


def test_expired_token_gives_saleors_expired_code(client):
    UserFactory(email="hoa@example.vn")
    with override_settings(GRAPHQL_JWT_ACCESS_TTL=datetime.timedelta(seconds=-10),
                           GRAPHQL_JWT_REFRESH_TTL=datetime.timedelta(seconds=-10)):
        created = _auth(client, "tokenCreate", {"email": "hoa@example.vn", "password": PASSWORD})["data"]["tokenCreate"]
    body = _me(client, created["token"])
    assert body["data"] == {"me": None}
    assert body["errors"][0]["extensions"] == {"exception": {"code": "ExpiredSignatureError"}}
    refreshed = _auth(client, "refreshToken", {"refreshToken": created["refreshToken"]})["data"]["tokenRefresh"]
    assert refreshed["errors"][0]["code"] == "JWT_SIGNATURE_EXPIRED"


@pytest.mark.parametrize("forge", ["other-key", "other-issuer", "refresh-as-access", "password-changed"])
def test_forged_or_revoked_tokens_are_invalid(client, forge):
    user = UserFactory(email="hoa@example.vn")
    created = _auth(client, "tokenCreate", {"email": "hoa@example.vn", "password": PASSWORD})["data"]["tokenCreate"]
    claims = _payload(created["token"])
    token = created["token"]
    if forge == "other-key":
        token = jwt.encode(claims, "not-the-key-" * 4, algorithm="HS256")
    elif forge == "other-issuer":
        token = jwt.encode({**claims, "iss": "https://evil.example/graphql/"}, settings.SECRET_KEY, algorithm="HS256")
    elif forge == "refresh-as-access":
        token = created["refreshToken"]
    else:
        user.set_password("mat-khau-moi-2026")
        user.save()
    body = _me(client, token)
    assert body["data"] == {"me": None}
    assert body["errors"][0]["extensions"] == {"exception": {"code": "InvalidTokenError"}}


def test_register_then_reset_the_password_through_the_documents(client, mailoutbox, settings,
                                                                django_capture_on_commit_callbacks):
    settings.GRAPHQL_CORS_ORIGINS = ["https://shop.example.vn"]
    checkout_docs = operation_source("src-checkout-graphql")
    _, body = gql(client, checkout_docs, {"input": {"email": "lan@example.vn", "password": "Tra-Sen-Tay-Ho-2026",
                                                    "redirectUrl": "https://shop.example.vn/confirm",
                                                    "channel": "default-channel"}}, operation_name="userRegister")
    assert body == {"data": {"accountRegister": {"errors": []}}}
    _, body = gql(client, checkout_docs, {"input": {"email": "lan@example.vn", "password": "Tra-Sen-Tay-Ho-2026"}},
                  operation_name="userRegister")
    assert body == {"data": {"accountRegister": {"errors": []}}}  # a known e-mail is not revealed
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves after the commit
        _, body = gql(client, checkout_docs, {"email": "lan@example.vn", "channel": "default-channel",
                                              "redirectUrl": "https://shop.example.vn/reset"},
                      operation_name="requestPasswordReset")
    assert body == {"data": {"requestPasswordReset": {"errors": []}}}
    link = next(line for line in mailoutbox[-1].body.splitlines() if line.startswith("https://shop.example.vn/reset?"))
    from urllib.parse import parse_qs, urlparse

    params = {k: v[0] for k, v in parse_qs(urlparse(link).query).items()}
    reset = _auth(client, "passwordReset", {"email": "lan@example.vn", "password": "Mat-Ong-Rung-2027",
                                            "token": params["token"]})["data"]["setPassword"]
    assert reset["errors"] == [] and reset["token"]
    again = _auth(client, "passwordReset", {"email": "lan@example.vn", "password": "Mat-Ong-Rung-2028",
                                            "token": params["token"]})["data"]["setPassword"]
    assert again["errors"][0]["code"] == "INVALID"  # a reset token works once
    created = _auth(client, "tokenCreate", {"email": "lan@example.vn", "password": "Mat-Ong-Rung-2027"})
    assert created["data"]["tokenCreate"]["errors"] == []


@pytest.mark.parametrize("email,password,field,code", [
    ("lan@example.vn", "12345678901", "password", "PASSWORD_TOO_COMMON"),
    ("lan@example.vn", "abc", "password", "PASSWORD_TOO_SHORT"),
    ("not-an-email", "Tra-Sen-Tay-Ho-2026", "email", "INVALID"),
], ids=["common", "short", "bad-email"])
def test_register_refuses_what_the_web_refuses(client, email, password, field, code):
    _, body = gql(client, operation_source("src-checkout-graphql"), {"input": {"email": email, "password": password}},
                  operation_name="userRegister")
    assert (field, code) in [(e["field"], e["code"]) for e in body["data"]["accountRegister"]["errors"]]


def test_reset_links_only_to_allowed_origins_and_never_reveals_accounts(client, mailoutbox):
    docs = operation_source("src-checkout-graphql")
    _, body = gql(client, docs, {"email": "x@example.vn", "channel": "default-channel",
                                 "redirectUrl": "https://evil.example/steal"}, operation_name="requestPasswordReset")
    assert body["data"]["requestPasswordReset"]["errors"][0]["code"] == "INVALID"
    _, body = gql(client, docs, {"email": "nobody@example.vn", "channel": "default-channel",
                                 "redirectUrl": "http://testserver/reset"}, operation_name="requestPasswordReset")
    assert body == {"data": {"requestPasswordReset": {"errors": []}}}
    assert mailoutbox == []


@pytest.mark.parametrize("operation,payload", [
    ("externalAuthenticationUrl", {"authenticationData": None}),
    ("AuthObtainAccessToken", {"token": None, "refreshToken": None, "user": None}),
], ids=["url", "tokens"])
def test_external_sign_in_answers_that_no_plugin_is_configured(client, operation, payload):
    # No OIDC provider is configured in this deployment (README): a clear Saleor error, no user.
    field = "externalAuthenticationUrl" if operation == "externalAuthenticationUrl" else "externalObtainAccessTokens"
    _, body = gql(client, operation_source("auth-sdk"),
                  {"pluginId": "mirumee.authentication.openidconnect", "input": json.dumps({"code": "abc"})},
                  operation_name=operation)

    assert body == {"data": {field: {**payload, "errors": [{
        "field": "pluginId", "code": "NOT_FOUND",
        "message": "No external authentication plugin is configured: sign in with e-mail and password (tokenCreate).",
    }]}}}
