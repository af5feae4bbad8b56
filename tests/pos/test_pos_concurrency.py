"""The counter under concurrency, on PostgreSQL: a counter sale is the one placement, so two
staff selling the shelf's last unit make one sale, and two taps of one sale record one."""

import copy
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from pos.models import PosSale
from tests.factories import sellable_product
from tests.pos_support import counter_user, point_of_sale, shelf

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(*posts):
    """Run the callables at the same moment, each on its own connection; their answers."""
    barrier = threading.Barrier(len(posts))
    answers = [None] * len(posts)

    def run(i):
        try:
            barrier.wait()
            answers[i] = posts[i]()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _sale_basket(client) -> int:
    client.post(reverse("pos:scan"), {"code": "MUINE-001"})
    return client.get(reverse("pos:counter")).context["basket"].pk


def test_two_staff_selling_the_shelfs_last_unit_at_once_make_one_sale(postgres_only, reference_data):
    # given the shelf's last unit in the sale baskets of two staff of one point of sale
    pos = point_of_sale()
    product = sellable_product(num_in_stock=20)
    record = shelf(pos, product, num_in_stock=1, price=Decimal("120000"), sku="MUINE-001")
    staff = []
    for username in ("thu-ngan-1", "thu-ngan-2"):
        client = Client()
        client.force_login(counter_user(pos, username))
        staff.append((client, _sale_basket(client)))
    connection.close()

    # when both complete the sale at the same moment
    answers = _at_once(*[
        lambda client=client, basket=basket: client.post(
            reverse("pos:sell"), {"basket": basket, "method": "cash", "tendered": "120000"})
        for client, basket in staff
    ])

    # then one sale, the shelf empty and nothing left allocated, the online stock untouched
    sale = PosSale.objects.get()
    assert Order.objects.count() == 1
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated or 0) == (0, 0)
    online = product.stockrecords.get(partner=product.producer.partner)
    assert (online.num_in_stock, online.num_allocated or 0) == (20, 0)
    receipt = reverse("pos:receipt", args=[sale.order.number])
    assert sorted(answer["Location"] for answer in answers) == sorted([receipt, reverse("pos:counter")])
    # and the staff who lost is told why, with the unit still in the basket
    loser = next(client for (client, _basket), answer in zip(staff, answers) if answer["Location"] != receipt)
    page = loser.get(reverse("pos:counter"))
    assert f"“{product.title}”: Sản phẩm đã hết hàng." in page.content.decode()
    assert [line.quantity for line in page.context["lines"]] == [1]


def test_two_taps_of_one_sale_at_once_record_one_sale(postgres_only, reference_data):
    # given one staff's sale basket, submitted from two tabs (one session)
    pos = point_of_sale()
    product = sellable_product(num_in_stock=20)
    record = shelf(pos, product, num_in_stock=5, price=Decimal("120000"), sku="MUINE-001")
    tab = Client()
    tab.force_login(counter_user(pos))
    basket = _sale_basket(tab)
    other_tab = Client()
    other_tab.cookies = copy.deepcopy(tab.cookies)
    connection.close()

    data = {"basket": basket, "method": "cash", "tendered": "120000"}
    answers = _at_once(lambda: tab.post(reverse("pos:sell"), data),
                       lambda: other_tab.post(reverse("pos:sell"), data))

    # then one sale, one unit off the shelf, and both tabs show its receipt
    sale = PosSale.objects.get()
    assert Order.objects.count() == 1
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated or 0) == (4, 0)
    assert [answer["Location"] for answer in answers] == [reverse("pos:receipt", args=[sale.order.number])] * 2
