"""The counter (/pos/) over HTTP: each payment method end to end, stock of that point of
sale only, one sale per basket however often it is submitted, refusals with the reason."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from checkout import statuses
from pos.models import PosSale
from tests.factories import (
    CertificateFactory,
    ProductFactory,
    StockRecordFactory,
    UserFactory,
    sellable_product,
)
from tests.pos_support import counter_user, point_of_sale, shelf

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def counter(client, reference_data):
    pos = point_of_sale()
    product = sellable_product(num_in_stock=20)
    record = shelf(pos, product, num_in_stock=5, price=Decimal("120000"), sku="MUINE-001")
    client.force_login(counter_user(pos))
    return pos, product, record


def _basket_id(client):
    response = client.get(reverse("pos:counter"))
    assert response.status_code == 200
    return response.context["basket"].pk


def _scan(client, code):
    return client.post(reverse("pos:scan"), {"code": code}, follow=True)


@pytest.mark.parametrize("method, extra, tendered, change", [
    ("cash", {"tendered": "300.000"}, Decimal("300000"), Decimal("60000")),
    ("vietqr", {"confirmed": "1"}, None, Decimal("0")),
    ("card", {"reference": "VCB-123456"}, None, Decimal("0")),
], ids=["cash", "vietqr", "card"])
def test_a_counter_sale_takes_stock_from_that_point_of_sale_only(client, counter, method, extra, tendered, change):
    pos, product, record = counter
    online = product.stockrecords.get(partner=product.producer.partner)
    _scan(client, "MUINE-001")
    response = _scan(client, "MUINE-001")
    assert [line.quantity for line in response.context["lines"]] == [2]
    basket = response.context["basket"].pk

    response = client.post(reverse("pos:sell"), {"basket": basket, "method": method, **extra})

    sale = PosSale.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("pos:receipt", args=[sale.order.number])
    assert (sale.channel, sale.point_of_sale, sale.payment) == ("pos", pos, method)
    assert (sale.amount_tendered, sale.change_due) == (tendered, change)
    assert sale.order.total_incl_tax == Decimal("240000") and sale.order.status == statuses.COMPLETE
    assert sale.order.sources.get().amount_debited == Decimal("240000")
    record.refresh_from_db()
    online.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated or 0) == (3, 0)
    assert (online.num_in_stock, online.num_allocated or 0) == (20, 0)
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert product.certificates.get().number in receipt.content.decode()


def test_the_vietqr_panel_shows_a_code_for_the_exact_amount(client, counter):
    _scan(client, "MUINE-001")
    page = client.get(reverse("pos:counter")).content.decode()
    assert "<svg" in page and "120.000" in page


def test_a_double_submitted_sale_records_one_sale(client, counter):
    pos, product, record = counter
    _scan(client, "MUINE-001")
    basket = _basket_id(client)
    data = {"basket": basket, "method": "cash", "tendered": "200000"}

    first = client.post(reverse("pos:sell"), data)
    second = client.post(reverse("pos:sell"), data)

    assert PosSale.objects.count() == 1 and Order.objects.count() == 1
    assert first["Location"] == second["Location"]
    record.refresh_from_db()
    assert record.num_in_stock == 4


def test_a_sale_already_placed_is_found_even_before_the_session_moved_on(client, counter):
    """Two taps racing: the second one reaches placement with the same basket."""
    from pos import services

    pos, _product, _record = counter
    _scan(client, "MUINE-001")
    basket = services.counter_basket(point_of_sale=pos, basket_id=_basket_id(client))
    payment = services.CounterPayment(method="cash", tendered=Decimal("120000"))
    sale = services.do_counter_sale(point_of_sale=pos, user=None, basket=basket, payment=payment)
    with pytest.raises(services.AlreadyPlaced) as placed:
        services.do_counter_sale(point_of_sale=pos, user=None, basket=basket, payment=payment)
    assert placed.value.order == sale.order


def test_cash_short_of_the_total_is_refused(client, counter):
    _scan(client, "MUINE-001")
    response = client.post(reverse("pos:sell"), {"basket": _basket_id(client), "method": "cash",
                                                  "tendered": "100000"}, follow=True)
    assert "chưa đủ" in response.content.decode()
    assert PosSale.objects.count() == 0


@pytest.mark.parametrize("reference", ["", "x", "<script>", "A" * 40], ids=["empty", "short", "markup", "long"])
def test_a_card_sale_needs_the_terminal_reference(client, counter, reference):
    _scan(client, "MUINE-001")
    client.post(reverse("pos:sell"), {"basket": _basket_id(client), "method": "card", "reference": reference})
    assert PosSale.objects.count() == 0


def test_a_transfer_not_confirmed_is_not_a_sale(client, counter):
    _scan(client, "MUINE-001")
    client.post(reverse("pos:sell"), {"basket": _basket_id(client), "method": "vietqr"})
    assert PosSale.objects.count() == 0


def test_more_than_the_shelf_holds_is_refused(client, counter):
    pos, product, record = counter
    response = client.post(reverse("pos:add"), {"product": product.pk, "quantity": 6}, follow=True)
    assert "Chỉ còn 5" in response.content.decode()
    assert list(response.context["lines"]) == []


def test_an_uncertified_product_is_refused_at_the_counter_with_the_reason(client, counter):
    pos, _product, _record = counter
    product = ProductFactory()
    StockRecordFactory(product=product)
    shelf(pos, product, sku="MUINE-002")
    response = _scan(client, "MUINE-002")
    assert "chưa có chứng nhận OCOP còn hiệu lực" in response.content.decode()
    assert list(response.context["lines"]) == []


def test_a_certificate_revoked_after_the_basket_was_filled_stops_the_sale(client, counter):
    # given a sale basket with one unit, then the certificate is revoked
    pos, product, record = counter
    _scan(client, "MUINE-001")
    product.certificates.update(status="revoked", revoked_reason="Vi phạm")

    # when the staff complete the sale
    response = client.post(reverse("pos:sell"), {"basket": _basket_id(client), "method": "cash",
                                                  "tendered": "200000"}, follow=True)

    # then it is refused with the product and the rule's reason, and nothing is written or allocated
    assert f"“{product.title}”: Sản phẩm chưa có chứng nhận OCOP còn hiệu lực" in response.content.decode()
    assert PosSale.objects.count() == 0 and Order.objects.count() == 0
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated or 0) == (5, 0)
    assert [line.quantity for line in response.context["lines"]] == [1]  # the basket is kept


def test_a_shelf_emptied_after_the_basket_was_filled_stops_the_sale_though_online_stock_remains(client, counter):
    # given a unit in the sale basket; the shelf then runs out (the online stock has 20)
    pos, product, record = counter
    _scan(client, "MUINE-001")
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=0)

    response = client.post(reverse("pos:sell"), {"basket": _basket_id(client), "method": "cash",
                                                  "tendered": "200000"}, follow=True)

    # then the counter's own strategy refuses it: the shelf, not the online stock, is sold here
    assert f"“{product.title}”: Sản phẩm đã hết hàng." in response.content.decode()
    assert PosSale.objects.count() == 0
    online = product.stockrecords.get(partner=product.producer.partner)
    assert (online.num_in_stock, online.num_allocated or 0) == (20, 0)


def test_a_counter_sale_leaves_listings_alone_and_a_delivery_from_online_stock_does_not(client, counter):
    from catalogue.freshness import products_changed
    from tests.checkout_support import address

    pos, product, _record = counter
    calls = []

    def record(sender, product_ids, **kwargs):
        calls.append(set(product_ids))

    products_changed.connect(record)
    try:
        sale = _sell_one(client)
        after_sale = list(calls)
        client.post(reverse("pos:ship-home", args=[sale.order.number]), address("vinh-long"))
    finally:
        products_changed.disconnect(record)

    # the shelf is on no listing; the delivery took a unit of online stock
    assert after_sale == []
    assert calls == [{product.pk}]


def test_a_two_star_or_expired_product_is_not_sold(client, counter):
    pos, _product, _record = counter
    product = ProductFactory()
    CertificateFactory(product=product, issued_on=today_in_vietnam() - datetime.timedelta(days=2000),
                       expires_on=today_in_vietnam() - datetime.timedelta(days=1))
    shelf(pos, product, sku="MUINE-003")
    response = _scan(client, "MUINE-003")
    assert list(response.context["lines"]) == []


def test_lookup_by_barcode_certificate_number_and_stamp_link(client, counter):
    pos, product, _record = counter
    number = product.certificates.get().number
    for code in (product.upc, number, f"https://ocop.example/verify/{number}/"):
        client.post(reverse("pos:clear"))
        response = _scan(client, code)
        assert [line.product_id for line in response.context["lines"]] == [product.pk], code


def test_search_by_name_lists_this_point_of_sale_stock(client, counter):
    pos, product, _record = counter
    response = client.get(reverse("pos:counter"), {"q": product.title[:12]})
    assert [r.product_id for r in response.context["results"]] == [product.pk]


@pytest.mark.parametrize("code", ["https://evil.example/x", "1234567890123", "nonsense code", "\u202e!"],
                         ids=["foreign-url", "unknown-ean", "text", "bidi"])
def test_a_code_that_is_not_ours_says_so(client, counter, code):
    response = _scan(client, code)
    assert "không phải mã của hệ thống OCOP" in response.content.decode()


def test_an_ocop_product_not_on_this_shelf_is_named_as_such(client, counter):
    other = sellable_product()
    response = _scan(client, other.upc)
    assert "không có trong kho của điểm bán" in response.content.decode()


def test_end_of_day_summary_by_payment_method(client, counter):
    for method, extra in (("cash", {"tendered": "120000"}), ("card", {"reference": "TX-0001"})):
        _scan(client, "MUINE-001")
        client.post(reverse("pos:sell"), {"basket": _basket_id(client), "method": method, **extra})
    summary = client.get(reverse("pos:day-summary")).context["summary"]
    assert [(label, n, int(amount)) for label, n, amount in summary.rows] == [
        ("Tiền mặt", 1, 120000), ("Chuyển khoản VietQR", 0, 0), ("Thẻ (máy POS ngân hàng)", 1, 120000)]
    assert (summary.count, summary.total) == (2, Decimal("240000"))


# ---------------------------------------------------------------------------- isolation


def test_a_counter_account_cannot_sell_from_another_point_of_sale(client, counter):
    pos, product, record = counter
    other = point_of_sale(slug="kiosk-khac", name="Ki-ốt khác")
    other_record = shelf(other, product, sku="KHAC-001")
    # its own scan never finds the other shelf's SKU
    response = _scan(client, "KHAC-001")
    assert list(response.context["lines"]) == []
    # a basket line forced onto the other shelf is refused at placement
    from pos import services

    basket = services.counter_basket(point_of_sale=pos, basket_id=_basket_id(client))
    basket.lines.create(product=product, stockrecord=other_record, quantity=1, price_currency="VND",
                        price_excl_tax=Decimal("120000"), price_incl_tax=Decimal("120000"), line_reference="x")
    response = client.post(reverse("pos:sell"), {"basket": basket.pk, "method": "cash", "tendered": "500000"},
                           follow=True)
    assert "không thuộc kho của điểm bán này" in response.content.decode()
    other_record.refresh_from_db()
    assert other_record.num_in_stock == 5 and PosSale.objects.count() == 0


def test_receipts_and_baskets_of_another_point_of_sale_are_404(client, counter):
    pos, product, _record = counter
    other = point_of_sale(slug="kiosk-khac", name="Ki-ốt khác")
    shelf(other, product, sku="KHAC-001")
    other_client = client.__class__()
    other_client.force_login(counter_user(other, "nhanvien-khac"))
    other_client.post(reverse("pos:scan"), {"code": "KHAC-001"})
    other_basket = other_client.get(reverse("pos:counter")).context["basket"].pk
    other_client.post(reverse("pos:sell"), {"basket": other_basket, "method": "cash", "tendered": "200000"})
    number = PosSale.objects.get(point_of_sale=other).order.number

    assert client.get(reverse("pos:receipt", args=[number])).status_code == 404
    assert client.get(reverse("pos:receipt-pdf", args=[number])).status_code == 404
    assert client.post(reverse("pos:sell"), {"basket": other_basket, "method": "cash",
                                             "tendered": "200000"}).status_code == 404
    assert PosSale.objects.count() == 1


@pytest.mark.parametrize("path", ["/dashboard/", "/van-phong/", "/nha-san-xuat/", "/admin/"])
def test_a_counter_account_cannot_reach_the_back_offices(client, counter, path):
    response = client.get(path)
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "login" in response["Location"]


@pytest.mark.parametrize("who", ["anonymous", "shopper"])
def test_only_counter_accounts_reach_the_counter(client, reference_data, who):
    if who == "shopper":
        client.force_login(UserFactory())
    response = client.get(reverse("pos:counter"))
    assert response.status_code == (302 if who == "anonymous" else 403)


@pytest.mark.parametrize("data", [{"basket": "x"}, {"basket": "999999"}, {}], ids=["text", "unknown", "missing"])
def test_bad_sale_posts_are_404(client, counter, data):
    assert client.post(reverse("pos:sell"), data).status_code == 404


# ---------------------------------------------------------------------------- ship it home


def _sell_one(client):
    _scan(client, "MUINE-001")
    response = client.post(reverse("pos:sell"), {"basket": _basket_id(client), "method": "cash",
                                                  "tendered": "120000"})
    return PosSale.objects.get(order__number=response["Location"].rstrip("/").rsplit("/", 1)[1])


def test_a_sale_shipped_home_is_a_paid_delivery_from_online_stock(client, counter):
    from tests.checkout_support import address

    pos, product, record = counter
    online = product.stockrecords.get(partner=product.producer.partner)
    sale = _sell_one(client)
    url = reverse("pos:ship-home", args=[sale.order.number])
    data = address("vinh-long")

    client.post(url, data)
    response = client.post(url, data, follow=True)  # a second tap: still one delivery

    sale.refresh_from_db()
    delivery = sale.delivery_order
    assert Order.objects.count() == 2 and delivery.status == statuses.PAID
    assert delivery.shipping_address.state == "Vĩnh Long" and delivery.shipping_address.first_name == "Nguyễn Thị Hoa"
    assert [(line.partner_id, line.quantity) for line in delivery.lines.all()] == [(product.producer.partner_id, 1)]
    assert delivery.sources.get().amount_debited == delivery.total_incl_tax
    online.refresh_from_db()
    record.refresh_from_db()
    assert (online.num_in_stock, online.num_allocated) == (20, 1)
    assert record.num_in_stock == 5  # back on the shelf
    assert delivery.number in response.content.decode()


def test_ship_home_needs_online_stock_and_a_valid_address(client, counter):
    from tests.checkout_support import address

    pos, product, _record = counter
    sale = _sell_one(client)
    url = reverse("pos:ship-home", args=[sale.order.number])
    bad = client.post(url, address("vinh-long", phone_number="12"))
    assert bad.status_code == 200 and bad.context["form"].errors
    product.stockrecords.filter(partner=product.producer.partner).update(num_in_stock=0)
    response = client.post(url, address("vinh-long"), follow=True)
    assert "hết hàng" in response.content.decode()
    sale.refresh_from_db()
    assert sale.delivery_order is None and Order.objects.count() == 1
