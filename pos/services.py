"""Writes of the counter: the sale basket, the sale itself, ship-it-home.

A counter sale is a placement like any other (``checkout.placement.place_order``): the
basket row is locked and a basket already sold gives its order back (``AlreadyPlaced``: a
double tap or a retry records one sale), the shelf's stock records are locked in
primary-key order and every line is asked again through the basket's ``CounterStrategy``
(the OCOP rule, this point of sale's own stock only), and the allocation is the
conditional UPDATE that cannot go below zero. The goods leave over the counter at once, so
the allocation is consumed in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from oscar.core import prices
from oscar.core.loading import get_class, get_model

from checkout import statuses
from checkout.placement import AlreadyPlaced, StockUnavailable, place_order
from checkout.services import next_order_number
from partner.strategy import OcopStrategy
from pos.models import PosSale
from pos.strategy import CounterStrategy

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
StockRecord = get_model("partner", "StockRecord")
Free = get_class("shipping.methods", "Free")
NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")

SOURCE_TYPES = {
    PosSale.Payment.CASH: ("pos-cash", "Tiền mặt tại quầy"),
    PosSale.Payment.VIETQR: ("pos-vietqr", "VietQR tại quầy"),
    PosSale.Payment.CARD: ("pos-card", "Thẻ qua máy POS ngân hàng"),
}
CARD_REFERENCE = re.compile(r"^[A-Za-z0-9-]{4,32}$")


class SaleRefused(Exception):
    """The sale cannot be recorded as asked; the message says why, for the staff."""


@dataclass(frozen=True)
class CounterPayment:
    method: str
    tendered: Decimal | None = None
    reference: str = ""
    confirmed: bool = False


# ---------------------------------------------------------------------------- the basket


def counter_basket(*, point_of_sale, basket_id: int | None):
    """The counter's open sale basket (a saved, ownerless Oscar basket, so the storefront
    never picks it up), with the point of sale's strategy."""
    basket = None
    if basket_id:
        basket = Basket.objects.filter(pk=basket_id, owner=None, status=Basket.SAVED).first()
    if basket is None:
        basket = Basket.objects.create(owner=None, status=Basket.SAVED)
    basket.strategy = CounterStrategy(point_of_sale)
    return basket


def counter_add(*, basket, point_of_sale, product_id: int, quantity: int = 1, product=None) -> None:
    """Add a product from this point of sale's stock; SaleRefused with the rule's reason.
    ``product`` may come loaded with its producer, certificates and stock records."""
    if product is None or product.pk != product_id:
        product = (Product.objects.select_related("producer", "product_class")
                   .prefetch_related("certificates", "stockrecords").filter(pk=product_id).first())
    if product is None:
        raise SaleRefused(_("Không tìm thấy sản phẩm."))
    record = basket.strategy.select_stockrecord(product)
    if record is None:
        raise SaleRefused(_("Điểm bán này không có “%(title)s” trong kho.") % {"title": product.get_title()})
    in_basket = sum(line.quantity for line in basket.all_lines() if line.product_id == product.pk)
    availability = basket.strategy.fetch_for_product(product, stockrecord=record).availability
    reason = "" if availability.is_available_to_buy else availability.message
    if not reason and not availability.is_purchase_permitted(in_basket + quantity)[0]:
        reason = _("Chỉ còn %(left)s sản phẩm tại điểm bán.") % {"left": max(record.net_stock_level, 0)}
    if reason:
        raise SaleRefused(_("“%(title)s”: %(reason)s") % {"title": product.get_title(), "reason": reason})
    basket.add_product(product, quantity)


def counter_set_quantity(*, basket, line_id: int, quantity: int) -> None:
    line = basket.lines.filter(pk=line_id).first()
    if line is None:
        return
    if quantity <= 0:
        line.delete()
    else:
        line.quantity = min(quantity, 999)
        line.save(update_fields=["quantity"])
    basket.reset_offer_applications()


# ---------------------------------------------------------------------------- the sale


def check_payment(payment: CounterPayment, total: Decimal) -> Decimal:
    """The change to give back; SaleRefused when the payment does not cover the sale."""
    if payment.method == PosSale.Payment.CASH:
        if payment.tendered is None or payment.tendered < total:
            raise SaleRefused(_("Tiền khách đưa chưa đủ %(total)s ₫.") % {"total": f"{int(total):,}".replace(",", ".")})
        return payment.tendered - total
    if payment.method == PosSale.Payment.CARD:
        if not CARD_REFERENCE.match(payment.reference or ""):
            raise SaleRefused(_("Nhập mã giao dịch in trên hóa đơn máy quẹt thẻ (4–32 chữ, số hoặc dấu -)."))
        return Decimal(0)
    if payment.method == PosSale.Payment.VIETQR:
        if not payment.confirmed:
            raise SaleRefused(_("Hãy xác nhận đã nhận được chuyển khoản trước khi hoàn tất."))
        return Decimal(0)
    raise SaleRefused(_("Phương thức thanh toán không hợp lệ."))


def parse_amount(raw: str | None) -> Decimal | None:
    """Whole đồng typed at the counter: “200000”, “200.000” or “200,000”."""
    text = re.sub(r"[.,\s₫đ]", "", (raw or "").strip())
    if not text.isdigit() or len(text) > 12:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - isdigit() rules it out
        return None


def _source_type(method: str):
    code, name = SOURCE_TYPES[method]
    source_type, _created = SourceType.objects.get_or_create(code=code, defaults={"name": name})
    return source_type


def do_counter_sale(*, point_of_sale, user, basket, payment: CounterPayment) -> PosSale:
    """Record the sale (one order, paid, complete) or raise SaleRefused / StockUnavailable /
    AlreadyPlaced (with the order the first submission made)."""
    basket.strategy = CounterStrategy(point_of_sale)
    if basket.is_empty:
        if (existing := _sold_order(basket.pk)) is not None:
            raise AlreadyPlaced(existing)
        raise SaleRefused(_("Giỏ bán hàng đang trống."))
    shipping_charge = prices.Price(currency=basket.currency or "VND", excl_tax=Decimal(0), incl_tax=Decimal(0))
    total = OrderTotalCalculator().calculate(basket, shipping_charge)
    change = check_payment(payment, total.incl_tax)
    with transaction.atomic():
        order = place_order(
            basket=basket, order_number=next_order_number(basket_id=basket.pk), total=total,
            shipping_method=NoShippingRequired(), shipping_charge=shipping_charge, status=statuses.COMPLETE,
        )
        for line in order.lines.order_by("stockrecord_id"):
            # Handed over now: the allocation placement made is consumed at once.
            StockRecord.objects.filter(pk=line.stockrecord_id, num_allocated__gte=line.quantity).update(
                num_in_stock=F("num_in_stock") - line.quantity, num_allocated=F("num_allocated") - line.quantity)
        Source.objects.create(
            order=order, source_type=_source_type(payment.method), currency=order.currency,
            amount_allocated=total.incl_tax, amount_debited=total.incl_tax, reference=payment.reference,
        )
        sale = PosSale.objects.create(
            order=order, point_of_sale=point_of_sale, sold_by=user if user and user.is_authenticated else None,
            payment=payment.method, amount_tendered=payment.tendered if payment.method == PosSale.Payment.CASH else None,
            change_due=change, payment_reference=payment.reference,
        )
        basket.submit()
        return sale


def _sold_order(basket_id):
    return Order.objects.filter(basket_id=basket_id).order_by("-pk").first()


# ---------------------------------------------------------------------------- ship it home


def do_ship_home(*, sale, shipping_address) -> "Order":
    """Turn a counter sale into a delivery: a paid order for the same products, placed
    like any online order (online stock locked, the OCOP rule asked again by the online
    Strategy, allocated), shipped free to ``shipping_address`` (an unsaved ShippingAddress).
    The units go back on the point of sale's shelf, since the tourist leaves without them.
    Once per sale: the sale row is locked and a second request gets the first delivery."""
    with transaction.atomic():
        sale = PosSale.objects.select_for_update().select_related("order").get(pk=sale.pk)
        if sale.delivery_order_id is not None:
            return sale.delivery_order
        basket = Basket.objects.create(owner=None, status=Basket.SAVED)
        basket.strategy = OcopStrategy()
        lines = list(sale.order.lines.select_related("product"))
        for line in lines:
            if line.product is None:
                raise SaleRefused(_("Sản phẩm của đơn không còn tồn tại."))
            info = basket.strategy.fetch_for_product(line.product)
            allowed, reason = info.availability.is_purchase_permitted(line.quantity)
            if not allowed:
                raise SaleRefused(_("“%(title)s”: %(reason)s") % {"title": line.title, "reason": reason})
            basket.add_product(line.product, line.quantity)
        method = Free()
        shipping_charge = method.calculate(basket)
        try:
            order = place_order(
                basket=basket, order_number=next_order_number(basket_id=basket.pk),
                total=OrderTotalCalculator().calculate(basket, shipping_charge), shipping_method=method,
                shipping_charge=shipping_charge, status=statuses.PAID, shipping_address=shipping_address,
            )
        except StockUnavailable as refusal:
            raise SaleRefused(str(refusal)) from None
        Source.objects.create(
            order=order, source_type=_source_type_prepaid(), currency=order.currency,
            amount_allocated=order.total_incl_tax, amount_debited=order.total_incl_tax, reference=sale.order.number,
        )
        for line in sorted(lines, key=lambda line: line.stockrecord_id or 0):
            StockRecord.objects.filter(pk=line.stockrecord_id).update(num_in_stock=F("num_in_stock") + line.quantity)
        sale.delivery_order = order
        sale.save(update_fields=["delivery_order"])
        basket.submit()
        return order


def _source_type_prepaid():
    source_type, _created = SourceType.objects.get_or_create(
        code="pos-prepaid", defaults={"name": "Đã trả tại điểm bán"})
    return source_type
