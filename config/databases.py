"""The database settings past one machine: a connection pool and an optional read replica.

``DATABASE_POOL=min:max`` turns on Django's own pool (psycopg_pool, Django 5.1+) for each
process: connections are kept open and handed out per request instead of opened anew, which
is what ``CONN_MAX_AGE`` does without a pool, with an upper bound. ``DATABASE_REPLICA_URL``
adds a ``replica`` alias (a streaming replica of the primary) and the router that sends
catalogue and search reads there (config/db_router.py).
"""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

REPLICA = "replica"


def pool_options(raw: str) -> dict | None:
    """``"2:10"`` → psycopg_pool's sizes; empty → None (no pool)."""
    if not raw.strip():
        return None
    low, sep, high = raw.partition(":")
    try:
        min_size, max_size = int(low), int(high)
    except ValueError:
        raise ImproperlyConfigured(f"DATABASE_POOL must be min:max, e.g. 2:10; got {raw!r}") from None
    if not sep or not 0 <= min_size <= max_size or max_size < 1:
        raise ImproperlyConfigured(f"DATABASE_POOL must be min:max with 0 <= min <= max, max >= 1; got {raw!r}")
    return {"min_size": min_size, "max_size": max_size}


def with_pool(database: dict, raw: str) -> dict:
    """The database settings with the pool of ``raw`` (PostgreSQL only); persistent
    connections and a pool exclude each other (Django refuses both)."""
    pool = pool_options(raw)
    if pool is None:
        return database
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_POOL needs PostgreSQL (DATABASE_URL=postgres://…)")
    if database.get("CONN_MAX_AGE"):
        raise ImproperlyConfigured("DATABASE_POOL and DATABASE_CONN_MAX_AGE exclude each other: keep one")
    return {**database, "OPTIONS": {**database.get("OPTIONS", {}), "pool": pool}}


def replica_database(url: str, *, primary: dict, pool: str) -> dict:
    """The replica's settings: same pool and health checks as the primary; tests use the
    primary under this name (nothing replicates a test database)."""
    database = dj_database_url.parse(url, conn_max_age=primary.get("CONN_MAX_AGE", 0),
                                     conn_health_checks=primary.get("CONN_HEALTH_CHECKS", False))
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must be a PostgreSQL URL")
    return {**with_pool(database, pool), "TEST": {"MIRROR": "default"}}
