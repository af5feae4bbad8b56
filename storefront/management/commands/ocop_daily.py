"""``ocop_daily``: the job for just after midnight in Vietnam (see storefront/daily.py).

Cron (the server's clock in any zone):  ``CRON_TZ=Asia/Ho_Chi_Minh`` then
``5 0 * * * cd /srv/ocop && .venv/bin/python manage.py ocop_daily``.
With the database task worker instead of cron: ``manage.py ocop_daily --schedule`` once;
the task then queues itself for every following midnight.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from storefront.daily import daily_task, next_midnight, run_daily


class Command(BaseCommand):
    help = "Daily job: reindex products whose certificate coverage starts or ends, expire unpaid orders."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="Run as of this day (YYYY-MM-DD); default today in Vietnam.")
        parser.add_argument("--days-back", type=int, default=2,
                            help="Also catch the coverage changes of the days before (a missed run).")
        parser.add_argument("--schedule", action="store_true",
                            help="Queue the job for the worker at the next midnight instead of running it.")

    def handle(self, *args, day=None, days_back: int = 2, schedule: bool = False, **options):
        if schedule:
            when = next_midnight()
            daily_task.using(run_after=when).enqueue(reschedule=True)
            self.stdout.write(f"ocop_daily queued for {when:%Y-%m-%d %H:%M %Z}.")
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
