"""Producers move their own order lines: confirmed → packed → shipped → delivered, COD cash."""

from decimal import Decimal

import pytest
from django.urls import reverse

from checkout.payments.methods import Method
from producers.models import LineFulfilment
from tests.factories import sellable_product
from tests.producer_support import client_for, make_order, producer_with_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(reference_data):
    a, user_a = producer_with_user()
    b, user_b = producer_with_user()
    product_a, product_b = sellable_product(producer=a), sellable_product(producer=b)
    order = make_order([(product_a, 1), (product_b, 1)])
    return {"a": a, "client_a": client_for(user_a), "order": order,
            "line_a": order.lines.get(partner=a.partner), "line_b": order.lines.get(partner=b.partner)}


def _advance(client, line, status, **extra):
    return client.post(reverse("producer_area:line-advance", args=[line.pk]), {"status": status, **extra})


def test_a_line_moves_forward_through_every_status_with_carrier_and_tracking(shop):
    client, line = shop["client_a"], shop["line_a"]

    for status in ("confirmed", "packed"):
        assert _advance(client, line, status).status_code == 302
    _advance(client, line, "shipped", carrier="Viettel Post", tracking_number="VTP123456")
    _advance(client, line, "delivered")

    line.refresh_from_db()
    assert line.status == "delivered"
    assert (line.fulfilment.carrier, line.fulfilment.tracking_number) == ("Viettel Post", "VTP123456")
    shop["line_b"].refresh_from_db()
    assert shop["line_b"].status == ""  # the other producer's line is untouched


@pytest.mark.parametrize("start,target", [("", "packed"), ("", "delivered"), ("packed", "confirmed"),
                                          ("delivered", "shipped"), ("", "cancelled"), ("", "bogus")])
def test_skipping_or_going_back_is_refused(shop, start, target):
    line = shop["line_a"]
    type(line).objects.filter(pk=line.pk).update(status=start)

    response = _advance(shop["client_a"], line, target)

    line.refresh_from_db()
    assert response.status_code == 302 and line.status == start


def test_shipping_needs_carrier_and_tracking_number(shop):
    line = shop["line_a"]
    type(line).objects.filter(pk=line.pk).update(status="packed")

    response = _advance(shop["client_a"], line, "shipped", carrier="", tracking_number="", follow=False)

    line.refresh_from_db()
    assert line.status == "packed"
    html = shop["client_a"].get(reverse("producer_area:order-detail", args=[shop["order"].number])).content.decode()
    assert "Ghi đơn vị vận chuyển." in html and response.status_code == 302


def test_cod_cash_is_recorded_once_after_delivery(shop):
    line, client = shop["line_a"], shop["client_a"]
    url = reverse("producer_area:line-cash", args=[line.pk])
    assert client.post(url, {"amount": "150000", "reference": "PT-1"}).status_code == 302
    assert not LineFulfilment.objects.filter(line=line, cash_collected__isnull=False).exists()  # not delivered
    type(line).objects.filter(pk=line.pk).update(status="delivered")

    client.post(url, {"amount": "150000", "reference": "PT-1"})
    client.post(url, {"amount": "999", "reference": "PT-2"})

    fulfilment = LineFulfilment.objects.get(line=line)
    assert (fulfilment.cash_collected, fulfilment.cash_reference) == (Decimal("150000"), "PT-1")


def test_cash_is_not_recorded_for_a_card_order(reference_data):
    producer, user = producer_with_user()
    order = make_order([(sellable_product(producer=producer), 1)], method=Method.CARD)
    line = order.lines.get()
    type(line).objects.filter(pk=line.pk).update(status="delivered")

    client_for(user).post(reverse("producer_area:line-cash", args=[line.pk]), {"amount": "1", "reference": "X"})

    assert not LineFulfilment.objects.filter(line=line, cash_collected__isnull=False).exists()


def test_the_shoppers_order_page_shows_each_lines_status(shop, client):
    from checkout.services import order_status_path

    line = shop["line_a"]
    type(line).objects.filter(pk=line.pk).update(status="packed")

    html = client.get(order_status_path(shop["order"])).content.decode()

    assert "Đã đóng gói" in html and "Mới" in html


def test_signed_in_shoppers_order_detail_shows_line_status(reference_data):
    from tests.factories import UserFactory

    shopper = UserFactory()
    producer, _ = producer_with_user()
    order = make_order([(sellable_product(producer=producer), 1)])
    order.user = shopper
    order.save()
    type(order.lines.get()).objects.filter(order=order).update(status="shipped")

    html = client_for(shopper).get(reverse("customer:order", args=[order.number])).content.decode()

    assert "Đã giao vận chuyển" in html


@pytest.mark.parametrize("query,expected", [("", 2), ("new", 1), ("packed", 1), ("bogus", 2)])
def test_line_list_filters_by_status(reference_data, query, expected):
    producer, user = producer_with_user()
    product = sellable_product(producer=producer)
    make_order([(product, 1)])
    packed = make_order([(product, 1)])
    packed.lines.update(status="packed")

    response = client_for(user).get(reverse("producer_area:lines"), {"status": query})

    assert len(response.context["page"].object_list) == expected
