import pytest
from django.core.cache import cache
from django.db import connection


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


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
