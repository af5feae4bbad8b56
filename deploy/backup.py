"""Backs up the shop: a PostgreSQL dump, the row count of every table in the same snapshot,
and the media folders, with a manifest that deploy/restore.py checks a restore against.

    DATABASE_URL=postgres://… MEDIA_ROOT=… PRIVATE_MEDIA_ROOT=… python deploy/backup.py [--dir D]

Writes ``ocop-<UTC time>.dump`` (pg_dump's custom format), ``.media.tar.gz``,
``.private-media.tar.gz`` and ``.json`` (the manifest) into BACKUP_DIR (default
/var/backups/ocop), readable by their owner only, and deletes backups older than
BACKUP_KEEP_DAYS (14). With MEDIA_STORAGE=s3 the buckets are not copied here: keep
versioning on them (docs/operations.md). Needs only psycopg and PostgreSQL's client tools,
not Django, so it runs on a machine that has the database and nothing else.
"""

import argparse
import datetime
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import psycopg
from psycopg import sql


def table_counts(cursor) -> dict[str, int]:
    """Rows per table (``schema.table``) of every schema but PostgreSQL's own."""
    cursor.execute("SELECT schemaname, tablename FROM pg_tables "
                   "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2")
    counts = {}
    for schema, table in cursor.fetchall():
        cursor.execute(sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dump_database(*, database_url: str, target: Path) -> dict[str, int]:
    """pg_dump from an exported snapshot, counted in that same snapshot: what the manifest
    says is exactly what the dump holds, even while the shop keeps selling."""
    with psycopg.connect(database_url, autocommit=True) as connection, connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_counts(cursor)
        partial = target.with_suffix(".partial")
        subprocess.run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={partial}",
                        f"--dbname={database_url}"], check=True)
        cursor.execute("COMMIT")
    partial.rename(target)
    return counts


def archive(folder: Path, target: Path) -> bool:
    """The folder as a gzipped tar, paths relative to it; False when there is no folder."""
    if not folder.is_dir():
        return False
    with tarfile.open(target, "w:gz") as tar:
        tar.add(folder, arcname=".")
    return True


def prune(directory: Path, *, keep_days: int) -> list[Path]:
    """Deletes this script's files older than ``keep_days``; returns what went."""
    cutoff = time.time() - keep_days * 86400
    old = [p for p in directory.glob("ocop-*") if p.is_file() and p.stat().st_mtime < cutoff]
    for path in old:
        path.unlink()
    return old


def backup(*, database_url: str, directory: Path, media_root: str, private_media_root: str,
           media_storage: str) -> Path:
    """Writes one backup and returns its manifest's path."""
    directory.mkdir(parents=True, exist_ok=True)
    base = directory / f"ocop-{datetime.datetime.now(datetime.UTC):%Y%m%dT%H%M%SZ}"
    dump = base.with_suffix(".dump")
    counts = dump_database(database_url=database_url, target=dump)
    files = {"dump": dump}
    if media_storage == "s3":
        print("media: in object storage (MEDIA_STORAGE=s3), not copied here: keep bucket versioning on")
    else:
        for name, root in (("media", media_root), ("private_media", private_media_root)):
            target = base.with_suffix(f".{name.replace('_', '-')}.tar.gz")
            if root and archive(Path(root), target):
                files[name] = target
    manifest = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "media_storage": media_storage,
        "files": {name: {"name": path.name, "sha256": sha256(path)} for name, path in files.items()},
        "tables": counts,
    }
    path = base.with_suffix(".json")
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", default=os.environ.get("BACKUP_DIR", "/var/backups/ocop"))
    parser.add_argument("--keep-days", type=int, default=int(os.environ.get("BACKUP_KEEP_DAYS", 14)))
    args = parser.parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        parser.error("DATABASE_URL must name the PostgreSQL database (SQLite is for the demo: copy the file)")
    os.umask(0o077)  # dumps and scans are as private as the database
    manifest = backup(database_url=database_url, directory=Path(args.dir),
                      media_root=os.environ.get("MEDIA_ROOT", ""),
                      private_media_root=os.environ.get("PRIVATE_MEDIA_ROOT", ""),
                      media_storage=os.environ.get("MEDIA_STORAGE", "local"))
    tables = json.loads(manifest.read_text())["tables"]
    print(f"backup: {manifest} ({len(tables)} tables, {sum(tables.values())} rows)")
    for path in prune(Path(args.dir), keep_days=args.keep_days):
        print(f"pruned: {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
