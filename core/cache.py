"""The shared cache (Redis) as a dependency that may fail: its errors are cache misses.

``FailSafeRedisCache`` is Django's own Redis backend with one difference: when Redis does not
answer (refused, timed out, out of memory), the operation is served by a local-memory cache
in this process instead of raising, and Redis is left alone for ``retry_seconds`` before it
is tried again (core/outage.py: logged once per outage, counted). What the cache holds keeps
working per process meanwhile: the site configuration (storefront/sites.py), listing counts
and fragments, search answers, and the rate-limit windows of core/throttle.py, which then
count per process (docs/security.md). The first answer from Redis ends the outage and
empties the local stand-in: what it held may be older than what other processes wrote.

Why not django-redis's ``IGNORE_EXCEPTIONS``: it turns errors into ``None`` (a throttle would
count nothing, each request would reload the site configuration from the database), logs
every failed call, and tries the dead server on every call.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis import RedisError

from core.outage import outage_of

# Entries written while Redis is away with no expiry (version counters) expire locally after
# this long, so a change made in another process is seen within it at the latest.
LOCAL_MAX_SECONDS = 300


def cache_settings(redis_url: str, *, retry_seconds: float = 5.0) -> dict:
    """The ``CACHES["default"]`` entry for ``REDIS_URL``. The short socket timeouts bound what
    a hung (not just dead) Redis costs a request."""
    return {
        "BACKEND": "core.cache.FailSafeRedisCache",
        "LOCATION": redis_url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0,
                    "retry_seconds": retry_seconds},
    }


class LocalStandIn(LocMemCache):
    """This process's memory, with no entry kept forever."""

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        if timeout is None:
            timeout = LOCAL_MAX_SECONDS
        return super().get_backend_timeout(timeout)


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        retry_seconds = float(options.pop("retry_seconds", 5.0))
        super().__init__(server, {**params, "OPTIONS": options})
        # Django makes a backend object per thread; the outage and the stand-in's memory
        # (LocMemCache's, by name) are the process's.
        self._outage = outage_of(f"cache: Redis at {server}", fallback="serving from this process's memory",
                                 retry_seconds=retry_seconds)
        self._local = LocalStandIn(f"ocop-cache-stand-in:{server}", {**params, "OPTIONS": {"MAX_ENTRIES": 20000}})

    def _call(self, name: str, *args, **kwargs):
        if self._outage.resting:
            return getattr(self._local, name)(*args, **kwargs)
        try:
            result = getattr(RedisCache, name)(self, *args, **kwargs)
        except RedisError as error:
            self._outage.failed(error)
            return getattr(self._local, name)(*args, **kwargs)
        if self._outage.answered():
            self._local.clear()
        return result

    def health(self) -> str:
        """"ok", or the error Redis answers a PING with (tried even while resting)."""
        try:
            self._cache.get_client(None, write=True).ping()
        except RedisError as error:
            return f"error: {type(error).__name__}"
        return "ok"


def _fail_safe(name: str):
    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"Redis's ``{name}``, or this process's memory while Redis is away."
    return method


# Every operation of Django's backend that reaches Redis; the others (get_or_set, decr,
# the async ones, …) are built on these.
for _name in ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr",
              "set_many", "delete_many", "clear"):
    setattr(FailSafeRedisCache, _name, _fail_safe(_name))
