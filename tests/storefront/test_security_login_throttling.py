"""Every login form refuses an account or an IP address after 5 wrong passwords, for 15
minutes, with the right password too (django-axes, database handler)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.factories import UserFactory

RIGHT = "mat-khau-thu-nghiem"
LOCKED_TEXT = "Đăng nhập sai quá 5 lần nên tài khoản hoặc địa chỉ mạng này tạm thời không đăng nhập được."


def _storefront(client, login, password, **extra):
    return client.post("/accounts/login/", {
        "login-username": login, "login-password": password, "login_submit": "1"}, **extra)


def _form(path):
    def post(client, login, password, **extra):
        return client.post(path, {"username": login, "password": password}, **extra)
    return post


LOGIN_FORMS = {
    "storefront": (_storefront, "email"),
    "storefront-username": (_storefront, "username"),
    "oscar-dashboard": (_form("/dashboard/login/"), "username"),
    "wagtail": (_form("/cms/login/"), "username"),
    "django-admin": (_form("/admin/login/"), "username"),
}


def _office_user():
    return UserFactory(username="vanphong", email="vanphong@example.vn", is_staff=True, is_superuser=True)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _let_the_lockout_expire(minutes: int = 16) -> None:
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= datetime.timedelta(minutes=minutes)
        attempt.save(update_fields=["attempt_time"])


@pytest.mark.parametrize("form", list(LOGIN_FORMS))
@pytest.mark.django_db
def test_each_login_form_locks_after_five_wrong_passwords(form):
    login_post, field = LOGIN_FORMS[form]
    user = _office_user()
    client = Client()

    wrong = [login_post(client, getattr(user, field), f"sai-{n}") for n in range(5)]
    locked = login_post(client, getattr(user, field), RIGHT)

    # The form again with its error four times; the fifth failure already answers with the lock.
    assert [r.status_code for r in wrong] == [200] * 4 + [429]
    assert locked.status_code == 429
    assert LOCKED_TEXT in locked.content.decode()
    assert "Vui lòng thử lại sau 15 phút." in locked.content.decode()
    assert not _signed_in(client)


@pytest.mark.django_db
def test_fifty_wrong_passwords_do_not_get_through_and_the_right_one_works_after_the_lock():
    user = UserFactory(username="lan", email="lan@example.vn")
    client = Client()

    statuses = [_storefront(client, "lan@example.vn", f"doan-{n}").status_code for n in range(49)]
    fiftieth = _storefront(client, "lan@example.vn", RIGHT)

    assert statuses == [200] * 4 + [429] * 45
    assert fiftieth.status_code == 429
    assert not _signed_in(client)

    _let_the_lockout_expire()
    after = _storefront(client, "lan@example.vn", RIGHT)

    assert after.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_the_lock_still_holds_a_minute_before_it_expires():
    UserFactory(username="lan", email="lan@example.vn")
    client = Client()
    for n in range(5):
        _storefront(client, "lan@example.vn", f"doan-{n}")

    _let_the_lockout_expire(minutes=14)
    response = _storefront(client, "lan@example.vn", RIGHT)

    assert response.status_code == 429


@pytest.mark.django_db
def test_an_account_is_locked_whatever_address_the_guesses_come_from():
    UserFactory(username="lan", email="lan@example.vn")
    for n in range(5):
        _storefront(Client(), "lan@example.vn", f"doan-{n}", REMOTE_ADDR=f"203.0.113.{n + 1}")

    # Another address, the e-mail in capitals: still the same account.
    response = _storefront(Client(), "LAN@example.vn", RIGHT, REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429


@pytest.mark.django_db
def test_an_address_is_locked_whatever_accounts_it_tries():
    UserFactory(username="lan", email="lan@example.vn")
    for n in range(5):
        _storefront(Client(), f"khach{n}@example.vn", "doan", REMOTE_ADDR="203.0.113.9")

    from_that_address = _storefront(Client(), "lan@example.vn", RIGHT, REMOTE_ADDR="203.0.113.9")
    from_elsewhere = _storefront(Client(), "lan@example.vn", RIGHT, REMOTE_ADDR="198.51.100.7")

    assert from_that_address.status_code == 429
    assert from_elsewhere.status_code == 302


@pytest.mark.django_db
def test_a_lock_on_the_storefront_also_holds_on_the_back_office_forms():
    user = _office_user()
    for n in range(5):
        _storefront(Client(), user.email, f"doan-{n}")

    # Same IP (the test client's), other forms: refused.
    assert _form("/admin/login/")(Client(), "vanphong", RIGHT).status_code == 429
    assert _form("/cms/login/")(Client(), "vanphong", RIGHT).status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_client_address_is_counted(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="lan", email="lan@example.vn")
    for n in range(5):
        # The client forged a first hop; our one proxy appended the real address.
        _storefront(Client(), f"khach{n}@example.vn", "doan", REMOTE_ADDR="10.0.0.2",
                    HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.9")

    other_client = _storefront(Client(), "lan@example.vn", RIGHT, REMOTE_ADDR="10.0.0.2",
                               HTTP_X_FORWARDED_FOR="198.51.100.7")
    same_client = _storefront(Client(), "lan@example.vn", RIGHT, REMOTE_ADDR="10.0.0.2",
                              HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert other_client.status_code == 302
    assert same_client.status_code == 429


@pytest.mark.django_db
def test_registering_still_signs_the_new_customer_in():
    # Oscar authenticates the account it has just created without passing the request;
    # the throttle must not turn that into an error.
    client = Client()

    response = client.post("/accounts/login/", {
        "registration-email": "moi@example.vn", "registration-password1": "Mat-khau-moi-2026",
        "registration-password2": "Mat-khau-moi-2026", "registration_submit": "1"})

    assert response.status_code == 302
    assert _signed_in(client)


@pytest.mark.django_db
def test_the_test_clients_login_still_works():
    UserFactory(username="lan", email="lan@example.vn")
    client = Client()

    assert client.login(username="lan@example.vn", password=RIGHT) is True
