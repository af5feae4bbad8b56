"""Product cards, menus and footer are rendered once per catalogue version and reused, yet a
shopper always sees current prices and a CSRF token of their own."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from tests.factories import sellable_product

StockRecord = get_model("partner", "StockRecord")

CARD = "oscar/catalogue/partials/product.html"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _listing(client) -> str:
    response = client.get("/catalogue/")
    assert response.status_code == 200
    return response.content.decode().replace("\xa0", " ")


@pytest.mark.django_db
def test_a_price_change_shows_at_once_although_cards_are_cached(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = sellable_product(title="Cà phê Buôn Ma Thuột", price=Decimal("150000"))
    assert "150.000 ₫" in _listing(client)

    with django_capture_on_commit_callbacks(execute=True):
        record = StockRecord.objects.get(product=product)
        record.price = Decimal("175000")
        record.save()

    page = _listing(client)
    assert "175.000 ₫" in page
    assert "150.000 ₫" not in page


@pytest.mark.django_db
def test_a_cached_listing_renders_cards_without_their_template_work(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):
            sellable_product(title=f"Mật ong hoa cà phê {n}")

    cold = client.get("/catalogue/")
    with CaptureQueriesContext(connection) as warm_queries:
        warm = client.get("/catalogue/")

    rendered = lambda response: [t.name for t in response.templates]  # noqa: E731
    assert rendered(cold).count(CARD) == 6
    assert CARD not in rendered(warm)
    assert "oscar/partials/footer.html" not in rendered(warm)
    assert TOKEN.sub("", warm.content.decode()) == TOKEN.sub("", cold.content.decode())  # but for the token
    assert len(warm_queries) <= 8


@pytest.mark.django_db
def test_each_shopper_gets_their_own_csrf_token_in_cached_cards(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = sellable_product(title="Tiêu đen Phú Quốc")
    anna, binh = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    anna_tokens = set(TOKEN.findall(_listing(anna)))
    binh_page = _listing(binh)  # served from the cards cached for Anna's request
    binh_tokens = set(TOKEN.findall(binh_page))

    assert anna_tokens and binh_tokens and not anna_tokens & binh_tokens
    assert "ocop-csrf-token-marker" not in binh_page
    response = binh.post(f"/basket/add/{product.pk}/", {
        "quantity": 1, "csrfmiddlewaretoken": binh_tokens.pop()})
    assert response.status_code == 302
    assert binh.get("/basket/").context["basket"].num_items == 1


def test_the_key_names_version_day_language_site_and_theme(rf, db):
    from django.template import Context
    from django.utils import translation

    from catalogue.fragment_cache import fragment_key
    from catalogue.listing_cache import catalogue_version

    with translation.override("vi"):
        vi = fragment_key(Context({"request": rf.get("/")}), "card", 7)
    with translation.override("en"):
        en = fragment_key(Context({"request": rf.get("/")}), "card", 7)

    assert vi != en
    assert f":{catalogue_version()}:" in vi and vi.endswith(":7")
    assert fragment_key(Context({"request": rf.get("/"), "ocop_site": type("S", (), {"theme": "lamdong"})()}), "card", 7) != vi


def test_an_evicted_version_never_comes_back_as_an_old_number():
    from django.core.cache import cache

    from catalogue.listing_cache import VERSION_KEY, catalogue_version

    before = catalogue_version()
    cache.delete(VERSION_KEY)  # as a full cache would evict it

    assert catalogue_version() > before
