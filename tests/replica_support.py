"""A real PostgreSQL streaming replica for tests: a primary cluster and a replica made by
``pg_basebackup -R``, each in a temporary folder on a free loopback port, started once per
test module and removed after. Skips, with the reason, where the server binaries are missing."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_basebackup"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    port: int
    folder: Path

    def settings(self) -> dict:
        return {"ENGINE": "django.db.backends.postgresql", "NAME": "postgres", "USER": "postgres",
                "PASSWORD": "", "HOST": "127.0.0.1", "PORT": str(self.port)}


class Pair:
    """The two clusters, run as the ``postgres`` user when this process is root (initdb and
    the server refuse to run as root)."""

    def __init__(self, bin_dir: Path, root: Path):
        self.bin, self.root = bin_dir, root
        self.primary = Cluster(_free_port(), root / "primary")
        self.replica = Cluster(_free_port(), root / "replica")

    def run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self, cluster: Cluster) -> None:
        options = (f"-p {cluster.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={cluster.folder}"
                   " -c fsync=off -c synchronous_commit=off -c wal_level=replica -c max_wal_senders=4"
                   " -c shared_buffers=16MB -c max_connections=20")
        self.run("pg_ctl", "-D", str(cluster.folder), "-o", options, "-l", str(self.root / f"{cluster.port}.log"),
                 "-w", "-t", "60", "start")

    def up(self) -> None:
        self.run("initdb", "-D", str(self.primary.folder), "--auth=trust", "-U", "postgres", "--no-sync")
        self.start(self.primary)
        self.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.primary.port), "-U", "postgres",
                 "-D", str(self.replica.folder), "-R", "-X", "stream", "-c", "fast")
        self.start(self.replica)

    def down(self) -> None:
        for cluster in (self.replica, self.primary):
            if (cluster.folder / "postmaster.pid").exists():
                self.run("pg_ctl", "-D", str(cluster.folder), "-m", "immediate", "-w", "stop")


@pytest.fixture(scope="module")
def pg_pair():
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin): no replica to test against")
    root = Path(tempfile.mkdtemp(prefix="ocop-replica-"))
    root.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    pair = Pair(bin_dir, root)
    try:
        pair.up()
        yield pair
    finally:
        pair.down()
        shutil.rmtree(root, ignore_errors=True)


def wait_for_replay(primary, replica, timeout: float = 10.0) -> None:
    """Until the replica has replayed everything the primary has written so far."""
    with primary.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with replica.cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
        time.sleep(0.02)
    raise AssertionError(f"the replica did not replay {target} within {timeout} s")
