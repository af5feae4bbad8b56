"""Per-client counters in fixed time windows, kept in the cache (Redis in production, so every
web process shares them), and the client's address as the counters and the login lock see it.

While Redis is away the counters live in each process's memory (core/cache.py): a limit of
N per window then allows N per window in each web process, and the counts start afresh when
Redis is back (docs/security.md)."""

import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The connection's address, or behind TRUSTED_PROXY_COUNT proxies the address the
    outermost trusted proxy saw (a client can prepend anything to X-Forwarded-For, so only
    the entries our own proxies appended count)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


def _window_key(name: str, client: str, seconds: int) -> str:
    return f"ocop:{name}:{client or 'unknown'}:{int(time.time()) // seconds}"


def hits_in_window(name: str, client: str, *, seconds: int) -> int:
    """How many times ``client`` was counted under ``name`` in the current fixed window."""
    return cache.get(_window_key(name, client, seconds)) or 0


def count_in_window(name: str, client: str, *, seconds: int) -> int:
    """Count one more hit in the current fixed window (atomic in Redis; shared by every web
    process through the cache) and return the window's count so far."""
    key = _window_key(name, client, seconds)
    if cache.add(key, 1, seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds)
        return 1
