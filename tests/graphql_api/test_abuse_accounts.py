"""Sign-up and password reset as an attacker uses them (issue 18, finding 5): on main 30 of 30
registrations were accepted, and a known e-mail answered UNIQUE while reset hid accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import UserFactory
from tests.graphql_abuse_support import REGISTER, post

pytestmark = pytest.mark.django_db

RESET = ('mutation($email: String!) { requestPasswordReset(email: $email, channel: "default-channel", '
         'redirectUrl: "http://testserver/reset") { errors { field code } } }')
SET_PASSWORD = ('mutation($email: String!) { setPassword(email: $email, password: "Mat-khau-moi-2", token: "x") '
                "{ errors { code } } }")


def _register(client, email, *, ip="203.0.113.7", password="Mat-khau-dai-1", first_name="Hoa"):
    return post(client, REGISTER, {"input": {"email": email, "password": password, "firstName": first_name,
                                             "channel": "default-channel"}}, ip=ip)


def _throttled(response) -> bool:
    body = response.json()
    return response.status_code == 429 and body["errors"][0]["extensions"] == {"code": "TOO_MANY_REQUESTS"}


def test_thirty_registrations_from_one_address_are_throttled_after_ten(client, settings):
    settings.GRAPHQL_ACCOUNT_EMAILS_PER_HOUR = 10
    answers = [_register(client, f"bot{i}@example.vn") for i in range(30)]
    assert [a.status_code for a in answers] == [200] * 10 + [429] * 20
    assert all(_throttled(a) for a in answers[10:])
    assert get_user_model().objects.count() == 10
    assert _register(client, "hoa@example.vn", ip="198.51.100.9").json() == {
        "data": {"accountRegister": {"errors": []}}}


def test_a_known_email_gets_the_answer_a_new_one_gets_and_its_account_is_untouched(
        client, django_capture_on_commit_callbacks):
    owner = UserFactory(email="hoa@example.vn", first_name="Hoa")
    password = owner.password
    with django_capture_on_commit_callbacks(execute=True):
        known = _register(client, "HOA@example.vn", password="Mat-khau-khac-3", first_name="Ke gian")
        new = _register(client, "lan@example.vn")
    assert known.status_code == new.status_code == 200
    assert known.json() == new.json() == {"data": {"accountRegister": {"errors": []}}}
    owner.refresh_from_db()
    assert (owner.password, owner.first_name, owner.is_active) == (password, "Hoa", True)
    assert get_user_model().objects.filter(email__iexact="hoa@example.vn").count() == 1
    assert [m.to for m in mail.outbox] == [["hoa@example.vn"]]  # its owner learns someone tried


def test_a_known_email_with_a_weak_password_gets_the_password_errors_a_new_one_gets(client):
    UserFactory(email="hoa@example.vn")
    known = _register(client, "hoa@example.vn", password="123").json()
    new = _register(client, "lan@example.vn", password="123").json()
    assert known == new
    assert {e["field"] for e in known["data"]["accountRegister"]["errors"]} == {"password"}


def test_one_email_is_sent_at_most_three_mails_an_hour_whoever_asks(client, django_capture_on_commit_callbacks):
    UserFactory(email="hoa@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [post(client, RESET, {"email": "hoa@example.vn"}, ip=f"198.51.100.{i}") for i in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert len(mail.outbox) == 3
    unknown = [post(client, RESET, {"email": "nobody@example.vn"}, ip=f"192.0.2.{i}") for i in range(5)]
    assert [a.status_code for a in unknown] == [200, 200, 200, 429, 429]  # the same for an unknown address


def test_password_reset_requests_are_throttled_per_address(client, settings):
    settings.GRAPHQL_ACCOUNT_EMAILS_PER_HOUR = 4
    answers = [post(client, RESET, {"email": f"u{i}@example.vn"}) for i in range(6)]
    assert [a.status_code for a in answers] == [200] * 4 + [429] * 2
    assert _throttled(answers[-1])


def test_set_password_guesses_are_throttled_per_address(client, settings):
    settings.GRAPHQL_ACCOUNT_EMAILS_PER_HOUR = 3
    answers = [post(client, SET_PASSWORD, {"email": "hoa@example.vn"}) for i in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
