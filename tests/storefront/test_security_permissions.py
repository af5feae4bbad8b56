"""Office things on the storefront follow permissions, not is_staff (producers are staff too)."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.factories import UserFactory, sellable_product

EDIT_LINK = 'class="ocop-product__edit"'


def _product_page_as(user) -> str:
    product = sellable_product(title="Bánh tráng Trảng Bàng")
    client = Client()
    client.force_login(user)
    return client.get(product.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_staff_account_without_the_permission_sees_no_edit_link():
    page = _product_page_as(UserFactory(is_staff=True))

    assert EDIT_LINK not in page


@pytest.mark.django_db
def test_an_account_allowed_to_change_products_sees_the_edit_link():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(content_type__app_label="catalogue", codename="change_product"))

    page = _product_page_as(user)

    assert EDIT_LINK in page


@pytest.mark.django_db
def test_the_program_office_superuser_sees_the_edit_link():
    page = _product_page_as(UserFactory(is_staff=True, is_superuser=True))

    assert EDIT_LINK in page
