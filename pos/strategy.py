"""Prices and availability at a counter: the same OCOP rule, stock from the point of sale."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import strategy

from catalogue.rules import today_in_vietnam
from catalogue.sellable import OUT_OF_STOCK, check_certified
from partner.strategy import NotSellable

NOT_ON_THIS_SHELF = _("Sản phẩm không thuộc kho của điểm bán này.")


class CounterCertifiedOnly:
    """Availability mixin for one point of sale: only its own stock records, points 1–3 of
    the rule (``check_certified``), then the shelf's own free stock (point 4 for the
    counter; the online stock record is never the shelf). Placement asks this again on the
    locked rows, so a line on another shelf's record is refused there too."""

    def availability_policy(self, product, stockrecord):
        if stockrecord is not None and stockrecord.partner_id != self.point_of_sale.partner_id:
            return NotSellable(str(NOT_ON_THIS_SHELF))
        verdict = check_certified(product, day=self.day)
        if not verdict.sellable:
            return NotSellable(verdict.reason)
        if stockrecord is None or stockrecord.net_stock_level <= 0:
            return NotSellable(str(OUT_OF_STOCK))
        return super().availability_policy(product, stockrecord)


class CounterStrategy(CounterCertifiedOnly, strategy.StockRequired, strategy.NoTax, strategy.Structured):
    """One point of sale's prices and stock (the basket of a counter sale uses this)."""

    def __init__(self, point_of_sale, request=None):
        super().__init__(request)
        self.point_of_sale = point_of_sale
        self.day = today_in_vietnam()

    def select_stockrecord(self, product):
        partner_id = self.point_of_sale.partner_id
        return min((r for r in product.stockrecords.all() if r.partner_id == partner_id),
                   key=lambda r: r.pk, default=None)
