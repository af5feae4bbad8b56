"""Cached listing counts. Counting every sellable product on each page view is the most
expensive part of a listing (one pass over the whole catalogue); the count only changes
when a product, its stock or a certificate does, so it is cached under a catalogue
version that those changes bump after their transaction commits."""

import time

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

from core.scope import current_scope

VERSION_KEY = "ocop:catalogue-version"
COUNT_TTL_SECONDS = 600


def _fresh_version() -> int:
    """A version no earlier one can equal, for when the key is new or was evicted: counting
    again from 1 would serve counts and fragments cached under the old numbers."""
    return time.time_ns()


def catalogue_version() -> int:
    return cache.get_or_set(VERSION_KEY, _fresh_version, None)


def bump_catalogue_version() -> None:
    """After the current transaction commits: what it wrote is not visible before."""
    transaction.on_commit(bump_catalogue_version_now)


def bump_catalogue_version_now() -> None:
    """For writes already done, such as search documents rewritten after the commit."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(VERSION_KEY, _fresh_version(), None)


def cached_count(queryset, *, key: str) -> int:
    """The queryset's count; the key also names the site's scope (``core.scope``), since a
    provincial site counts only its province."""
    province = current_scope.get()
    scope_key = province.slug if province else "-"
    full_key = f"ocop:listing-count:{catalogue_version()}:{scope_key}:{get_language()}:{key}"
    count = cache.get(full_key)
    if count is None:
        count = queryset.count()
        cache.set(full_key, count, COUNT_TTL_SECONDS)
    return count
