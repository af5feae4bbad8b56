"""Prices and availability at a counter: the same OCOP rule, stock from the point of sale."""

from oscar.apps.partner import strategy

from catalogue.rules import today_in_vietnam
from catalogue.sellable import check_sellable
from partner.strategy import NotSellable


def counter_verdict(product, *, stockrecord, day):
    """The sellable rule for a point of sale's stock record: ``check_sellable`` decides
    points 1-3 (public, producer not suspended, a valid 3-5★ certificate) and returns the
    certificate only when they hold; the stock (point 4) is the point of sale's own record,
    never the online one. Returns (reason or "", certificate)."""
    verdict = check_sellable(product, stockrecord=None, day=day)
    if verdict.certificate is None:
        return verdict.reason, None
    if stockrecord is None or stockrecord.net_stock_level <= 0:
        from catalogue.sellable import OUT_OF_STOCK

        return str(OUT_OF_STOCK), verdict.certificate
    return "", verdict.certificate


class CounterCertifiedOnly:
    def availability_policy(self, product, stockrecord):
        reason, _certificate = counter_verdict(product, stockrecord=stockrecord, day=self.day)
        if reason:
            return NotSellable(reason)
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
