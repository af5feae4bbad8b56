"""Storefront login takes an e-mail or a username and costs the same password hashing for a
known and an unknown account, whichever is typed."""

from unittest import mock

import pytest
from django.contrib.auth.hashers import get_hasher

from tests.factories import UserFactory

RIGHT = "mat-khau-thu-nghiem"  # UserFactory's password


def _login(client, login: str, password: str):
    return client.post("/accounts/login/", {
        "login-username": login, "login-password": password, "login_submit": "1"})


def _hashes_during_login(client, login: str, password: str) -> tuple[int, int]:
    hasher_class = type(get_hasher())
    original = hasher_class.encode
    with mock.patch.object(hasher_class, "encode", autospec=True, side_effect=original) as encode:
        response = _login(client, login, password)
    return response.status_code, encode.call_count


@pytest.mark.django_db
@pytest.mark.parametrize("known, unknown", [
    ("lan@example.vn", "khong-co@example.vn"),
    ("lan", "khong-co-ai"),
])
def test_an_unknown_account_is_hashed_like_a_known_account_with_a_wrong_password(client, known, unknown):
    UserFactory(username="lan", email="lan@example.vn")

    known_status, known_hashes = _hashes_during_login(client, known, "sai-mat-khau")
    unknown_status, unknown_hashes = _hashes_during_login(client, unknown, "sai-mat-khau")

    assert known_status == unknown_status == 200  # the form again, with its error
    assert known_hashes == unknown_hashes == 1


@pytest.mark.django_db
def test_the_backend_hashes_the_password_of_an_unknown_account():
    from storefront.auth_backends import TimingSafeLoginBackend

    hasher_class = type(get_hasher())
    original = hasher_class.encode
    with mock.patch.object(hasher_class, "encode", autospec=True, side_effect=original) as encode:
        user = TimingSafeLoginBackend().authenticate(None, username="ai-do@example.vn", password="mat-khau")

    assert user is None
    assert encode.call_count == 1
    assert encode.call_args.args[1] == "mat-khau"


@pytest.mark.django_db
@pytest.mark.parametrize("login", ["LAN@example.vn", "lan", " lan "])
def test_the_right_password_signs_in_by_email_or_username(client, login):
    user = UserFactory(username="lan", email="lan@example.vn")

    response = _login(client, login, RIGHT)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_the_login_field_says_it_takes_either(client):
    page = client.get("/accounts/login/").content.decode()

    assert "E-mail hoặc tên đăng nhập" in page
    assert 'name="login-username"' in page


@pytest.mark.django_db
def test_a_shared_email_signs_in_no_one_when_both_passwords_match(client):
    UserFactory(username="lan", email="chung@example.vn")
    UserFactory(username="hoa", email="chung@example.vn")

    assert _login(client, "chung@example.vn", RIGHT).status_code == 200
    assert "_auth_user_id" not in client.session
    assert _login(client, "hoa", RIGHT).status_code == 302  # the username still tells them apart


@pytest.mark.django_db
def test_staff_permissions_still_come_from_the_backend():
    user = UserFactory(username="bientap", email="bt@example.vn", is_staff=True, is_superuser=True)
    from storefront.auth_backends import TimingSafeLoginBackend

    assert TimingSafeLoginBackend().has_perm(user, "catalogue.change_product")
