import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand

from demo.seeding import seed_demo

# Both log a line or two per product or page at INFO (stock alerts, page created/published):
# hundreds of lines that would bury the accounts table. Warnings still show.
CHATTY_LOGGERS = ("oscar", "wagtail")


@contextmanager
def quiet(names, level=logging.WARNING):
    loggers = [logging.getLogger(name) for name in names]
    before = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, old in zip(loggers, before):
            logger.setLevel(old)


class Command(BaseCommand):
    help = "Create the demo catalogue, pages and one account per role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="ocop-demo-2026",
                            help="password for the demo accounts (default: ocop-demo-2026)")

    def handle(self, *args, password, **options):
        with quiet(CHATTY_LOGGERS if options["verbosity"] < 2 else ()):
            report = seed_demo(password=password)
        made = ", ".join(f"{n} {what}" for what, n in sorted(report.created.items())) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({made})."))
        for url in report.sites:
            self.stdout.write(f"Provincial storefront (Lâm Đồng only, its own theme): {url}")
        self.stdout.write("Accounts (password: %s):" % password)
        for role, username, email in report.accounts:
            self.stdout.write(f"  {role:<28} {username:<10} {email}")
        self.stdout.write("Storefront http://127.0.0.1:8000/  ·  Dashboard /dashboard/  ·  CMS /cms/")
        self.stdout.write("Sign in with the username or the e-mail.")
