import shutil

import pytest
from django.core.cache import cache
from django.db import connection

from tests.browser_support import browser, chromium_args  # noqa: F401  fixtures for every browser test
from tests.db_support import DatabaseState
from tests.db_template import TemplateDatabase

# This process's test database (one per xdist worker): see tests/db_support.py.
DATABASE = DatabaseState()
# On PostgreSQL the migrations run once into a template database: see tests/db_template.py.
TEMPLATE = TemplateDatabase()


def pytest_configure(config):
    from django.conf import settings

    # Django's documented speed-up for tests: PBKDF2's million rounds cost a third of a
    # second per password set or checked, and nothing here tests the hasher's strength.
    # The login timing tests count calls to whichever hasher comes first.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A transactional test's teardown empties the tables it wrote to instead of flushing all.
    from django.test import TransactionTestCase

    from tests.db_support import empty_tables_after_test

    TransactionTestCase._fixture_teardown = empty_tables_after_test
    if config.pluginmanager.hasplugin("xdist") and not hasattr(config, "workerinput"):
        from tests.xdist_support import GroupsOnOneWorker

        config.pluginmanager.register(GroupsOnOneWorker(), "ocop-groups-on-one-worker")


def _database_use(item) -> str | None:
    """None, "plain" (a transaction rolled back) or "transactional" (committed, flushed
    after), as pytest-django decides it."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return "plain" if issubclass(cls, TestCase) else "transactional"
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if (marker and marker.kwargs.get("transaction")) or "transactional_db" in fixtures or "live_server" in fixtures:
        return "transactional"
    if marker or "db" in fixtures:
        return "plain"
    return None


def _wants_demo(item) -> bool:
    return "seeded_demo" in getattr(item, "fixturenames", ())


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """The demo's tests run together, so it is seeded once: after the other plain database
    tests, and its transactional test before the other transactional ones (pytest-django
    then keeps this order within its own: plain, transactional, no database). Under xdist
    they all go to one worker (tests/xdist_support.py)."""
    from tests.xdist_support import write_groups

    order = {("plain", False): 0, ("plain", True): 1, ("transactional", True): 2,
             ("transactional", False): 3, (None, False): 4, (None, True): 4}
    items.sort(key=lambda item: order[_database_use(item), _wants_demo(item)])
    write_groups(config, {item.nodeid: "demo" for item in items if _wants_demo(item)})


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_blocker):
    """pytest-django's per-worker database name, then the migrated template if there is one."""
    with django_db_blocker.unblock():
        TEMPLATE.before_setup()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb):
    """pytest-django's test database, with the migrated rows captured for the restores."""
    with django_db_blocker.unblock():
        TEMPLATE.after_setup()
        DATABASE.created()
    yield
    if django_db_keepdb:  # --reuse-db: leave it as migrated for the next run
        with django_db_blocker.unblock():
            DATABASE.prepare(wants_demo=False, transactional=False)
    if DATABASE.demo is not None:
        shutil.rmtree(DATABASE.demo.media_root, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Before a test's transaction opens, bring the database to the state the test needs:
    the demo for ``seeded_demo``, else migrated. pytest-django opens it in
    ``_django_db_helper`` for pytest tests; a Django TestCase class opens it in its
    setUpClass, which runs after ``_django_setup_unittest``."""
    if fixturedef.argname == "_django_db_helper" and not _django_test_case(request.node):
        _prepare(request, request.node)
        return (yield)
    result = yield
    if fixturedef.argname == "_django_setup_unittest" and _django_test_case(request.node) and request.cls.databases:
        _prepare(request, request.node)
    return result


def _django_test_case(node) -> bool:
    from django.test import SimpleTestCase

    cls = getattr(node, "cls", None)
    return cls is not None and issubclass(cls, SimpleTestCase)


def _prepare(request, node) -> None:
    with request.getfixturevalue("django_db_blocker").unblock():
        DATABASE.prepare(wants_demo=_wants_demo(node), transactional=_database_use(node) == "transactional")


@pytest.fixture
def seeded_demo(db, settings):
    """The whole demo as ``seed_demo`` makes it (its output and log records too), seeded
    once per session and shared: each test runs in a transaction rolled back at its end, so
    what it writes never reaches the next one."""
    assert DATABASE.demo is not None, "the demo is seeded before the test's transaction opens"
    settings.MEDIA_ROOT = DATABASE.demo.media_root
    return DATABASE.demo


@pytest.fixture
def shop(db):
    """A small shop for tests that need no more: coffee from Đắk Lắk (4★ and 3★) and Lâm
    Đồng (4★), fish sauce and squid, the page tree and the reference data."""
    from tests.browser_support import make_shop

    return make_shop()


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
