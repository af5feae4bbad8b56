"""Order placement that cannot oversell.

Oscar's ``StockRecord.allocate`` adds to ``num_allocated`` without looking at the stock,
so thirty buyers of the last five units all got an order. Here, inside one transaction:

1. ``lock_stock_records`` takes row locks on the basket's stock records in primary-key
   order (so two baskets never wait on each other in a cycle) and evaluates the query;
2. ``check_basket_placeable`` re-asks the OCOP rule (``check_sellable``, a basket can
   outlive a certificate) and the quantity against the locked, fresh rows;
3. ``allocate_stock`` allocates with a conditional UPDATE that matches no row when the
   free stock is short: SQLite ignores row locks, and this still cannot go below zero;
4. Oscar's ``OrderCreator`` writes the order. Any failure rolls all of it back.

Placement is idempotent per basket, as Saleor's is: the basket row is locked first, and a
basket that already has a live (not cancelled) order gets that order back
(``AlreadyPlaced``) with nothing allocated again: a double click, a retry after a time-out
or a second tab never makes a second order.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from catalogue.freshness import catalogue_changed
from catalogue.rules import today_in_vietnam
from catalogue.sellable import check_sellable

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
OrderCreator = get_class("order.utils", "OrderCreator")


class StockUnavailable(UnableToPlaceOrder):
    """A line can no longer be bought as it is: the shopper keeps the basket."""


class AlreadyPlaced(Exception):
    """The basket was placed already (another submission of it won): here is its order."""

    def __init__(self, order):
        super().__init__(f"basket already placed as order {order.number}")
        self.order = order


def _live_orders(basket_id):
    from checkout import statuses

    return Order.objects.filter(basket_id=basket_id).exclude(status=statuses.CANCELLED).order_by("-pk")


def lock_basket(basket_id: int) -> int | None:
    """Lock the basket's row, then return the id of its live order. Two statements on
    purpose: under READ COMMITTED a statement that waited for the lock still reads with the
    snapshot it started with, so only a query issued after the lock sees the order that the
    other submission committed meanwhile."""
    list(Basket.objects.select_for_update().filter(pk=basket_id).values_list("pk", flat=True))
    return _live_orders(basket_id).values_list("pk", flat=True).first()


def live_order_of(basket_id: int):
    """The basket's order, unless it was cancelled (a cancelled card order gives the
    basket back to be placed again)."""
    return _live_orders(basket_id).first()


def lock_stock_records(basket) -> dict[int, "StockRecord"]:
    ids = sorted({line.stockrecord_id for line in basket.all_lines() if line.stockrecord_id})
    locked = StockRecord.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {record.pk: record for record in list(locked)}  # list(): the lock is taken here


def check_basket_placeable(basket, locked: dict[int, "StockRecord"], *, day=None) -> None:
    day = day or today_in_vietnam()
    lines = list(basket.all_lines())
    # Fresh certificates (not the ones the basket page prefetched), in a fixed number of queries.
    products = Product.objects.select_related("product_class", "parent__product_class").prefetch_related(
        "certificates", "parent__certificates"
    ).in_bulk([line.product_id for line in lines])
    problems = []
    for line in lines:
        record = locked.get(line.stockrecord_id)
        product = products[line.product_id]
        title = product.get_title()
        if line.quantity <= 0:
            problems.append(_("Số lượng của “%(title)s” không hợp lệ.") % {"title": title})
            continue
        verdict = check_sellable(product, stockrecord=record, day=day)
        if not verdict.sellable:
            problems.append(_("“%(title)s”: %(reason)s") % {"title": title, "reason": verdict.reason})
            continue
        if product.get_product_class().track_stock and record.net_stock_level < line.quantity:
            problems.append(
                _("“%(title)s” chỉ còn %(left)s sản phẩm, không đủ %(wanted)s như trong giỏ.")
                % {"title": title, "left": max(record.net_stock_level, 0), "wanted": line.quantity}
            )
    if problems:
        raise StockUnavailable(" ".join(problems))


def allocate_stock(*, stockrecord_id: int, quantity: int, title: str) -> None:
    """Allocate ``quantity`` only if that much is free; never below zero, locks or not."""
    updated = StockRecord.objects.filter(
        pk=stockrecord_id,
        num_in_stock__gte=Coalesce(F("num_allocated"), 0) + quantity,
    ).update(num_allocated=Coalesce(F("num_allocated"), 0) + quantity)
    if updated != 1:
        raise StockUnavailable(
            _("“%(title)s” vừa hết hàng, không đủ %(wanted)s sản phẩm.") % {"title": title, "wanted": quantity}
        )


class OcopOrderCreator(OrderCreator):
    """Oscar's order writer, with stock allocated by ``allocate_stock``."""

    def update_stock_records(self, line):
        if line.product.get_product_class().track_stock:
            allocate_stock(
                stockrecord_id=line.stockrecord_id, quantity=line.quantity, title=line.product.get_title()
            )


def release_stock(order) -> None:
    """Give back what an unpaid, cancelled order had allocated."""
    give_back_stock((line, line.quantity) for line in order.lines.all())


def give_back_stock(lines_and_quantities) -> None:
    """Free the allocated units of these (order line, quantity) pairs, in stock-record order
    (as placement locks them): a cancelled order's, or refunded goods that came back."""
    pairs = sorted(((line, quantity) for line, quantity in lines_and_quantities if line.stockrecord_id),
                   key=lambda pair: pair[0].stockrecord_id)
    products = Product.objects.select_related("product_class", "parent__product_class").in_bulk(
        {line.product_id for line, _quantity in pairs if line.product_id})
    released = []
    for line, quantity in pairs:
        product = products.get(line.product_id)
        if product is not None and product.get_product_class().track_stock:
            StockRecord.objects.filter(pk=line.stockrecord_id, num_allocated__gte=quantity).update(
                num_allocated=F("num_allocated") - quantity
            )
            released.append(line.product_id)
    catalogue_changed(released)


def place_locked(place, basket, *, day=None):
    """Run ``place()`` (which writes the order) with the basket's stock locked and
    re-checked, all in one transaction."""
    with transaction.atomic():
        # Submissions of one basket take turns here; the later one finds the earlier's order.
        existing_id = lock_basket(basket.pk)
        if existing_id is not None:
            raise AlreadyPlaced(Order.objects.get(pk=existing_id))
        locked = lock_stock_records(basket)
        check_basket_placeable(basket, locked, day=day)
        order = place()
        # Allocation is a queryset UPDATE (no signal): listings and search follow from here.
        catalogue_changed(line.product_id for line in basket.all_lines())
        return order
