import pytest
from django.core.cache import cache
from django.db import connection


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
    from catalog.models import Province, Ward
    from catalog.regions import load_regions

    if not Province.objects.exists():
        load_regions(Province, Ward)


@pytest.fixture
def reference_data(db):
    from catalog.reference import ensure_reference_data

    return ensure_reference_data()


@pytest.fixture
def postgres_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL); SQLite has no row locks or unaccent")


def pytest_collection_modifyitems(items):
    """Transactional tests end with a flush that would also wipe data the migrations put in
    (provinces, Wagtail's root page, groups); roll those back by serialization instead."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(
                pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}), append=False
            )
