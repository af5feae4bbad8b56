"""Outages of a dependency that has a fallback (the cache server, the search engine), as one
process sees them: when it failed, when to try it again, what to log and count.

An outage begins at a failure and ends at the next answer. Between them the dependency is
left alone for ``retry_seconds`` after each failure, so a dead server costs one failed
attempt per process every few seconds instead of one (or a timeout) per request. Each kind
of error is logged once per outage; every error is counted in ``errors``, and every outage
is listed in ``OUTAGES`` for whoever reports metrics.
"""

import logging
import threading
import time
from collections import Counter

logger = logging.getLogger(__name__)


class Outage:
    def __init__(self, subject: str, *, fallback: str, retry_seconds: float):
        self.subject = subject  # "Redis at redis://cache:6379/0"
        self.fallback = fallback  # what answers meanwhile, for the log
        self.retry_seconds = retry_seconds
        self.errors: Counter[str] = Counter()
        self._until = 0.0  # monotonic time before which the dependency is not tried
        self._logged: set[str] = set()
        self._lock = threading.Lock()  # the threads of a process share it

    @property
    def resting(self) -> bool:
        """True while the dependency is not to be tried (it failed less than
        ``retry_seconds`` ago)."""
        return time.monotonic() < self._until

    @property
    def ongoing(self) -> bool:
        return bool(self._logged)

    def failed(self, error: Exception) -> None:
        kind = type(error).__name__
        with self._lock:
            self.errors[kind] += 1
            self._until = time.monotonic() + self.retry_seconds
            first = kind not in self._logged
            self._logged.add(kind)
        if first:
            logger.warning("%s failed (%s: %s); %s, trying again every %g s",
                           self.subject, kind, error, self.fallback, self.retry_seconds)

    def answered(self) -> bool:
        """The dependency answered; True when that ends an outage."""
        if not self._logged:  # the common case, without the lock
            return False
        with self._lock:
            if not self._logged:
                return False
            self._logged.clear()
        logger.warning("%s answers again", self.subject)
        return True


OUTAGES: dict[str, Outage] = {}
_registry_lock = threading.Lock()


def outage_of(subject: str, *, fallback: str, retry_seconds: float) -> Outage:
    """The process's one ``Outage`` for ``subject``."""
    with _registry_lock:
        if subject not in OUTAGES:
            OUTAGES[subject] = Outage(subject, fallback=fallback, retry_seconds=retry_seconds)
        OUTAGES[subject].retry_seconds = retry_seconds  # the settings of the moment
        return OUTAGES[subject]
