"""Password reset answers a known and an unknown address the same way (status, final URL,
page), so it cannot be used to find out who has an account."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.factories import UserFactory

# A CSRF token as Django renders it (masked, 64 characters), different on every page.
_CSRF = re.compile(r"[A-Za-z0-9]{64}")


def _ask_for_a_reset(path: str, email: str):
    client = Client()
    client.get(path)  # the form first, as a visitor would
    response = client.post(path, {"email": email}, follow=True)
    return {
        "status": response.status_code,
        "redirects": response.redirect_chain,
        "final_url": response.request["PATH_INFO"],
        "body": _CSRF.sub("<csrf>", response.content.decode()),
    }


@pytest.mark.parametrize("path, done", [
    ("/password-reset/", "/password-reset/done/"),
    ("/cms/password_reset/", "/cms/password_reset/done/"),
], ids=["storefront", "wagtail"])
@pytest.mark.django_db
def test_a_known_and_an_unknown_address_get_the_same_answer(path, done):
    UserFactory(username="lan", email="lan@example.vn", is_staff=True, is_superuser=True)

    known = _ask_for_a_reset(path, "lan@example.vn")
    unknown = _ask_for_a_reset(path, "khong-ai@example.vn")

    assert known["status"] == unknown["status"] == 200
    assert known["redirects"] == unknown["redirects"] == [(done, 302)]
    assert known["final_url"] == unknown["final_url"] == done
    assert known["body"] == unknown["body"]
    # Only the real account got a message (the difference is in its owner's inbox).
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]


@pytest.mark.django_db
def test_django_admin_has_no_password_reset_route():
    with pytest.raises(NoReverseMatch):
        reverse("admin_password_reset")
