"""Prices and availability: Oscar's default strategy plus the certified-only rule."""

from oscar.apps.partner import strategy
from oscar.apps.partner.availability import Unavailable

from catalogue.rules import today_in_vietnam
from catalogue.sellable import check_sellable


class NotSellable(Unavailable):
    """Unavailable, with the reason the shopper is told (not certified, out of stock)."""

    code = "not-sellable"

    def __init__(self, reason: str):
        self.message = reason

    def is_purchase_permitted(self, quantity):
        return False, self.message


class CertifiedOnly:
    """Availability mixin: an item is offered only while the OCOP rule says it is sellable.

    Stock-level checks stay with Oscar's ``StockRequired`` once the rule passes, so a
    quantity above the stock is refused with Oscar's own message.
    """

    def availability_policy(self, product, stockrecord):
        verdict = check_sellable(product, stockrecord=stockrecord, day=self.day)
        if not verdict.sellable:
            return NotSellable(verdict.reason)
        return super().availability_policy(product, stockrecord)


class OcopStrategy(
    strategy.UseFirstStockRecord,
    CertifiedOnly,
    strategy.StockRequired,
    strategy.NoTax,
    strategy.Structured,
):
    """VND prices include VAT as printed; one stock record per product (its producer's)."""

    def select_stockrecord(self, product):
        """The online stock: the stock record of the product's producer (points of sale
        keep stock records of their own, which the online shop never sells from)."""
        producer = product.producer
        if producer is None:
            return None
        records = getattr(product, "card_stockrecords", None)  # listings prefetch to a list
        if records is None:
            records = product.stockrecords.all()  # the detail page prefetches these
        return min((r for r in records if r.partner_id == producer.partner_id),
                   key=lambda r: r.pk, default=None)

    def __init__(self, request=None):
        super().__init__(request)
        # One date per request, so a page never mixes two days' answers at midnight.
        self.day = today_in_vietnam()


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return OcopStrategy(request)
