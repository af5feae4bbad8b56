"""Helpers for the producer-area tests: a producer with its own account, orders made
directly (several producers' lines in one order) without walking the checkout."""

import itertools
from decimal import Decimal

from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from checkout import statuses
from checkout.payments.methods import Method
from checkout.services import source_type_for
from tests.factories import ProducerFactory, UserFactory

Country = get_model("address", "Country")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Source = get_model("payment", "Source")
StockRecord = get_model("partner", "StockRecord")

_numbers = itertools.count(100001)
SHOPPER_EMAIL = "bi-mat-cua-khach@example.vn"


def producer_with_user(**producer_kwargs):
    producer = ProducerFactory(**producer_kwargs)
    user = UserFactory()
    producer.partner.users.add(user)
    return producer, user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_order(lines, *, method=Method.COD, status=statuses.PAID, phone="+84912345678") -> "Order":
    """``lines`` are (product, quantity); each line's partner is its product's producer's."""
    vietnam = Country.objects.get(iso_3166_1_a2="VN")
    address = ShippingAddress.objects.create(
        first_name="Nguyễn Văn", last_name="Khách", line1="12 Lê Lợi", state="Lâm Đồng",
        country=vietnam, phone_number=phone)
    total = Decimal(0)
    rows = []
    for product, quantity in lines:
        stockrecord = StockRecord.objects.filter(product=product,
                                                 partner_id=product.producer.partner_id).first()
        price = stockrecord.price if stockrecord else Decimal("100000")
        rows.append((product, quantity, stockrecord, price))
        total += price * quantity
    order = Order.objects.create(
        number=str(next(_numbers)), currency="VND", total_incl_tax=total, total_excl_tax=total,
        shipping_incl_tax=0, shipping_excl_tax=0, status=status, guest_email=SHOPPER_EMAIL,
        date_placed=timezone.now(), shipping_address=address)
    for product, quantity, stockrecord, price in rows:
        Line.objects.create(
            order=order, partner=product.producer.partner, partner_name=product.producer.name,
            partner_sku=stockrecord.partner_sku if stockrecord else "X", stockrecord=stockrecord,
            product=product, title=product.title, upc=product.upc, quantity=quantity,
            line_price_incl_tax=price * quantity, line_price_excl_tax=price * quantity,
            line_price_before_discounts_incl_tax=price * quantity,
            line_price_before_discounts_excl_tax=price * quantity,
            unit_price_incl_tax=price, unit_price_excl_tax=price, num_allocated=quantity)
    Source.objects.create(order=order, source_type=source_type_for(method), amount_allocated=total,
                          currency="VND")
    return order
