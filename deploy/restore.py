"""Restores a backup made by deploy/backup.py into an empty database, then checks it: every
table's row count must equal the manifest's (counted when the dump was taken).

    python deploy/restore.py /var/backups/ocop/ocop-20261207T023000Z.json \
        --database-url postgres://ocop@127.0.0.1:5432/ocop_restored --create \
        [--media-root /srv/ocop/media --private-media-root /srv/ocop/private-media]

Refuses a database that already has tables and media folders that are not empty: a restore
never overwrites anything. Exits 1 when a file's checksum or a table's rows differ.
"""

import argparse
import json
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backup import sha256, table_counts  # noqa: E402  (this folder is scripts, not a package)


class RestoreRefused(Exception):
    """The restore would overwrite something, or the backup is not what its manifest says."""


def create_database(database_url: str) -> None:
    """Creates the URL's database through the server's maintenance database ``postgres``."""
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def check_files(manifest: dict, folder: Path) -> dict[str, Path]:
    files = {}
    for name, entry in manifest["files"].items():
        path = folder / entry["name"]
        if not path.is_file() or sha256(path) != entry["sha256"]:
            raise RestoreRefused(f"{path.name}: missing or not the file the manifest names (checksum)")
        files[name] = path
    return files


def restore_database(*, dump: Path, database_url: str) -> dict[str, int]:
    with psycopg.connect(database_url) as connection, connection.cursor() as cursor:
        if table_counts(cursor):
            raise RestoreRefused("the target database has tables: restore into a new, empty database")
    subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                    f"--dbname={database_url}", str(dump)], check=True)
    with psycopg.connect(database_url) as connection, connection.cursor() as cursor:
        return table_counts(cursor)


def restore_folder(archive: Path, root: Path) -> int:
    """Unpacks into an empty or new folder (tarfile's "data" filter: no links out, no
    device files, no absolute paths); returns the number of files."""
    if root.exists() and any(root.iterdir()):
        raise RestoreRefused(f"{root} is not empty")
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        tar.extractall(root, filter="data")
        return sum(1 for member in tar.getmembers() if member.isfile())


def differences(expected: dict[str, int], restored: dict[str, int]) -> list[str]:
    return [f"{table}: {expected.get(table)} in the backup, {restored.get(table)} restored"
            for table in sorted(set(expected) | set(restored)) if expected.get(table) != restored.get(table)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--create", action="store_true", help="create the database first")
    parser.add_argument("--media-root", type=Path)
    parser.add_argument("--private-media-root", type=Path)
    args = parser.parse_args(argv)
    manifest = json.loads(args.manifest.read_text())
    try:
        files = check_files(manifest, args.manifest.parent)
        for name, root in (("media", args.media_root), ("private_media", args.private_media_root)):
            if root and root.exists() and any(root.iterdir()):
                raise RestoreRefused(f"{root} is not empty")
        if args.create:
            create_database(args.database_url)
        restored = restore_database(dump=files["dump"], database_url=args.database_url)
        for name, root in (("media", args.media_root), ("private_media", args.private_media_root)):
            if root and name in files:
                print(f"{name}: {restore_folder(files[name], root)} files into {root}")
    except RestoreRefused as exc:
        print(f"restore refused: {exc}", file=sys.stderr)
        return 2
    wrong = differences(manifest["tables"], restored)
    if wrong:
        print("restored rows differ from the backup:\n  " + "\n  ".join(wrong), file=sys.stderr)
        return 1
    print(f"restored: {len(restored)} tables, {sum(restored.values())} rows, every table as in the backup")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
