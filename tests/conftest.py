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
