from core.single_run import SingleRunCommand
from producers.expiry import expire_certificates


class Command(SingleRunCommand):
    help = ("Daily: products whose certificate lapsed leave listings and search; producers are "
            "e-mailed 30 and 7 days before a certificate expires (once per threshold).")

    def handle(self, *args, **options):
        report = expire_certificates()
        self.stdout.write(f"{report.delisted} products delisted, {report.reminders} reminders sent.")
