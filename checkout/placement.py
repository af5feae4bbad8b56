"""The one placement of an order, for every channel: the web checkout, the GraphQL
``checkoutComplete`` (and its card ``transactionInitialize``), the counter sale and the
counter's ship-it-home delivery all call ``place_order``. Nothing else writes an order.

Oscar's ``StockRecord.allocate`` adds to ``num_allocated`` without looking at the stock,
so thirty buyers of the last five units all got an order. Here, inside one transaction:

1. ``lock_basket`` locks the basket's row: placement is idempotent per basket, as Saleor's
   is, so a basket that already has a live (not cancelled) order gets that order back
   (``AlreadyPlaced``) with nothing allocated again: a double click or tap, a retry after a
   time-out or a second tab never makes a second order;
2. ``lock_stock_records`` takes row locks on the basket's stock records in primary-key
   order (so two baskets never wait on each other in a cycle) and evaluates the query;
3. ``check_basket_placeable`` asks the basket's own Strategy again about every line, with
   the locked, fresh stock record and fresh certificates (a basket can outlive a
   certificate): the online ``OcopStrategy`` judges online stock, a counter's
   ``CounterStrategy`` its shelf, each with the OCOP rule of ``catalogue.sellable``;
4. ``allocate_stock`` allocates with a conditional UPDATE that matches no row when the
   free stock is short: SQLite ignores row locks, and this still cannot go below zero;
5. Oscar's ``OrderCreator`` (``OcopOrderCreator``, for step 4) writes the order, and
   ``catalogue_changed`` tells listings and search about the online stock that moved.

Any failure rolls all of it back. What differs per channel (payment source, status,
e-mail, the counter's receipt) is the caller's: arguments, or writes after the call in the
caller's own ``transaction.atomic()`` so they commit with the order; e-mails and payment
calls go on ``transaction.on_commit`` or after the commit.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model
from oscar.core.prices import Price

from catalogue.freshness import catalogue_changed
from catalogue.sellable import NO_STOCKRECORD, is_online_stockrecord
from checkout import statuses

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


def check_basket_placeable(basket, locked: dict[int, "StockRecord"]) -> None:
    """Every line again through the basket's Strategy, with its locked stock record:
    StockUnavailable naming each line that can no longer be bought as it is."""
    lines = list(basket.all_lines())
    # Fresh products, producers and certificates (not the ones the basket page loaded), in a
    # fixed number of queries.
    products = Product.objects.select_related(
        "product_class", "parent__product_class", "producer"
    ).prefetch_related("certificates", "parent__certificates").in_bulk([line.product_id for line in lines])
    problems = []
    for line in lines:
        record = locked.get(line.stockrecord_id)
        product = products[line.product_id]
        title = product.get_title()
        if line.quantity <= 0:
            problems.append(_("Số lượng của “%(title)s” không hợp lệ.") % {"title": title})
            continue
        if record is None:
            problems.append(_("“%(title)s”: %(reason)s") % {"title": title, "reason": NO_STOCKRECORD})
            continue
        availability = basket.strategy.fetch_for_product(product, stockrecord=record).availability
        if not availability.is_available_to_buy:
            problems.append(_("“%(title)s”: %(reason)s") % {"title": title, "reason": availability.message})
        elif not availability.is_purchase_permitted(line.quantity)[0]:
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


def place_order(
    *,
    basket,
    order_number: str,
    total: Price,
    shipping_method,
    shipping_charge: Price,
    status: str,
    user=None,
    shipping_address=None,
    billing_address=None,
    guest_email: str = "",
    request=None,
    surcharges=None,
) -> "Order":
    """Place ``basket`` (its lines judged by ``basket.strategy``) as order ``order_number``
    and return the order; see the module's docstring for the steps.

    Raises ``AlreadyPlaced`` (with the order) when the basket has a live order already and
    ``StockUnavailable`` (with every line's reason) when a line can no longer be bought;
    either way nothing is written. The order addresses (usually unsaved) are saved here,
    once the lines pass. ``user`` may be anonymous: ``guest_email`` is then the order's.
    """
    with transaction.atomic():
        # Submissions of one basket take turns here; the later one finds the earlier's order.
        existing_id = lock_basket(basket.pk)
        if existing_id is not None:
            raise AlreadyPlaced(Order.objects.get(pk=existing_id))
        locked = lock_stock_records(basket)
        check_basket_placeable(basket, locked)
        for address in filter(None, (shipping_address, billing_address)):
            address.save()
        order = OcopOrderCreator().place_order(
            basket=basket, order_number=order_number, total=total, shipping_method=shipping_method,
            shipping_charge=shipping_charge, status=status, user=user, shipping_address=shipping_address,
            billing_address=billing_address, request=request, surcharges=surcharges,
            **({"guest_email": guest_email} if guest_email else {}),
        )
        # Allocation is a queryset UPDATE (no signal): listings and search follow the online
        # stock that moved. A shelf's stock is on no listing.
        catalogue_changed(
            line.product_id for line in basket.all_lines()
            if is_online_stockrecord(line.product, locked[line.stockrecord_id])
        )
        return order
