"""Vietnamese alphabetical order, from ICU's Vietnamese collation (PyICU).

Code-point order puts "Huế" before "Hà Nội" (u < à) and every Đ- name after Z; Vietnamese
order is a ă â b c d đ e ê … with tones as a secondary difference. Lists we build in Python
sort with ``sort_key``; a long paginated list orders in SQL with ``collated`` (PostgreSQL's
ICU collation ``vi-x-icu``, the same rules).
"""

from collections.abc import Callable, Iterable
from functools import lru_cache

import icu
from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate

_COLLATOR = icu.Collator.createInstance(icu.Locale("vi_VN"))
PG_COLLATION = "vi-x-icu"


def sort_key(text: str) -> bytes:
    return _COLLATOR.getSortKey(text or "")


def sorted_by_name(items: Iterable, name: Callable[[object], str] = str) -> list:
    return sorted(items, key=lambda item: sort_key(name(item)))


@lru_cache(maxsize=1)
def _database_collates() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [PG_COLLATION])
        return cursor.fetchone() is not None


def collated(field: str):
    """An ``order_by`` term in Vietnamese order where the database can (PostgreSQL with ICU);
    elsewhere (SQLite in tests) the field as is."""
    return Collate(F(field), PG_COLLATION) if _database_collates() else F(field)
