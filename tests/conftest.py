import pytest
from django.core.cache import cache
from django.db import connection


@pytest.fixture(autouse=True)
def _vietnamese():
    """A request in English leaves English active in the thread; each test starts in vi."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _regions(request):
    """Provinces and wards come from a data migration; a transactional test's flush wipes
    them, so put them back (idempotent, one query when present) before each database test."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("_django_db_helper")
    from catalogue.models import Province, Ward
    from catalogue.regions import load_regions

    if not Province.objects.exists():
        load_regions(Province, Ward)
    # Vietnam as the shipping country (checkout's data migration), for the same reason.
    from oscar.core.loading import get_model

    from checkout.reference import ensure_vietnam

    Country = get_model("address", "Country")

    if not Country.objects.filter(iso_3166_1_a2="VN").exists():
        ensure_vietnam(Country)


@pytest.fixture
def reference_data(db):
    from catalogue.reference import ensure_reference_data

    return ensure_reference_data()


@pytest.fixture
def postgres_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL); SQLite has no row locks or unaccent")


@pytest.fixture
def stripe_http(settings, monkeypatch):
    """Card payments switched on, with Stripe's HTTP layer replaced by a recording fake."""
    import stripe

    from tests.checkout_support import WEBHOOK_SECRET, FakeStripeHTTP

    settings.STRIPE_SECRET_KEY = "sk_test_ocop"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    fake = FakeStripeHTTP()
    monkeypatch.setattr(stripe, "default_http_client", fake)
    return fake


def pytest_collection_modifyitems(items):
    """Transactional tests end with a flush that would also wipe data the migrations put in
    (provinces, Wagtail's root page, groups); roll those back by serialization instead."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(
                pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}), append=False
            )
