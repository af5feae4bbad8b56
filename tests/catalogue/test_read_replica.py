"""Issue 18, past one machine: catalogue and search reads go to a read replica, never what
runs inside a write transaction or after a write in the same request, against a real
PostgreSQL streaming replica (tests/replica_support.py). And the pool settings."""

import pytest
from django.contrib.sites.models import Site
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_started
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from catalogue.models import Province
from config.databases import pool_options, with_pool
from tests.replica_support import pg_pair, wait_for_replay  # noqa: F401  fixture


@pytest.fixture(scope="module")
def routed(pg_pair, django_db_blocker):  # noqa: F811
    """For this module "default" is the pair's primary (pooled) and "replica" its replica;
    the test database's connection is put back after."""
    from django.conf import settings
    from django.db import router
    from django.test.utils import override_settings

    saved_settings, saved_default = connections.settings, connections["default"]
    with django_db_blocker.unblock(), override_settings(DATABASE_ROUTERS=["config.db_router.ReplicaRouter"]):
        assert settings.DATABASE_ROUTERS and router.routers
        primary = {**pg_pair.primary.settings(), "OPTIONS": {"pool": {"min_size": 1, "max_size": 4}}}
        connections.settings = connections.configure_settings(
            {**saved_settings, "default": primary, "replica": pg_pair.replica.settings()})
        del connections["default"]
        try:
            with connections["default"].schema_editor() as editor:
                editor.create_model(Province)
                editor.create_model(Site)
            # Under xdist any test of this module may come first: the tables must be there.
            wait_for_replay(connections["default"], connections["replica"])
            yield connections["default"], connections["replica"]
        finally:
            for alias in ("default", "replica"):
                connections[alias].close()
                if alias == "default" and connections[alias].pool:
                    connections[alias].close_pool()
                del connections[alias]
            connections.settings = saved_settings
            connections["default"] = saved_default


def _new_request():
    request_started.send(sender=None)


def _where(routed, read) -> tuple[str, ...]:
    primary, replica = routed
    with CaptureQueriesContext(primary) as on_primary, CaptureQueriesContext(replica) as on_replica:
        read()
    return ("primary",) * len(on_primary) + ("replica",) * len(on_replica)


def test_the_replica_is_a_real_read_only_standby(routed):
    primary, replica = routed
    with replica.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)
    assert primary.pool is not None  # DATABASE_POOL's psycopg pool, against a real server


def test_a_catalogue_read_goes_to_the_replica_and_sees_what_was_replayed(routed):
    primary, replica = routed
    Province.objects.create(slug="lam-dong", name="Lâm Đồng", short_name="Lâm Đồng")
    wait_for_replay(primary, replica)
    _new_request()

    names = []
    assert _where(routed, lambda: names.extend(Province.objects.values_list("name", flat=True))) == ("replica",)
    assert names == ["Lâm Đồng"]


def test_reads_inside_a_write_transaction_stay_on_the_primary(routed):
    _new_request()
    with transaction.atomic():
        assert _where(routed, lambda: list(Province.objects.all())) == ("primary",)


def test_after_a_write_the_request_reads_its_own_writes_from_the_primary(routed):
    # given a request that writes a province (not yet replayed, perhaps)
    _new_request()
    Province.objects.create(slug="binh-thuan", name="Bình Thuận", short_name="Bình Thuận")

    # then its next catalogue read sees it, from the primary
    found = []
    assert _where(routed, lambda: found.extend(Province.objects.filter(slug="binh-thuan"))) == ("primary",)
    assert [p.name for p in found] == ["Bình Thuận"]
    # and the next request, once the replica has replayed the write, reads from it again
    wait_for_replay(*routed)
    _new_request()
    assert _where(routed, lambda: list(Province.objects.all())) == ("replica",)


def test_what_is_not_catalogue_or_search_is_read_from_the_primary(routed):
    _new_request()
    assert _where(routed, lambda: list(Site.objects.all())) == ("primary",)


def test_a_write_never_goes_to_the_replica(routed):
    _new_request()
    assert _where(routed, lambda: Province.objects.create(slug="hue", name="Huế", short_name="Huế")) == ("primary",)


@pytest.mark.parametrize("raw, expected", [
    ("", None), ("2:10", {"min_size": 2, "max_size": 10}), ("0:1", {"min_size": 0, "max_size": 1}),
], ids=["off", "two-to-ten", "smallest"])
def test_database_pool_sizes(raw, expected):
    assert pool_options(raw) == expected


@pytest.mark.parametrize("raw", ["10", "a:b", "5:2", "0:0", "-1:3", "2:10:3", "\x00:1"],
                         ids=["no-colon", "words", "min-over-max", "zero-max", "negative", "three-parts", "nul"])
def test_bad_database_pool_values_are_refused_by_name(raw):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_POOL"):
        pool_options(raw)


def test_a_pool_and_persistent_connections_exclude_each_other():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_CONN_MAX_AGE"):
        with_pool({"ENGINE": "django.db.backends.postgresql", "CONN_MAX_AGE": 60}, "2:10")
    assert with_pool({"ENGINE": "django.db.backends.postgresql", "CONN_MAX_AGE": 0, "OPTIONS": {"sslmode": "require"}},
                     "2:10")["OPTIONS"] == {"sslmode": "require", "pool": {"min_size": 2, "max_size": 10}}
