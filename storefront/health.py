"""Health of the parts a request depends on, as /healthz reports it."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection

from search.backends import get_backend

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Health:
    database: str
    search: str

    @property
    def ok(self) -> bool:
        return self.database == "ok" and not self.search.startswith("error")


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("health: database unreachable: %s", exc)
        return "error"
    return "ok"


def check_search() -> str:
    """The backend's name, or "error: ..." naming what failed (Elasticsearch unreachable).
    The database backend is healthy whenever the database is."""
    status = get_backend(settings.SEARCH_BACKEND).health()
    if status.startswith("error"):
        logger.error("health: search: %s", status)
    return status


def check_health() -> Health:
    return Health(database=check_database(), search=check_search())
