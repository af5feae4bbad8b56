"""The daily job (``manage.py ocop_daily``, just after midnight in Vietnam).

Certificates start and stop covering "today" at midnight without anyone saving anything.
Search queries are already right on the day without this job (documents carry their
coverage dates, see ``search.documents``); the job keeps what is stored tidy: it
rewrites the documents of products whose coverage starts or ends on the days since the last
run (their stars and certificate change, lapsed segments are dropped) and bumps the listing
version. Then it runs the other daily steps: ``expire_certificates`` (lapsed certificates'
products leave sale, producers reminded 30 and 7 days ahead), the unpaid-order expiry and
the retry of card refunds Stripe never answered (``checkout.payments.refunds.retry_stuck_refunds``).
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db.models import Q
from django_tasks import TaskResultStatus, task
from oscar.core.loading import get_model

from catalogue.freshness import catalogue_changed
from catalogue.listing_cache import bump_catalogue_version
from catalogue.rules import today_in_vietnam
from checkout.payments.refunds import retry_stuck_refunds
from checkout.services import expire_unpaid_orders
from core.single_run import single_run
from producers.expiry import expire_certificates

Certificate = get_model("catalogue", "Certificate")
logger = logging.getLogger("ocop.daily")


@dataclass
class DailyReport:
    day: datetime.date
    products_reindexed: int = 0
    steps: dict[str, str] = field(default_factory=dict)


def coverage_changes(*, since: datetime.date, until: datetime.date) -> list[int]:
    """Products with a verified certificate whose coverage starts, or ended the day before,
    on a day in ``since``..``until`` (both inclusive)."""
    one_day = datetime.timedelta(days=1)
    changes = Certificate.objects.filter(status=Certificate.Status.VERIFIED).filter(
        Q(issued_on__range=(since, until)) | Q(expires_on__range=(since - one_day, until - one_day))
    )
    return sorted(set(changes.values_list("product_id", flat=True)))


def run_daily(*, day: datetime.date | None = None, days_back: int = 1) -> DailyReport:
    """Reindex the products whose coverage changed in the last ``days_back`` days (more than
    one when a run was missed), bump listings, expire unpaid orders."""
    day = day or today_in_vietnam()
    report = DailyReport(day=day)
    ids = coverage_changes(since=day - datetime.timedelta(days=days_back - 1), until=day)
    catalogue_changed(ids)
    bump_catalogue_version()
    report.products_reindexed = len(ids)
    expiry = expire_certificates(day=day)
    report.steps["expire_certificates"] = f"{expiry.delisted} delisted, {expiry.reminders} reminder(s) sent"
    cancelled = expire_unpaid_orders()
    report.steps["expire_unpaid_orders"] = ", ".join(cancelled) or "-"
    # Card refunds whose Stripe call never happened (the process died): sent again, same key.
    report.steps["retry_stuck_refunds"] = "; ".join(retry_stuck_refunds()) or "-"
    # Editorial pages whose go-live or expiry time has passed; a combo's offer
    # follows through the page_published / page_unpublished signals.
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    report.steps["publish_scheduled"] = out.getvalue().strip().replace("\n", "; ") or "-"
    return report


def next_midnight(now: datetime.datetime | None = None) -> datetime.datetime:
    """Five past the coming midnight in Vietnam, as an aware datetime."""
    from django.utils import timezone

    now = timezone.localtime(now)
    tomorrow = now.date() + datetime.timedelta(days=1)
    return now.replace(year=tomorrow.year, month=tomorrow.month, day=tomorrow.day,
                       hour=0, minute=5, second=0, microsecond=0)


DAILY_LOCK = "ocop_daily"  # the command's lock (core.single_run), shared with the worker's task
SCHEDULE_LOCK = "ocop_daily:schedule"  # held while the queue is checked and the next run queued


def queued_daily_runs():
    """The daily task's runs waiting in the database queue (none with another task backend)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=daily_task.module_path, status=TaskResultStatus.READY)


def schedule_daily(*, when: datetime.datetime) -> bool:
    """Queue the daily task for ``when`` unless a run is already queued: one chain, however
    often ``--schedule`` is run. Callers hold ``SCHEDULE_LOCK``, so two at once cannot both
    find the queue empty. True when queued."""
    if queued_daily_runs().exists():
        return False
    daily_task.using(run_after=when).enqueue(reschedule=True)
    return True


@task()
def daily_task(reschedule: bool = True) -> str:
    """The daily job as a django-tasks task: it runs the job, then queues itself for the next
    midnight, so a database worker (``manage.py db_worker``) keeps it going with no cron.
    ``ocop_daily --schedule`` queues the first run. The next run is queued even when this one
    raises (the worker logs the failure and marks the result FAILED), so one bad night never
    ends the chain; a run that finds ``DAILY_LOCK`` held (cron running the command at the same
    time) leaves the work to it."""
    try:
        with single_run(DAILY_LOCK) as held:
            if not held:
                return "another run holds the lock; nothing done"
            report = run_daily(days_back=2)
    finally:
        if reschedule:
            with single_run(SCHEDULE_LOCK) as held:
                if held:
                    schedule_daily(when=next_midnight())
    logger.info("ocop_daily: %s", report)
    return f"{report.day}: {report.products_reindexed} products reindexed"
