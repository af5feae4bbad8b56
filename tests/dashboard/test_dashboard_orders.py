"""The office records cash collected on delivery from Oscar's order page."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from checkout import statuses
from tests.checkout_support import add_to_basket, checkout_to_preview, place_order
from tests.factories import UserFactory, sellable_product

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def cod_order(client, reference_data):
    add_to_basket(client, sellable_product(price=Decimal("150000")))
    checkout_to_preview(client, method="cod")
    place_order(client)
    return Order.objects.get()


def _office() -> Client:
    office = Client()
    office.force_login(UserFactory(is_staff=True, is_superuser=True))
    return office


def test_office_marks_a_cash_on_delivery_order_paid_once(cod_order):
    office = _office()
    url = reverse("dashboard:order-detail", kwargs={"number": cod_order.number})
    assert "Ghi nhận đã thu tiền" in office.get(url).content.decode()

    office.post(url, {"order_action": "mark_paid", "reference": "PT-2026-0042"})
    office.post(url, {"order_action": "mark_paid", "reference": "PT-2026-0042"})  # a double click

    cod_order.refresh_from_db()
    source = cod_order.sources.get()
    assert cod_order.status == statuses.PAID
    assert source.amount_debited == cod_order.total_incl_tax
    assert "Ghi nhận đã thu tiền" not in office.get(url).content.decode()


def test_marking_paid_needs_a_receipt_or_transaction_reference(cod_order):
    url = reverse("dashboard:order-detail", kwargs={"number": cod_order.number})

    response = _office().post(url, {"order_action": "mark_paid", "reference": "  "}, follow=True)

    cod_order.refresh_from_db()
    assert cod_order.status == statuses.AWAITING_PAYMENT
    assert cod_order.sources.get().amount_debited == 0
    assert "Ghi số phiếu thu hoặc mã giao dịch ngân hàng." in response.content.decode()


def test_cancelling_an_unpaid_order_in_the_dashboard_puts_its_stock_back_on_sale(cod_order):
    StockRecord = get_model("partner", "StockRecord")
    line = cod_order.lines.get()
    assert StockRecord.objects.get(pk=line.stockrecord_id).num_allocated == 1
    url = reverse("dashboard:order-detail", kwargs={"number": cod_order.number})

    _office().post(url, {"order_action": "change_order_status", "new_status": statuses.CANCELLED})

    cod_order.refresh_from_db()
    assert cod_order.status == statuses.CANCELLED
    assert StockRecord.objects.get(pk=line.stockrecord_id).num_allocated == 0


def test_a_paid_order_cannot_be_cancelled_before_a_refund(cod_order):
    office = _office()
    url = reverse("dashboard:order-detail", kwargs={"number": cod_order.number})
    office.post(url, {"order_action": "mark_paid", "reference": "PT-1"})

    response = office.post(url, {"order_action": "change_order_status", "new_status": statuses.CANCELLED},
                           follow=True)

    cod_order.refresh_from_db()
    assert cod_order.status == statuses.PAID
    assert "hoàn tiền cho khách trước khi hủy" in response.content.decode()


def test_the_dashboard_shows_order_statuses_by_their_labels(cod_order):
    office = _office()

    listing = office.get(reverse("dashboard:order-list")).content.decode()
    detail = office.get(reverse("dashboard:order-detail", kwargs={"number": cod_order.number}))

    assert "<td>Chờ thanh toán</td>" in listing
    assert '<option value="paid">Đã thanh toán</option>' in listing
    assert "<td>Chờ thanh toán</td>" in detail.content.decode()
    assert ("cancelled", "Đã hủy") in detail.context["order_status_form"].fields["new_status"].choices
