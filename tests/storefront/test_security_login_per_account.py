"""The login lock belongs to the account, whatever name it is typed under (username or
e-mail, any case, surrounding spaces), on every login form and GraphQL ``tokenCreate``;
names that reach no account are counted as typed (folded), so guessing accounts costs the
same; a success clears only its own account's failures."""

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.graphql_support import gql
from tests.storefront.test_security_login_throttling import LOGIN_FORMS, RIGHT, _form, _signed_in, _storefront

pytestmark = pytest.mark.django_db

TOKEN_CREATE = """mutation($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token refreshToken errors { field code message } }
}"""


def _editor():
    return UserFactory(username="bientap", email="bientap@ocop.local", is_staff=True, is_superuser=True)


def _token_create(client, login, password, **extra):
    return gql(client, TOKEN_CREATE, {"email": login, "password": password}, **extra)


def _fail_five_times(login, address="203.0.113.5"):
    for n in range(5):
        _storefront(Client(), login, f"doan-{n}", REMOTE_ADDR=address)


SPELLINGS = [
    pytest.param("bientap", "bientap@ocop.local", id="username-then-email"),
    pytest.param("bientap@ocop.local", "bientap", id="email-then-username"),
    pytest.param("BIENTAP", "bientap@ocop.local", id="upper-case-username"),
    pytest.param("  BienTap@OCOP.local ", "bientap", id="spaces-and-case-in-email"),
]


@pytest.mark.parametrize("guessed, then", SPELLINGS)
@pytest.mark.parametrize("form", list(LOGIN_FORMS))
def test_five_wrong_passwords_under_one_spelling_lock_the_account_under_every_other(form, guessed, then):
    login_post, _ = LOGIN_FORMS[form]
    _editor()
    # The guesses come from other addresses each time: only the account can be locked.
    for n in range(5):
        _storefront(Client(), guessed, f"doan-{n}", REMOTE_ADDR=f"203.0.113.{n + 1}")
    client = Client()

    response = login_post(client, then, RIGHT, REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429
    assert not _signed_in(client)


def test_the_refused_right_password_does_not_clear_the_first_spellings_lock():
    _editor()
    _fail_five_times("bientap")

    _storefront(Client(), "bientap@ocop.local", RIGHT, REMOTE_ADDR="198.51.100.7")
    again = _storefront(Client(), "bientap", RIGHT, REMOTE_ADDR="198.51.100.8")

    assert again.status_code == 429


def test_a_success_on_another_account_from_the_same_address_keeps_the_guesses_counted():
    # An attacker with an account of their own: four guesses at the editor, a login as
    # themselves from the same address, four more guesses. Eight against one account.
    _editor()
    UserFactory(username="khach", email="khach@example.vn")
    for n in range(4):
        _storefront(Client(), "bientap", f"doan-{n}", REMOTE_ADDR="203.0.113.9")
    own = _storefront(Client(), "khach", RIGHT, REMOTE_ADDR="203.0.113.9")
    for n in range(4, 8):
        _storefront(Client(), "bientap@ocop.local", f"doan-{n}", REMOTE_ADDR="203.0.113.9")

    locked = _storefront(Client(), "bientap", RIGHT, REMOTE_ADDR="198.51.100.7")

    assert own.status_code == 302
    assert locked.status_code == 429


def test_the_accounts_own_success_clears_its_failures_under_every_spelling():
    user = _editor()
    for n in range(2):
        _storefront(Client(), "bientap", f"doan-{n}", REMOTE_ADDR="203.0.113.1")
    for n in range(2):
        _storefront(Client(), "BIENTAP@ocop.local", f"doan-{n}", REMOTE_ADDR="203.0.113.2")
    signed_in = _storefront(Client(), "bientap", RIGHT, REMOTE_ADDR="198.51.100.7")
    for n in range(4):
        _storefront(Client(), "bientap@ocop.local", f"sai-{n}", REMOTE_ADDR="203.0.113.3")
    client = Client()

    fifth_try = _storefront(client, "bientap", RIGHT, REMOTE_ADDR="198.51.100.8")

    assert signed_in.status_code == 302
    assert fifth_try.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize("then", ["khach-la@example.vn", "KHACH-LA@Example.VN ", " khach-la@example.vn"])
def test_an_unknown_name_is_counted_as_typed_folded(then):
    _fail_five_times("Khach-La@example.vn")

    response = _storefront(Client(), then, "doan-6", REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429


def test_an_unknown_name_does_not_lock_a_real_account():
    user = _editor()
    _fail_five_times("bientap2@ocop.local")
    client = Client()

    response = _storefront(client, "bientap", RIGHT, REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_email_two_accounts_share_locks_both_accounts():
    # Django does not make e-mails unique: guesses at a shared address are guesses at both.
    UserFactory(username="lan", email="chung@example.vn")
    UserFactory(username="mai", email="Chung@example.vn")
    _fail_five_times("chung@example.vn")

    assert _storefront(Client(), "lan", RIGHT, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert _storefront(Client(), "mai", RIGHT, REMOTE_ADDR="198.51.100.8").status_code == 429


@pytest.mark.parametrize("then", ["bientap", "bientap@ocop.local", "BIENTAP@OCOP.LOCAL"])
def test_token_create_is_locked_by_guesses_on_the_forms(then):
    _editor()
    _fail_five_times("bientap")

    response, body = _token_create(Client(), then, RIGHT, REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    created = body["data"]["tokenCreate"]
    assert (created["token"], created["refreshToken"]) == (None, None)
    assert [(e["field"], e["code"]) for e in created["errors"]] == [(None, "LOGIN_ATTEMPT_DELAYED")]
    assert created["errors"][0]["message"].startswith("Logging has been suspended till ")


def test_token_create_guesses_lock_the_forms_and_answer_json_all_along():
    _editor()
    answers = [_token_create(Client(), "BienTap@ocop.local", f"doan-{n}", REMOTE_ADDR=f"203.0.113.{n + 1}")
               for n in range(6)]

    codes = [body["data"]["tokenCreate"]["errors"][0]["code"] for _, body in answers]
    assert [response.status_code for response, _ in answers] == [200] * 6
    assert codes == ["INVALID_CREDENTIALS"] * 4 + ["LOGIN_ATTEMPT_DELAYED"] * 2
    assert _form("/admin/login/")(Client(), "bientap", RIGHT, REMOTE_ADDR="198.51.100.7").status_code == 429


def test_aliased_token_creates_in_one_request_each_count():
    _editor()
    aliases = " ".join(
        f'a{n}: tokenCreate(email: "bientap", password: "doan-{n}") {{ token errors {{ code }} }}' for n in range(6))

    _, body = gql(Client(), f"mutation {{ {aliases} }}", REMOTE_ADDR="203.0.113.4")

    codes = [body["data"][f"a{n}"]["errors"][0]["code"] for n in range(6)]
    assert codes == ["INVALID_CREDENTIALS"] * 4 + ["LOGIN_ATTEMPT_DELAYED"] * 2
    assert _storefront(Client(), "bientap@ocop.local", RIGHT, REMOTE_ADDR="198.51.100.7").status_code == 429


def test_an_over_long_name_is_refused_as_wrong_and_still_counted():
    long_name = "a" * 5000 + "@example.vn"

    answers = [_token_create(Client(), long_name, f"doan-{n}", REMOTE_ADDR=f"203.0.113.{n + 1}") for n in range(5)]

    assert [response.status_code for response, _ in answers] == [200] * 5
    codes = [body["data"]["tokenCreate"]["errors"][0]["code"] for _, body in answers]
    assert codes == ["INVALID_CREDENTIALS"] * 4 + ["LOGIN_ATTEMPT_DELAYED"]
