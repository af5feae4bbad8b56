import pytest
from django.core.cache import cache
from django.db import connection


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def ensure_migration_data():
    """Rows that data migrations create (regions, Vietnam as the shipping country). A
    ``transaction=True`` test ends with every table emptied, and --reuse-db keeps that,
    so they are put back at the start of a session and of each such test."""
    from django.apps import apps

    from catalog.regions import load_regions
    from checkout.reference import ensure_vietnam

    Province = apps.get_model("catalogue", "Province")
    if not Province.objects.filter(merged_into__isnull=True).count() == 34:
        load_regions(Province, apps.get_model("catalogue", "Ward"))
    ensure_vietnam(apps.get_model("address", "Country"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_migration_data()


@pytest.fixture
def migration_data(transactional_db):
    ensure_migration_data()


@pytest.fixture
def reference_data(db):
    from catalog.reference import ensure_reference_data

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
