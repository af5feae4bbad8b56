"""``expire_unpaid_orders``: unpaid orders stop holding stock. Run every 15 minutes (cron, see
README; the daily job runs it too): VietQR transfers not received within
``OCOP_TRANSFER_EXPIRY_HOURS`` and card payments abandoned for ``OCOP_CARD_EXPIRY_MINUTES``
are cancelled, their stock released and the shopper told. Cash-on-delivery orders are paid
at the door and are never expired here."""

from checkout.services import expire_unpaid_orders
from core.single_run import SingleRunCommand


class Command(SingleRunCommand):
    help = "Cancel unpaid transfer and card orders past their time and release their stock."

    def handle(self, *args, **options):
        numbers = expire_unpaid_orders()
        self.stdout.write(f"{len(numbers)} unpaid order(s) cancelled: {', '.join(numbers) or '-'}")
