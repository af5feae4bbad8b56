"""Logging out takes a POST everywhere: a link or an <img> on another site cannot sign anyone out."""

import pytest
from django.test import Client

from tests.factories import UserFactory


def _signed_in_client(user, *, enforce_csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(user)
    return client


def _is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_get_on_the_storefront_logout_only_asks_with_a_post_form():
    client = _signed_in_client(UserFactory())

    response = client.get("/accounts/logout/")

    assert response.status_code == 200
    assert _is_signed_in(client)
    page = response.content.decode()
    assert '<form method="post" action="/accounts/logout/" class="ocop-logout-confirm">' in page
    assert 'name="csrfmiddlewaretoken"' in page


@pytest.mark.django_db
def test_a_post_with_the_csrf_token_logs_out_of_the_storefront():
    client = _signed_in_client(UserFactory(), enforce_csrf=True)
    token = client.get("/accounts/logout/").context["csrf_token"]

    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": str(token)})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not _is_signed_in(client)


@pytest.mark.django_db
def test_a_cross_site_post_without_the_csrf_token_does_not_log_out():
    client = _signed_in_client(UserFactory(), enforce_csrf=True)

    response = client.post("/accounts/logout/")

    assert response.status_code == 403
    assert _is_signed_in(client)


@pytest.mark.django_db
def test_the_storefront_header_logs_out_with_a_post_form_not_a_link():
    client = _signed_in_client(UserFactory())

    page = client.get("/catalogue/").content.decode()

    assert '<form id="logout_form" class="ocop-logout" action="/accounts/logout/" method="post">' in page
    assert 'href="/accounts/logout/"' not in page


@pytest.mark.django_db
def test_a_signed_out_visitor_asking_to_log_out_goes_home():
    response = Client().get("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("path", ["/admin/logout/", "/cms/logout/", "/dashboard/logout/"],
                         ids=["django-admin", "wagtail", "oscar-dashboard"])
@pytest.mark.django_db
def test_a_get_on_the_back_office_logouts_is_refused(path):
    client = _signed_in_client(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(path)

    assert response.status_code == 405
    assert "sessionid" not in response.cookies  # not even the cookie is deleted
    assert _is_signed_in(client)


@pytest.mark.parametrize("path", ["/admin/logout/", "/cms/logout/", "/dashboard/logout/"],
                         ids=["django-admin", "wagtail", "oscar-dashboard"])
@pytest.mark.django_db
def test_a_post_logs_out_of_the_back_office(path):
    client = _signed_in_client(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(path)

    assert response.status_code in (200, 302)
    assert not _is_signed_in(client)
