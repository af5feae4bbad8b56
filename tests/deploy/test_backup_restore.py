"""Backups are restored for real: deploy/backup.py dumps the test database (PostgreSQL) and
its media, deploy/restore.py restores them into a new database, and every table's rows match
the counts taken in the dump's own snapshot. A restore never overwrites anything."""

import json
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def _url(name: str) -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _run(script: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "deploy" / script), *args], env={"PATH": "/usr/bin:/bin", **env},
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def source(postgres_only, tmp_path):
    """The test database with a sellable product in it, and a media folder with a picture."""
    from tests.factories import sellable_product

    product = sellable_product(title="Nước mắm nhĩ Phan Thiết")
    media = tmp_path / "media"
    (media / "images" / "products").mkdir(parents=True)
    (media / "images" / "products" / "nuoc-mam.jpg").write_bytes(b"\xff\xd8\xff picture")
    return {"url": _url(connection.settings_dict["NAME"]), "media": media, "product": product}


@pytest.fixture
def new_database():
    """A database name that does not exist yet, dropped after the test."""
    name = f"ocop_restore_{uuid.uuid4().hex[:8]}"
    yield name
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _backup(source, tmp_path) -> Path:
    result = _run("backup.py", "--dir", str(tmp_path / "backups"), DATABASE_URL=source["url"],
                  MEDIA_ROOT=str(source["media"]), PRIVATE_MEDIA_ROOT=str(tmp_path / "no-such-folder"))
    assert result.returncode == 0, result.stderr
    (manifest,) = (tmp_path / "backups").glob("ocop-*.json")
    return manifest


def test_a_backup_restores_into_a_new_database_with_every_row(source, new_database, tmp_path):
    manifest = _backup(source, tmp_path)
    tables = json.loads(manifest.read_text())["tables"]
    assert tables["public.catalogue_product"] == 1

    result = _run("restore.py", str(manifest), "--database-url", _url(new_database), "--create",
                  "--media-root", str(tmp_path / "restored-media"))

    assert result.returncode == 0, result.stderr
    assert "every table as in the backup" in result.stdout
    with psycopg.connect(_url(new_database)) as restored:
        titles = restored.execute("SELECT title FROM catalogue_product").fetchall()
    assert titles == [("Nước mắm nhĩ Phan Thiết",)]
    assert (tmp_path / "restored-media" / "images" / "products" / "nuoc-mam.jpg").read_bytes() == b"\xff\xd8\xff picture"


def test_a_restore_never_overwrites_a_database_in_use(source, tmp_path):
    manifest = _backup(source, tmp_path)

    result = _run("restore.py", str(manifest), "--database-url", source["url"])

    assert result.returncode == 2
    assert "the target database has tables" in result.stderr
    assert connection.cursor().execute("SELECT count(*) FROM catalogue_product").fetchone() == (1,)


def test_a_tampered_dump_is_refused(source, new_database, tmp_path):
    manifest = _backup(source, tmp_path)
    dump = manifest.with_suffix(".dump")
    dump.write_bytes(dump.read_bytes()[:-10] + b"0123456789")

    result = _run("restore.py", str(manifest), "--database-url", _url(new_database), "--create")

    assert result.returncode == 2
    assert "checksum" in result.stderr
    with psycopg.connect(_url("postgres")) as admin:
        assert admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [new_database]).fetchone() is None


def test_backups_are_readable_by_their_owner_only(source, tmp_path):
    manifest = _backup(source, tmp_path)

    modes = {path.name: path.stat().st_mode & 0o777 for path in manifest.parent.iterdir()}

    assert set(modes.values()) == {0o600}, modes
    assert len(modes) == 3  # dump, media, manifest (no private-media folder here)


def test_sqlite_is_refused_with_the_reason(tmp_path):
    result = _run("backup.py", "--dir", str(tmp_path), DATABASE_URL="sqlite:///db.sqlite3")

    assert result.returncode == 2
    assert "DATABASE_URL must name the PostgreSQL database" in result.stderr
