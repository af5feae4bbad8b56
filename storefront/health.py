"""Health of the parts a request depends on, as /healthz reports it.

Each part answers "ok" or a short problem. Only the database stops the shop from selling
(the cache, the search engine, media storage and the task worker each have a fallback or
can catch up), so only the database makes the shop unhealthy: the load balancer takes a
machine out for that alone. The checks that leave the process (cache, search engine,
storage) run side by side, each given ``CHECK_SECONDS``; the database and the worker's
queue are read on the request's own connection.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as CheckTimedOut
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.db import DatabaseError, connection
from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from search.backends import get_backend

logger = logging.getLogger(__name__)

CHECK_SECONDS = 2.0
# A ready task older than this means the worker is missing or cannot keep up.
WORKER_LATE_SECONDS = 300
DATABASE_TASKS = "django_tasks_db.DatabaseBackend"

# Few threads, shared: a check that hangs past its deadline keeps its thread until its
# own client times out, and the next /healthz reports it late rather than starting more.
_checks = ThreadPoolExecutor(max_workers=4, thread_name_prefix="healthz")


@dataclass(frozen=True)
class Health:
    database: str
    cache: str = "ok"
    search: str = "ok"
    storage: str = "ok"
    worker: str = "ok"

    @property
    def can_sell(self) -> bool:
        return self.database == "ok"

    @property
    def status(self) -> str:
        if not self.can_sell:
            return "error"
        parts = (self.cache, self.search, self.storage, self.worker)
        return "ok" if all(part == "ok" for part in parts) else "degraded"

    def as_dict(self) -> dict[str, str]:
        return {"status": self.status, "database": self.database, "cache": self.cache,
                "search": self.search, "storage": self.storage, "worker": self.worker}


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("health: database unreachable: %s", exc)
        return "error"
    return "ok"


def check_cache() -> str:
    """Redis answers a PING (core/cache.py); the local-memory cache is always there."""
    ping = getattr(caches["default"], "health", None)
    return ping() if ping else "ok"


def check_search() -> str:
    """The configured engine answers; the database backend is healthy when the database is."""
    status = get_backend(settings.SEARCH_BACKEND).health()
    return status if status.startswith("error") else "ok"


def check_storage() -> str:
    """Every media storage (local disk or object storage) answers a lookup."""
    for alias in settings.STORAGES:
        if alias != "staticfiles":
            storages[alias].exists("healthz-probe")
    return "ok"


def check_worker() -> str:
    """How long the oldest ready task has waited, when a worker process runs them (the
    database task backend); the immediate backend runs them in the request."""
    if not settings.TASKS["default"]["BACKEND"].startswith(DATABASE_TASKS):
        return "ok"
    waiting_since = DBTaskResult.objects.ready().aggregate(oldest=Min(Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
    )))["oldest"]
    if waiting_since is None:
        return "ok"
    waited = int((timezone.now() - waiting_since).total_seconds())
    return "ok" if waited <= WORKER_LATE_SECONDS else f"late: a task has waited {waited} s"


def _bounded(name: str, check) -> str:
    """The check's answer, or a problem when it raised or took longer than CHECK_SECONDS."""
    try:
        status = check.result(timeout=CHECK_SECONDS)
    except CheckTimedOut:
        status = f"error: no answer within {CHECK_SECONDS:g} s"
    except Exception as exc:  # noqa: BLE001  any failure of a dependency is a health answer
        status = f"error: {type(exc).__name__}"
    if status != "ok":
        logger.error("health: %s: %s", name, status)
    return status


def check_health() -> Health:
    outside = {name: _checks.submit(check) for name, check in
               (("cache", check_cache), ("search", check_search), ("storage", check_storage))}
    database = check_database()
    worker = _worker_or_problem() if database == "ok" else "unknown: database down"
    return Health(database=database, worker=worker,
                  **{name: _bounded(name, future) for name, future in outside.items()})


def _worker_or_problem() -> str:
    try:
        return check_worker()
    except DatabaseError as exc:
        logger.error("health: worker queue unreadable: %s", exc)
        return f"error: {type(exc).__name__}"
