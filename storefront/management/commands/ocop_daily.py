"""``ocop_daily``: the job for just after midnight in Vietnam (see storefront/daily.py).

Safe on every machine at once: the run takes the ``ocop_daily`` advisory lock, so one machine
runs it and the others exit 0 (core/single_run.py). Timer or cron (the server's clock in any
zone): ``CRON_TZ=Asia/Ho_Chi_Minh`` then ``5 0 * * * cd /srv/ocop && .venv/bin/python manage.py
ocop_daily``. With the database task worker instead: ``manage.py ocop_daily --schedule``;
the task then queues itself for every following midnight, and running ``--schedule`` again
while a run is queued queues nothing.
"""

import datetime

from django.core.management.base import CommandError
from django.utils import timezone

from core.single_run import SingleRunCommand
from storefront.daily import DAILY_LOCK, SCHEDULE_LOCK, next_midnight, queued_daily_runs, run_daily, schedule_daily


class Command(SingleRunCommand):
    help = "Daily job: reindex products whose certificate coverage starts or ends, expire unpaid orders."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="Run as of this day (YYYY-MM-DD); default today in Vietnam.")
        parser.add_argument("--days-back", type=int, default=2,
                            help="Also catch the coverage changes of the days before (a missed run).")
        parser.add_argument("--schedule", action="store_true",
                            help="Queue the job for the worker at the next midnight instead of running it.")

    def lock_name(self, options: dict) -> str:
        return SCHEDULE_LOCK if options.get("schedule") else DAILY_LOCK

    def handle(self, *args, day=None, days_back: int = 2, schedule: bool = False, **options):
        if schedule:
            self.schedule()
            return
        try:
            as_of = datetime.date.fromisoformat(day) if day else None
        except ValueError:
            raise CommandError(f"--day must be YYYY-MM-DD, got {day!r}") from None
        if days_back < 1:
            raise CommandError("--days-back must be 1 or more")
        report = run_daily(day=as_of, days_back=days_back)
        self.stdout.write(f"{report.day}: {report.products_reindexed} product(s) reindexed.")
        for step, output in report.steps.items():
            self.stdout.write(f"{step}: {output}")

    def schedule(self):
        when = next_midnight()
        if schedule_daily(when=when):
            self.stdout.write(f"ocop_daily queued for {when:%Y-%m-%d %H:%M %Z}.")
            return
        queued = queued_daily_runs().order_by("run_after").first()
        self.stdout.write(f"ocop_daily is already queued (for {timezone.localtime(queued.run_after):%Y-%m-%d %H:%M %Z}); nothing added.")
