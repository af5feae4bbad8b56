"""A migrated template database on PostgreSQL: the migrations run once, not once per worker.

Migrating an empty database takes some 45 seconds of CPU here, and pytest-xdist creates one
test database per worker. On PostgreSQL the first worker migrates its database as usual and
copies it to a template named after everything the schema depends on (every migration file
and the installed packages' versions); the other workers, and later runs against the same
server, create theirs with ``CREATE DATABASE … TEMPLATE`` (Django's ``TEST["TEMPLATE"]``)
and their migrate finds nothing to do. A change to any migration or package makes a new
template, and the outdated ones are dropped. SQLite is not touched (its test database is in
memory).

An advisory lock on the server keeps two workers from building the same template at once.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import importlib.util
import sys
import zlib
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

PREFIX = "ocop_tpl_"
ROOT = Path(__file__).resolve().parent.parent


def schema_key() -> str:
    """A digest of what decides the migrated schema and rows: every migration file, the
    project's modules those import (the regions loader, the reference data) and every
    installed distribution's version (Oscar's and Wagtail's migrations come with their
    packages, the wards with vietnam-provinces)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    files = {Path(sys.modules[migration.__module__].__file__) for migration in loader.disk_migrations.values()}
    files |= {imported for path in list(files) if path.is_relative_to(ROOT) for imported in _project_imports(path)}
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name).encode())
        digest.update(path.read_bytes())
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()[:16]


def _project_imports(path: Path) -> set[Path]:
    """The files of this project's modules that ``path`` imports (``from a.b import c``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            spec = importlib.util.find_spec(node.module)
            origin = Path(spec.origin) if spec and spec.origin else None
            if origin and origin.is_relative_to(ROOT):
                found.add(origin)
    return found


@dataclass
class TemplateDatabase:
    """One run's use of the template: ``before_setup`` runs before pytest-django creates
    this worker's test database, ``after_setup`` once it is migrated."""

    name: str = ""
    _lock_id: int = 0
    _builder: ExitStack | None = None  # holds the lock's server session while building

    def before_setup(self) -> None:
        if connection.vendor != "postgresql":
            return
        base = connection.settings_dict["NAME"][:30]
        # Per project database name: other checkouts on the same server keep their own.
        self.name = f"{PREFIX}{base}_{schema_key()}"
        self._lock_id = zlib.crc32(f"{PREFIX}{base}".encode())
        stack = ExitStack()
        cursor = stack.enter_context(connection._nodb_cursor())
        cursor.execute("SELECT pg_advisory_lock(%s)", [self._lock_id])
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name])
        if cursor.fetchone() is None:
            self._builder = stack  # this worker migrates; the others wait on the lock
            return
        stack.close()  # closing the session releases the lock
        connection.settings_dict.setdefault("TEST", {})["TEMPLATE"] = self.name

    def after_setup(self) -> None:
        """The first worker's database is migrated: copy it to the template (no session may
        be connected to the source), drop this project's outdated templates, let the others
        in."""
        if self._builder is None:
            return
        source = connection.settings_dict["NAME"]
        connection.close()
        quote = connection.ops.quote_name
        with self._builder, connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {quote(self.name)} TEMPLATE {quote(source)}")
            stale = self.name.rsplit("_", 1)[0].replace("_", r"\_") + r"\_%"
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s",
                           [stale, self.name])
            for (old,) in cursor.fetchall():
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")
        self._builder = None
