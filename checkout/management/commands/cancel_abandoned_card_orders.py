import datetime

from checkout.services import cancel_abandoned_card_orders
from core.single_run import SingleRunCommand


class Command(SingleRunCommand):
    help = "Cancel card orders left unpaid for longer than --minutes and release their stock."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=60)

    def handle(self, *args, minutes: int, **options):
        numbers = cancel_abandoned_card_orders(older_than=datetime.timedelta(minutes=minutes))
        self.stdout.write(f"{len(numbers)} unpaid card order(s) cancelled: {', '.join(numbers) or '-'}")
