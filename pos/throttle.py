"""Per client address, lookups per minute on /verify/ (the same cache counters as checkout's)."""

from django.conf import settings

from core.throttle import client_ip, count_in_window


def verify_allowed(request) -> bool:
    limit = getattr(settings, "OCOP_VERIFY_PER_MINUTE", 30)
    return count_in_window("verify", client_ip(request), seconds=60) <= limit
