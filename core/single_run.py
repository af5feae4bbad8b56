"""Scheduled work that runs once however many machines start it.

Every machine may carry the same timers (the deploy has no "leader"), so each scheduled
command takes a PostgreSQL session-level advisory lock named after it with
``pg_try_advisory_lock``: the first machine runs, the others find the lock held and exit 0
saying so. The lock is the database's, so it holds across machines; it is released in a
``finally`` and, should the process die, by PostgreSQL when its connection closes.

On SQLite (the one-machine demo) the lock is a no-op: the demo has one machine and no timers.
PgBouncer in transaction mode breaks session locks; see docs/operations.md ("Database").
"""

import hashlib
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand, OutputWrapper
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger("ocop.schedule")


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (advisory locks take a bigint)."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


@contextmanager
def single_run(name: str, *, using: str = DEFAULT_DB_ALIAS) -> Iterator[bool]:
    """Yields True when this process holds the lock ``name`` for the block, False when
    another session holds it (the block should then do nothing)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield True
        return
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            _unlock(connection, key)


def _unlock(connection, key: int) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
    except DatabaseError:
        # The session is broken (the run failed on it): closing it releases the lock.
        logger.warning("advisory lock %s: unlock failed, closing the connection", key)
        connection.close()


class SingleRunCommand(BaseCommand):
    """A management command that runs at most once at a time across every machine sharing
    the database; the lock is named after the command unless ``lock_name()`` says otherwise."""

    def lock_name(self, options: dict) -> str:
        return type(self).__module__.rsplit(".", 1)[-1]

    def execute(self, *args, **options):
        name = self.lock_name(options)
        with single_run(name) as held:
            if not held:
                message = f"{name}: another run holds the lock; nothing done."
                logger.info(message)
                # execute() would set self.stdout from the options; it does not run here.
                OutputWrapper(options.get("stdout") or sys.stdout).write(message)
                return None
            return super().execute(*args, **options)
