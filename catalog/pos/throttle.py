"""Per client address, lookups per minute on /verify/ (cache counters, like checkout's)."""

import time

from django.conf import settings
from django.core.cache import cache

from storefront.security import client_ip


def verify_allowed(request) -> bool:
    limit = getattr(settings, "OCOP_VERIFY_PER_MINUTE", 30)
    key = f"ocop:verify:{client_ip(request) or 'unknown'}:{int(time.time()) // 60}"
    if cache.add(key, 1, 60):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, 60)
        return True
    return count <= limit
