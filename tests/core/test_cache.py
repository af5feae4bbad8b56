"""The fail-safe Redis cache (core/cache.py) against a port where nothing listens: errors are
misses served from process memory, logged once per outage, counted, and Redis is left
alone between retries."""

import logging
import time

import pytest
from django.core.cache import caches

from core.cache import LOCAL_MAX_SECONDS, cache_settings
from core.throttle import count_in_window, hits_in_window
from tests.resilience_support import free_port, redis_server  # noqa: F401


@pytest.fixture
def dead_redis(settings):
    """The default cache pointed at a loopback port nobody listens on."""
    settings.CACHES = {"default": cache_settings(f"redis://127.0.0.1:{free_port()}/0", retry_seconds=60)}
    yield caches["default"]
    caches["default"].clear()


def test_a_dead_server_is_a_miss_then_the_process_memory_answers(dead_redis):
    assert dead_redis.get("ocop:site:1:testserver") is None

    dead_redis.set("ocop:site:1:testserver", "lamdong", 300)

    assert dead_redis.get("ocop:site:1:testserver") == "lamdong"
    assert dead_redis.get_or_set("ocop:sites-version", 1, None) == 1
    assert dead_redis.health() == "error: ConnectionError"


def test_rate_limit_windows_count_in_the_process_while_the_server_is_dead(dead_redis):
    counts = [count_in_window("placement", "203.0.113.9", seconds=3600) for _ in range(3)]

    assert counts == [1, 2, 3]
    assert hits_in_window("placement", "203.0.113.9", seconds=3600) == 3


def test_an_outage_is_logged_once_per_kind_and_every_error_counted(settings, caplog):
    settings.CACHES = {"default": cache_settings(f"redis://127.0.0.1:{free_port()}/0", retry_seconds=0)}
    cache = caches["default"]

    with caplog.at_level(logging.WARNING, logger="core.outage"):
        for _ in range(5):
            cache.get("ocop:catalogue-version")

    assert cache._outage.errors == {"ConnectionError": 5}
    assert len(caplog.records) == 1
    assert "failed (ConnectionError" in caplog.records[0].getMessage()


def test_the_dead_server_is_not_tried_again_before_the_retry_time(dead_redis):
    for _ in range(1000):
        dead_redis.get("ocop:catalogue-version")

    assert dead_redis._outage.errors == {"ConnectionError": 1}  # one connection attempt, not 1,000


def test_entries_without_expiry_are_kept_locally_for_a_bounded_time(dead_redis):
    dead_redis.set("ocop:sites-version", 7, None)

    expires_at = dead_redis._local._expire_info[dead_redis._local.make_key("ocop:sites-version")]

    assert expires_at - time.time() == pytest.approx(LOCAL_MAX_SECONDS, abs=2)


def test_when_the_server_answers_again_the_local_copies_are_dropped(redis_server, settings):  # noqa: F811
    settings.CACHES = {"default": cache_settings(redis_server.url, retry_seconds=0)}
    cache = caches["default"]
    cache.set("ocop:site:1:testserver", "shared", 300)
    redis_server.kill()
    cache.set("ocop:site:1:testserver", "local", 300)  # written while Redis is away
    assert cache.get("ocop:site:1:testserver") == "local"

    redis_server.start()  # empty, as a restarted cache server is

    assert cache.get("ocop:site:1:testserver") is None
    assert cache.health() == "ok"
    assert cache._local.get("ocop:site:1:testserver") is None
