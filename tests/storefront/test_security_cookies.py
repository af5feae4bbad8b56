"""Under HTTPS in production every cookie the shop sets is Secure (and HttpOnly where no
script reads it), read from the Set-Cookie headers of real responses."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import sellable_product

ROOT = Path(__file__).resolve().parents[2]

# The values config/settings.py sets when DEBUG is off (checked by the last test).
PRODUCTION_COOKIE_FLAGS = {
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "OSCAR_BASKET_COOKIE_SECURE": True,
    "OSCAR_RECENTLY_VIEWED_COOKIE_SECURE": True,
    "LANGUAGE_COOKIE_SECURE": True,
    "LANGUAGE_COOKIE_HTTPONLY": True,
}


@pytest.fixture
def production_cookies(settings, monkeypatch):
    for name, value in PRODUCTION_COOKIE_FLAGS.items():
        setattr(settings, name, value)
    # Oscar reads the history cookie's flags once, when its module is imported.
    from oscar.apps.customer.history import CustomerHistoryManager

    monkeypatch.setitem(CustomerHistoryManager.cookie_kwargs, "secure", True)


def _flags(response, name):
    morsel = response.cookies[name]
    return {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"])}


@pytest.mark.django_db
def test_a_guest_who_shops_gets_only_secure_cookies(production_cookies):
    client = Client()
    product = sellable_product(title="Mật ong hoa cà phê")

    responses = [
        client.get(product.get_absolute_url(), secure=True),
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1}, secure=True),
        client.get("/basket/", secure=True),
        client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True),
    ]

    assert [r.status_code for r in responses] == [200, 302, 200, 302]
    # A deletion (empty value, expired) carries nothing to protect; Django sends it plain.
    cookies = {name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"])}
               for r in responses for name, m in r.cookies.items() if m.value}
    assert cookies == {
        "csrftoken": {"secure": True, "httponly": False},  # Oscar's dashboard script reads it
        "oscar_history": {"secure": True, "httponly": True},
        "oscar_open_basket": {"secure": True, "httponly": True},
        "messages": {"secure": True, "httponly": True},
        "django_language": {"secure": True, "httponly": True},
    }


@pytest.mark.django_db
def test_a_signed_in_session_cookie_is_secure(production_cookies):
    from tests.factories import UserFactory

    UserFactory(username="lan", email="lan@example.vn")
    client = Client()

    response = client.post("/accounts/login/", {
        "login-username": "lan@example.vn", "login-password": "mat-khau-thu-nghiem",
        "login_submit": "1"}, secure=True)

    assert response.status_code == 302
    assert _flags(response, "sessionid") == {"secure": True, "httponly": True}


def test_production_settings_turn_every_cookie_flag_on():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(SECRET_KEY="x" * 60, ALLOWED_HOSTS="ocop.example.vn")
    names = ", ".join(f"settings.{name}" for name in PRODUCTION_COOKIE_FLAGS)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from django.conf import settings; from oscar.apps.customer.history import "
         f"CustomerHistoryManager as H; print({names}, H.cookie_kwargs['secure'])"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == " ".join(["True"] * (len(PRODUCTION_COOKIE_FLAGS) + 1))
