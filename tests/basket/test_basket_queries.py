"""The basket page costs the same number of queries whatever its number of lines: the
lines come with what the OCOP rule reads (producer, certificates, product class)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.checkout_support import add_to_basket
from tests.factories import sellable_product

pytestmark = pytest.mark.django_db


def _basket_page_queries(client, lines: int) -> int:
    for _ in range(lines):
        add_to_basket(client, sellable_product())
    client.get(reverse("basket:summary"))  # warm caches (site, categories)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("basket:summary"))
    assert response.status_code == 200
    assert len(response.context["basket"].all_lines()) == lines
    return len(queries)


def test_the_basket_page_query_count_does_not_grow_with_its_lines(client):
    from django.test import Client

    one = _basket_page_queries(client, 1)
    five = _basket_page_queries(Client(), 5)

    assert five == one
