"""Storefront login costs the same password hashing for a known and an unknown e-mail."""

from unittest import mock

import pytest
from django.contrib.auth.hashers import get_hasher

from tests.factories import UserFactory


def _hashes_during_login(client, email: str, password: str) -> tuple[int, int]:
    hasher_class = type(get_hasher())
    original = hasher_class.encode
    with mock.patch.object(hasher_class, "encode", autospec=True, side_effect=original) as encode:
        response = client.post("/accounts/login/", {
            "login-username": email, "login-password": password, "login_submit": "1"})
    return response.status_code, encode.call_count


@pytest.mark.django_db
def test_an_unknown_email_is_hashed_like_a_known_email_with_a_wrong_password(client):
    UserFactory(username="lan", email="lan@example.vn")

    known_status, known_hashes = _hashes_during_login(client, "lan@example.vn", "sai-mat-khau")
    unknown_status, unknown_hashes = _hashes_during_login(client, "khong-co@example.vn", "sai-mat-khau")

    assert known_status == unknown_status == 200  # the form again, with its error
    # Our e-mail backend hashes once (checking, or the dummy hash for an unknown e-mail),
    # then Django's ModelBackend once (no user has the e-mail as username).
    assert known_hashes == unknown_hashes == 2


@pytest.mark.django_db
def test_the_email_backend_hashes_the_password_of_an_unknown_email():
    from storefront.auth_backends import TimingSafeEmailBackend

    hasher_class = type(get_hasher())
    original = hasher_class.encode
    with mock.patch.object(hasher_class, "encode", autospec=True, side_effect=original) as encode:
        user = TimingSafeEmailBackend().authenticate(None, username="ai-do@example.vn", password="mat-khau")

    assert user is None
    assert encode.call_count == 1
    assert encode.call_args.args[1] == "mat-khau"


@pytest.mark.django_db
def test_the_right_password_still_signs_in_by_email(client):
    UserFactory(username="lan", email="lan@example.vn")

    response = client.post("/accounts/login/", {
        "login-username": "LAN@example.vn", "login-password": "mat-khau-thu-nghiem", "login_submit": "1"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]
