"""The test database between tests: what the migrations put in, and the demo seeded once.

A test database is in one of three states, and ``DatabaseState.prepare`` brings it to the one
the next test needs, before that test's transaction opens (tests/conftest.py calls it):

- ``migrated``: what the migrations left (provinces and wards, Vietnam, Wagtail's root page,
  site and locale, groups, content types, permissions). Every plain database test starts
  here, and its transaction rolls back to here.
- ``demo``: migrated + ``seed_demo``, committed once, for the tests that take the
  ``seeded_demo`` fixture. Those tests run in a transaction too, so none of their writes
  reach the next one; the tests are ordered together, so the demo is seeded once a session.
- ``flushed``: after a transactional test, whose teardown emptied every table
  (``empty_tables_after_test``).

Getting back to ``migrated`` inserts the rows captured right after the migrations, in one
transaction (a few thousand rows, a fraction of a second). That replaces serialized_rollback,
which reloaded the whole database object by object before every transactional test.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from io import StringIO

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings

DEMO_PASSWORD = "mat-khau-demo"


@dataclass
class MigratedRows:
    """Every non-empty table's rows as the migrations left them."""

    tables: dict[str, tuple[list[str], list[tuple]]]

    @classmethod
    def capture(cls) -> MigratedRows:
        tables = {}
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table in sorted(connection.introspection.django_table_names(only_existing=True)):
                cursor.execute(f"SELECT * FROM {quote(table)}")
                rows = cursor.fetchall()
                if rows:
                    tables[table] = ([column[0] for column in cursor.description], rows)
        return cls(tables)

    def restore(self, *, flush_everything: bool) -> None:
        """Back to the migrated rows. After a transactional test every table is empty (were
        post_migrate run, only tables among these would hold rows); after the demo, every
        table may, so the whole database is flushed first."""
        if flush_everything:
            call_command("flush", verbosity=0, interactive=False, reset_sequences=False,
                         inhibit_post_migrate=True)
        quote = connection.ops.quote_name
        # Foreign keys are deferred until commit (Django creates them DEFERRABLE INITIALLY
        # DEFERRED), so the tables go in any order.
        with transaction.atomic(), connection.cursor() as cursor:
            if not flush_everything:
                for table in self.tables:
                    cursor.execute(f"DELETE FROM {quote(table)}")
            for table, (columns, rows) in self.tables.items():
                names = ", ".join(quote(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)
        # post_migrate's content types and sites had other ids, and both are cached in-process.
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.sites.models import Site

        ContentType.objects.clear_cache()
        Site.objects.clear_cache()


def empty_tables_after_test(test_case) -> None:
    """TransactionTestCase's teardown in this suite (tests/conftest.py installs it). Django's
    flush truncates every table (some 170) and then runs post_migrate; this deletes the rows
    of the few tables the test wrote to, found with one query, and DatabaseState.prepare puts
    the migrated rows back before the next database test. A table that refuses DELETE (the
    audit log's trigger on PostgreSQL) gets Django's flush instead."""
    from django.db import DatabaseError, connections

    for alias in test_case._databases_names(include_mirrors=False):
        database = connections[alias]
        quote = database.ops.quote_name
        tables = sorted(database.introspection.django_table_names(only_existing=True, include_views=False))
        probe = " UNION ALL ".join(
            f"SELECT {i} FROM (SELECT 1 FROM {quote(table)} LIMIT 1) AS t{i}" for i, table in enumerate(tables))
        try:
            with transaction.atomic(using=alias), database.cursor() as cursor:
                cursor.execute(probe)
                for (i,) in cursor.fetchall():
                    cursor.execute(f"DELETE FROM {quote(tables[i])}")
        except DatabaseError:
            call_command("flush", verbosity=0, interactive=False, database=alias, reset_sequences=False,
                         inhibit_post_migrate=True)


@dataclass
class SeededDemo:
    """What one ``seed_demo`` run printed and logged, and where its pictures went."""

    output: str
    log_records: list[logging.LogRecord]
    media_root: str
    password: str = DEMO_PASSWORD


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def seed_demo() -> SeededDemo:
    """``seed_demo`` as a developer runs it (committed, so its after-commit indexing runs),
    capturing its output and its log records at INFO and above, as caplog would."""
    media_root = tempfile.mkdtemp(prefix="ocop-demo-media-")
    out = StringIO()
    root = logging.getLogger()
    handler, level = _Records(), root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        with override_settings(MEDIA_ROOT=media_root):
            call_command("seed_demo", "--password", DEMO_PASSWORD, stdout=out)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    return SeededDemo(output=out.getvalue(), log_records=handler.records, media_root=media_root)


@dataclass
class DatabaseState:
    """Which of the three states this process's test database is in (see the module)."""

    migrated: MigratedRows | None = None
    state: str = "migrated"
    demo: SeededDemo | None = None
    seeds: int = 0
    restores: list[str] = field(default_factory=list)

    def created(self) -> None:
        """The test database was just created and migrated."""
        self.migrated = MigratedRows.capture()
        self.state = "migrated"

    def prepare(self, *, wants_demo: bool, transactional: bool) -> None:
        """Runs before the test's own transaction opens (database access unblocked)."""
        wanted = "demo" if wants_demo else "migrated"
        if self.state != "migrated" and (wanted == "migrated" or self.state == "flushed"):
            self.restores.append(self.state)
            self.migrated.restore(flush_everything=self.state == "demo")
            self.state = "migrated"
        if wanted == "demo" and self.state != "demo":
            self.demo = seed_demo()
            self.seeds += 1
            self.state = "demo"
        if transactional:
            self.state = "flushed"  # its teardown flushes the database
