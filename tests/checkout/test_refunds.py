"""The office refunds a paid order from the dashboard: Stripe (pending until its webhook),
VietQR and cash on delivery (recorded at once), whole or by lines; nobody else can."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from checkout import statuses
from checkout.models import PaymentWebhookEvent, Refund
from producers.statements import build_statement
from tests.checkout_support import (
    add_to_basket,
    charge_refunded_event,
    checkout_to_preview,
    intent_event,
    place_order,
    post_webhook,
    refund_event,
)
from tests.factories import UserFactory, sellable_product
from tests.pos_support import counter_user, point_of_sale
from tests.producer_support import client_for, make_order, producer_with_user

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
PaymentEvent = get_model("order", "PaymentEvent")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

# 2 × 150.000 (jam) + 1 × 80.000 (tea) + 35.000 shipping to Lâm Đồng
TOTAL = 415000


def office_user():
    """The program office's kind of account: staff who may change orders, not superuser."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="order", codename__in=["view_order", "change_order"]))
    return user


def _place(client, method):
    jam = sellable_product(price=Decimal("150000"), num_in_stock=10, title="Mứt gừng")
    tea = sellable_product(price=Decimal("80000"), num_in_stock=10, title="Trà shan tuyết")
    add_to_basket(client, jam, quantity=2)
    add_to_basket(client, tea)
    checkout_to_preview(client, method=method)
    place_order(client)
    order = Order.objects.get()
    assert order.total_incl_tax == TOTAL
    return order


@pytest.fixture
def card_order(client, reference_data, stripe_http):
    """A card order, paid: Stripe's signed ``payment_intent.succeeded`` came in."""
    order = _place(client, "card")
    post_webhook(client, intent_event(event_id="evt_paid", event_type="payment_intent.succeeded",
                                      intent_id="pi_fake_1", amount=TOTAL, order_number=order.number))
    order.refresh_from_db()
    assert order.status == statuses.PAID
    return order


@pytest.fixture
def transfer_order(client, reference_data):
    """A VietQR order whose transfer the office recorded as received."""
    order = _place(client, "vietqr")
    client_for(office_user()).post(detail_url(order), {"order_action": "mark_paid", "reference": "FT2611001"})
    order.refresh_from_db()
    assert order.status == statuses.PAID
    return order


def detail_url(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def refund_url(order):
    return reverse("dashboard:order-refund", kwargs={"number": order.number})


def line_of(order, title):
    return order.lines.get(title=title)


def source_of(order):
    return order.sources.get()


def test_office_refunds_a_whole_card_order_through_stripe_then_the_webhook_settles_it(
        client, card_order, stripe_http, django_capture_on_commit_callbacks):
    office = client_for(office_user())
    assert "Hoàn tiền" in office.get(detail_url(card_order)).content.decode()

    response = office.post(refund_url(card_order), {"scope": "full", "reason": "Khách đổi ý", "restock": "on"})

    assert response.status_code == 302 and response["Location"] == detail_url(card_order)
    [request] = stripe_http.created_refunds()
    assert request.params["payment_intent"] == "pi_fake_1"
    assert request.params["amount"] == str(TOTAL)
    refund = Refund.objects.get()
    assert request.idempotency_key == f"ocop-refund-{refund.pk}"
    assert (refund.state, refund.amount, refund.reference) == (Refund.State.PENDING, TOTAL, "re_fake_2")
    # pending: nothing is refunded yet, but nothing more can be asked for either
    assert source_of(card_order).amount_refunded == 0
    card_order.refresh_from_db()
    assert card_order.status == statuses.PAID

    with django_capture_on_commit_callbacks(execute=True):
        webhook = post_webhook(client, charge_refunded_event(event_id="evt_r", intent_id="pi_fake_1", amount=TOTAL,
                                                             amount_refunded=TOTAL))

    assert webhook.status_code == 200
    card_order.refresh_from_db()
    refund.refresh_from_db()
    assert refund.state == Refund.State.SUCCEEDED
    assert card_order.status == statuses.REFUNDED
    assert source_of(card_order).amount_refunded == TOTAL
    event = PaymentEvent.objects.get(order=card_order, event_type__name="Hoàn tiền")
    assert event.amount == TOTAL
    assert {(q.line.title, q.quantity) for q in event.line_quantities.all()} == {("Mứt gừng", 2), ("Trà shan tuyết", 1)}
    assert [s.num_allocated for s in StockRecord.objects.order_by("pk")] == [0, 0]  # back on sale
    assert PaymentWebhookEvent.objects.get(event_id="evt_r").outcome == "applied"
    assert mail.outbox[-1].to == ["khach@example.vn"]
    assert "415.000" in mail.outbox[-1].body and "Khách đổi ý" in mail.outbox[-1].body

    # the same webhook again changes nothing
    post_webhook(client, charge_refunded_event(event_id="evt_r", intent_id="pi_fake_1", amount=TOTAL,
                                               amount_refunded=TOTAL))
    assert source_of(card_order).amount_refunded == TOTAL


def test_a_refund_updated_webhook_settles_a_partial_card_refund(client, card_order, stripe_http):
    office = client_for(office_user())
    jam = line_of(card_order, "Mứt gừng")

    office.post(refund_url(card_order), {"scope": "lines", f"line_{jam.pk}": "1", "reason": "Vỡ một hũ"})
    refund = Refund.objects.get()
    stripe_refund = next(iter(stripe_http.refunds.values()))

    post_webhook(client, refund_event(event_id="evt_u", event_type="refund.updated", refund=stripe_refund,
                                      status="succeeded"))

    refund.refresh_from_db()
    card_order.refresh_from_db()
    assert (refund.state, refund.amount) == (Refund.State.SUCCEEDED, Decimal("150000"))
    assert source_of(card_order).amount_refunded == Decimal("150000")
    assert card_order.status == statuses.PAID  # partly refunded: still paid
    # restock not ticked: the broken jar stays out of stock
    assert StockRecord.objects.get(pk=jam.stockrecord_id).num_allocated == 2


def test_partial_refund_by_lines_of_a_transfer_order_is_recorded_at_once(
        client, transfer_order, django_capture_on_commit_callbacks):
    office = client_for(office_user())
    jam = line_of(transfer_order, "Mứt gừng")

    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(refund_url(transfer_order), {
            "scope": "lines", f"line_{jam.pk}": "1", "reason": "Một hũ bị vỡ khi giao",
            "reference": "FT2611999", "restock": "on"}, follow=True)

    assert "Đã ghi nhận hoàn 150.000" in response.content.decode()
    refund = Refund.objects.get()
    assert (refund.state, refund.amount, refund.reference) == (Refund.State.SUCCEEDED, Decimal("150000"), "FT2611999")
    assert [(r.line.title, r.quantity) for r in refund.lines.all()] == [("Mứt gừng", 1)]
    source = source_of(transfer_order)
    assert source.amount_refunded == Decimal("150000")
    assert source.transactions.filter(txn_type="Refund", reference="FT2611999").count() == 1
    assert StockRecord.objects.get(pk=jam.stockrecord_id).num_allocated == 1
    assert OrderNote.objects.filter(order=transfer_order, message__contains="Một hũ bị vỡ khi giao").exists()
    transfer_order.refresh_from_db()
    assert transfer_order.status == statuses.PAID
    assert "Mứt gừng × 1" in mail.outbox[-1].body


def test_the_same_line_cannot_be_refunded_twice_and_a_double_submit_refunds_once(client, transfer_order):
    office = client_for(office_user())
    jam = line_of(transfer_order, "Mứt gừng")
    data = {"scope": "lines", f"line_{jam.pk}": "2", "reason": "Hỏng", "reference": "FT1"}

    office.post(refund_url(transfer_order), data)
    second = office.post(refund_url(transfer_order), data)

    assert second.status_code == 200
    assert "chỉ còn 0 sản phẩm có thể hoàn tiền" in second.content.decode()
    assert Refund.objects.count() == 1
    assert source_of(transfer_order).amount_refunded == Decimal("300000")


def test_a_double_submitted_full_card_refund_asks_stripe_once(client, card_order, stripe_http):
    office = client_for(office_user())

    office.post(refund_url(card_order), {"scope": "full", "reason": "Khách hủy"})
    second = office.post(refund_url(card_order), {"scope": "full", "reason": "Khách hủy"}, follow=True)

    assert len(stripe_http.created_refunds()) == 1
    assert Refund.objects.count() == 1
    assert "không có khoản đã thanh toán nào để hoàn" in second.content.decode()


@pytest.mark.parametrize("quantity", ["3", "999999999999999999999"], ids=["more-than-bought", "huge"])
def test_refunding_more_than_remains_is_refused_with_the_reason(client, transfer_order, quantity):
    jam = line_of(transfer_order, "Mứt gừng")

    response = client_for(office_user()).post(refund_url(transfer_order), {
        "scope": "lines", f"line_{jam.pk}": quantity, "reason": "Hỏng", "reference": "FT1"})

    assert response.status_code == 200
    assert "“Mứt gừng”: chỉ còn 2 sản phẩm có thể hoàn tiền" in response.content.decode()
    assert Refund.objects.count() == 0
    assert source_of(transfer_order).amount_refunded == 0


def test_a_forged_amount_is_ignored_the_server_computes_it(client, transfer_order):
    tea = line_of(transfer_order, "Trà shan tuyết")

    client_for(office_user()).post(refund_url(transfer_order), {
        "scope": "lines", f"line_{tea.pk}": "1", "reason": "Hết hạn", "reference": "FT2",
        "amount": "99999999", "refund-amount": "99999999"})

    assert Refund.objects.get().amount == Decimal("80000")
    assert source_of(transfer_order).amount_refunded == Decimal("80000")


@pytest.mark.parametrize("data, message", [
    ({"scope": "full", "reason": "", "reference": "FT1"}, "Trường này là bắt buộc"),
    ({"scope": "full", "reason": "Hỏng", "reference": ""}, "Trường này là bắt buộc"),
    ({"scope": "full", "reason": "Hỏng\x00", "reference": "FT1"}, ""),
    ({"scope": "lines", "reason": "Hỏng", "reference": "FT1"}, "Chọn ít nhất một sản phẩm"),
], ids=["no-reason", "no-transfer-reference", "nul-byte", "no-line-chosen"])
def test_bad_refund_input_is_refused_and_records_nothing(client, transfer_order, data, message):
    response = client_for(office_user()).post(refund_url(transfer_order), data)

    if "\x00" in data["reason"]:
        assert response.status_code == 400  # refused before any view, as every NUL byte is
    else:
        assert response.status_code == 200
        assert message in response.content.decode()
    assert Refund.objects.count() == 0
    assert source_of(transfer_order).amount_refunded == 0


def test_a_stripe_error_leaves_nothing_recorded_as_refunded(client, card_order, stripe_http):
    stripe_http.fail_next_refund = True

    response = client_for(office_user()).post(refund_url(card_order), {"scope": "full", "reason": "Khách hủy"},
                                              follow=True)

    assert "Chưa hoàn được tiền" in response.content.decode()
    assert source_of(card_order).amount_refunded == 0
    assert not PaymentEvent.objects.filter(order=card_order, event_type__name="Hoàn tiền").exists()
    assert Refund.objects.get().state == Refund.State.FAILED  # and so refundable again
    card_order.refresh_from_db()
    assert card_order.status == statuses.PAID
    client_for(office_user()).post(refund_url(card_order), {"scope": "full", "reason": "Khách hủy"})
    assert Refund.objects.filter(state=Refund.State.PENDING).count() == 1


def test_a_failed_refund_webhook_flags_the_order_and_frees_the_amount(client, card_order, stripe_http):
    client_for(office_user()).post(refund_url(card_order), {"scope": "full", "reason": "Khách hủy"})
    stripe_refund = next(iter(stripe_http.refunds.values()))

    post_webhook(client, refund_event(event_id="evt_f", event_type="refund.failed", refund=stripe_refund,
                                      status="failed", failure_reason="expired_or_canceled_card"))

    refund = Refund.objects.get()
    assert refund.state == Refund.State.FAILED
    assert source_of(card_order).amount_refunded == 0
    warning = OrderNote.objects.get(order=card_order, note_type=OrderNote.WARNING)
    assert "expired_or_canceled_card" in warning.message
    card_order.refresh_from_db()
    assert card_order.status == statuses.PAID
    assert "Hoàn tiền" in client_for(office_user()).get(detail_url(card_order)).content.decode()


def test_an_unpaid_order_has_no_refund_action(client, reference_data):
    order = _place(client, "cod")
    office = client_for(office_user())

    assert 'id="order_refund_link"' not in office.get(detail_url(order)).content.decode()
    response = office.post(refund_url(order), {"scope": "full", "reason": "x", "reference": "y"})

    assert response.status_code == 302
    assert Refund.objects.count() == 0


def _producer_with_dashboard_access(order):
    """The producer of the order's jam, with Oscar's partner access to the order dashboard."""
    line = line_of(order, "Mứt gừng")
    user = UserFactory()
    line.partner.users.add(user)
    user.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    return user


@pytest.mark.parametrize("who", ["producer", "point-of-sale", "shopper", "staff-without-order-rights"])
def test_only_the_office_reaches_the_refund_url(client, transfer_order, who):
    user = {
        "producer": lambda: _producer_with_dashboard_access(transfer_order),
        "point-of-sale": lambda: counter_user(point_of_sale()),
        "shopper": lambda: transfer_order.user or UserFactory(email="khach@example.vn"),
        "staff-without-order-rights": lambda: UserFactory(is_staff=True),
    }[who]()
    attacker = client_for(user)

    get = attacker.get(refund_url(transfer_order))
    post = attacker.post(refund_url(transfer_order), {"scope": "full", "reason": "x", "reference": "y"})
    unknown = attacker.get(reverse("dashboard:order-refund", kwargs={"number": "99999999"}))

    # the same answer as for an order that does not exist: nothing tells which numbers are real
    assert get.status_code == post.status_code == unknown.status_code == 404
    assert Refund.objects.count() == 0


def test_the_refund_url_of_an_unknown_order_is_404_for_the_office(transfer_order):
    response = client_for(office_user()).get(reverse("dashboard:order-refund", kwargs={"number": "99999999"}))

    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, transfer_order):
    client.logout()

    response = client.get(refund_url(transfer_order))

    assert response.status_code == 302 and "login" in response["Location"]


def test_refunded_cannot_be_set_by_hand(client, transfer_order):
    office = client_for(office_user())

    office.post(detail_url(transfer_order), {"order_action": "change_order_status", "new_status": statuses.REFUNDED})

    transfer_order.refresh_from_db()
    assert transfer_order.status == statuses.PAID
    form = office.get(detail_url(transfer_order)).context["order_status_form"]
    assert statuses.REFUNDED not in [code for code, _label in form.fields["new_status"].choices]


def test_a_full_refund_after_a_partial_one_refunds_the_rest_and_closes_the_order(client, transfer_order):
    office = client_for(office_user())
    tea = line_of(transfer_order, "Trà shan tuyết")
    office.post(refund_url(transfer_order), {"scope": "lines", f"line_{tea.pk}": "1", "reason": "Hỏng",
                                             "reference": "FT1"})

    office.post(refund_url(transfer_order), {"scope": "full", "reason": "Khách trả hết", "reference": "FT2"})

    assert [r.amount for r in Refund.objects.order_by("pk")] == [Decimal("80000"), Decimal(TOTAL - 80000)]
    assert source_of(transfer_order).amount_refunded == TOTAL
    transfer_order.refresh_from_db()
    assert transfer_order.status == statuses.REFUNDED
    assert 'id="order_refund_link"' not in office.get(detail_url(transfer_order)).content.decode()


def _two_producer_order():
    """A paid COD order with lines of two producers: A's 2 × 200.000, B's 1 × 100.000."""
    producer_a, _ = producer_with_user()
    producer_b, _ = producer_with_user()
    product_a = sellable_product(producer=producer_a, price=Decimal("200000"))
    product_b = sellable_product(producer=producer_b, price=Decimal("100000"))
    order = make_order([(product_a, 2), (product_b, 1)], status=statuses.PAID)
    order.sources.update(amount_debited=order.total_incl_tax)
    return order, producer_a, producer_b


def test_a_refunded_line_counts_as_a_refund_in_its_producers_statement_only(reference_data):
    order, producer_a, producer_b = _two_producer_order()
    line_a = order.lines.get(partner=producer_a.partner)

    client_for(office_user()).post(refund_url(order), {
        "scope": "lines", f"line_{line_a.pk}": "1", "reason": "Vỡ một hũ", "reference": "PC-7"})

    statement_a = build_statement(producer=producer_a, month=today_in_vietnam())
    statement_b = build_statement(producer=producer_b, month=today_in_vietnam())
    assert (statement_a.gross, statement_a.refunds, statement_a.net) == (400000, 200000, 200000)
    assert [(row.quantity, row.amount, row.refunded) for row in statement_a.lines] == [
        (2, 400000, False), (1, -200000, True)]
    assert (statement_b.gross, statement_b.refunds, statement_b.net) == (100000, 0, 100000)
    assert [row.refunded for row in statement_b.lines] == [False]


def test_a_fully_refunded_order_stays_in_the_statement_as_sale_and_refund(reference_data):
    order, producer_a, _producer_b = _two_producer_order()

    client_for(office_user()).post(refund_url(order), {"scope": "full", "reason": "Khách trả hàng",
                                                       "reference": "PC-8"})

    order.refresh_from_db()
    assert order.status == statuses.REFUNDED
    statement = build_statement(producer=producer_a, month=today_in_vietnam())
    assert (statement.gross, statement.refunds, statement.net, statement.payout) == (400000, 400000, 0, 0)


def test_refunds_add_no_queries_per_line_to_a_statement(reference_data):
    order, producer_a, _producer_b = _two_producer_order()
    office = client_for(office_user())
    office.post(refund_url(order), {"scope": "full", "reason": "Khách trả hàng", "reference": "PC-9"})
    with CaptureQueriesContext(connection) as one:
        build_statement(producer=producer_a, month=today_in_vietnam())

    for _ in range(3):
        more, _a, _b = _two_producer_order()
        more.lines.update(partner=producer_a.partner)
        office.post(refund_url(more), {"scope": "full", "reason": "Khách trả hàng", "reference": "PC-10"})
    with CaptureQueriesContext(connection) as four:
        statement = build_statement(producer=producer_a, month=today_in_vietnam())

    assert len([row for row in statement.lines if row.refunded]) == 1 + 3 * 2
    assert len(four.captured_queries) == len(one.captured_queries)


def test_goods_back_in_stock_after_a_refund_reappear_in_search_and_the_listing(
        client, reference_data, django_capture_on_commit_callbacks):
    # given the last jar, sold by transfer and paid
    product = sellable_product(title="Rượu cần Lạc Dương", num_in_stock=1)
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
    add_to_basket(client, product)
    checkout_to_preview(client, method="vietqr")
    with django_capture_on_commit_callbacks(execute=True):
        place_order(client)
    order = Order.objects.get()
    office = client_for(office_user())
    office.post(detail_url(order), {"order_action": "mark_paid", "reference": "FT9"})
    shopper = client.__class__()
    assert _search_ids(shopper, "Rượu cần") == set()

    # when the office refunds it and ticks "back in stock"
    with django_capture_on_commit_callbacks(execute=True):
        office.post(refund_url(order), {"scope": "full", "reason": "Khách trả lại", "reference": "FT10",
                                        "restock": "on"})

    # then the jar is on sale again, in search and in the listing
    assert StockRecord.objects.get(product=product).num_allocated == 0
    assert _search_ids(shopper, "Rượu cần") == {product.pk}
    assert shopper.get(reverse("catalogue:index")).context["result"].count == 1


def _search_ids(client, q: str) -> set[int]:
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    return {r["id"] for r in response.json()["results"]}


def test_the_shopper_sees_the_refund_on_the_order_page(client, transfer_order):
    tea = line_of(transfer_order, "Trà shan tuyết")
    client_for(office_user()).post(refund_url(transfer_order), {
        "scope": "lines", f"line_{tea.pk}": "1", "reason": "Trà bị ẩm", "reference": "FT3"})
    status_path = reverse("checkout:order-status", kwargs={
        "number": transfer_order.number, "token": transfer_order.verification_hash()})

    page = client.__class__().get(status_path).content.decode()

    assert "Đã hoàn 80.000" in page and "Trà bị ẩm" in page


def test_the_refund_page_costs_the_same_queries_for_one_line_or_many(reference_data):
    office = client_for(office_user())
    small, _a, _b = _two_producer_order()
    office.get(refund_url(small))  # warm the session and the content types
    with CaptureQueriesContext(connection) as two_lines:
        assert office.get(refund_url(small)).status_code == 200

    big = make_order([(sellable_product(price=Decimal("50000")), 1) for _ in range(6)], status=statuses.PAID)
    big.sources.update(amount_debited=big.total_incl_tax)
    with CaptureQueriesContext(connection) as six_lines:
        response = office.get(refund_url(big))

    assert response.content.decode().count('type="number"') == 6
    assert len(six_lines.captured_queries) == len(two_lines.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_two_office_tabs_refunding_the_same_line_at_once_refund_it_once(postgres_only, reference_data):
    # given a paid order and the office's refund page open in two tabs
    order, producer_a, _producer_b = _two_producer_order()
    line_a = order.lines.get(partner=producer_a.partner)
    tabs = [client_for(office_user()), client_for(office_user())]
    connection.close()

    # when both submit "refund both jars" at the same moment
    barrier = threading.Barrier(2)
    responses = [None, None]

    def submit(i):
        try:
            barrier.wait()
            responses[i] = tabs[i].post(refund_url(order), {
                "scope": "lines", f"line_{line_a.pk}": "2", "reason": "Hỏng", "reference": f"FT-{i}"})
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then one refund of 400.000, and the other tab is told nothing is left of the line
    assert Refund.objects.count() == 1
    assert order.sources.get().amount_refunded == Decimal("400000")
    assert sorted(r.status_code for r in responses) == [200, 302]


# --- A card refund stuck pending: the office sends it to Stripe again -----------------------

def _stuck_refund(order, monkeypatch, *, stripe_received: bool, minutes_old: int = 11):
    """A full card refund whose process died: before calling Stripe, or after Stripe made
    the refund but before its answer was saved. Then ``minutes_old`` minutes pass."""
    from checkout.payments import refunds, stripe_gateway

    real = stripe_gateway.create_refund

    def dies(**kwargs):
        if stripe_received:
            real(**kwargs)
        raise RuntimeError("process killed")

    with monkeypatch.context() as patch:
        patch.setattr(stripe_gateway, "create_refund", dies)
        with pytest.raises(RuntimeError):
            refunds.do_refund(order=order, full=True, quantities={}, reason="Khách trả hàng", user=None)
    Refund.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=minutes_old))
    refund = Refund.objects.get()
    assert (refund.state, refund.reference) == (Refund.State.PENDING, "")
    return refund


def retry_url(refund):
    return reverse("dashboard:order-refund-retry", kwargs={"number": refund.order.number, "pk": refund.pk})


@pytest.mark.parametrize(("minutes_old", "setting", "shown"), [(9, None, False), (11, None, True), (11, 30, False)])
def test_the_retry_button_shows_only_for_a_card_refund_stuck_longer_than_the_delay(
        card_order, stripe_http, monkeypatch, settings, minutes_old, setting, shown):
    if setting:
        settings.OCOP_REFUND_RETRY_AFTER_MINUTES = setting
    refund = _stuck_refund(card_order, monkeypatch, stripe_received=False, minutes_old=minutes_old)

    html = client_for(office_user()).get(detail_url(card_order)).content.decode()

    assert ("Gửi lại yêu cầu hoàn tiền" in html and "retry-refund" in html) == shown
    assert (retry_url(refund) in html) == shown


def test_the_retry_button_is_not_shown_for_a_refund_stripe_answered(client, card_order, stripe_http):
    client_for(office_user()).post(refund_url(card_order), {"scope": "full", "reason": "Khách hủy"})
    Refund.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))  # waiting for its webhook

    assert "retry-refund" not in client_for(office_user()).get(detail_url(card_order)).content.decode()


def test_retrying_a_refund_stripe_never_got_asks_stripe_and_waits_for_the_webhook(
        client, card_order, stripe_http, monkeypatch, django_capture_on_commit_callbacks):
    refund = _stuck_refund(card_order, monkeypatch, stripe_received=False)
    assert stripe_http.created_refunds() == []

    response = client_for(office_user()).post(retry_url(refund), follow=True)

    assert response.redirect_chain[-1][0] == detail_url(card_order)
    [request] = stripe_http.created_refunds()
    assert request.idempotency_key == f"ocop-refund-{refund.pk}" and request.params["amount"] == str(TOTAL)
    refund.refresh_from_db()
    assert (refund.state, refund.reference) == (Refund.State.PENDING, "re_fake_2")
    assert "Stripe đã nhận yêu cầu hoàn" in response.content.decode()
    assert "retry-refund" not in response.content.decode()  # the button is gone
    with django_capture_on_commit_callbacks(execute=True):
        post_webhook(client, charge_refunded_event(event_id="evt_rr", intent_id="pi_fake_1", amount=TOTAL,
                                                   amount_refunded=TOTAL))
    refund.refresh_from_db()
    card_order.refresh_from_db()
    assert refund.state == Refund.State.SUCCEEDED and card_order.status == statuses.REFUNDED


def test_two_retries_of_a_refund_whose_answer_was_lost_create_one_stripe_refund(card_order, stripe_http, monkeypatch):
    from checkout.payments import stripe_gateway

    refund = _stuck_refund(card_order, monkeypatch, stripe_received=False)
    # first retry: Stripe makes the refund, but the answer is lost (a timeout)
    real = stripe_gateway.create_refund

    def times_out(**kwargs):
        real(**kwargs)
        raise stripe_gateway.PaymentError("Stripe: timeout")

    office = client_for(office_user())
    with monkeypatch.context() as patch:
        patch.setattr(stripe_gateway, "create_refund", times_out)
        first = office.post(retry_url(refund), follow=True)
    assert "Stripe chưa nhận yêu cầu" in first.content.decode()
    refund.refresh_from_db()
    assert (refund.state, refund.reference) == (Refund.State.PENDING, "")

    office.post(retry_url(refund))  # finds Stripe's refund for this record: asks for none

    assert len(stripe_http.created_refunds()) == 1 and len(stripe_http.all_refunds) == 1
    refund.refresh_from_db()
    assert (refund.state, refund.reference) == (Refund.State.PENDING, stripe_http.all_refunds[0]["id"])
    # answered now: a third retry is refused and asks Stripe nothing
    third = office.post(retry_url(refund), follow=True)
    assert "không cần gửi lại" in third.content.decode()
    assert len(stripe_http.created_refunds()) == 1


def test_a_retry_after_stripe_forgot_the_idempotency_key_still_makes_no_second_refund(
        card_order, stripe_http, monkeypatch):
    """Stripe keeps idempotency keys 24 hours: a retry later would make a second refund with
    the key alone, so it looks for the refund of this record first."""
    refund = _stuck_refund(card_order, monkeypatch, stripe_received=True)
    stripe_http.forget_idempotency_keys()

    client_for(office_user()).post(retry_url(refund))

    assert len(stripe_http.all_refunds) == 1 and len(stripe_http.created_refunds()) == 1
    refund.refresh_from_db()
    assert refund.reference == stripe_http.all_refunds[0]["id"]


def test_without_the_lookup_a_forgotten_key_would_refund_twice(card_order, stripe_http, monkeypatch):
    """The test above can fail: the fake Stripe does make a second refund for a forgotten key."""
    from checkout.payments import stripe_gateway

    refund = _stuck_refund(card_order, monkeypatch, stripe_received=True)
    stripe_http.forget_idempotency_keys()
    monkeypatch.setattr(stripe_gateway, "find_refund", lambda **kwargs: None)

    client_for(office_user()).post(retry_url(refund))

    assert len(stripe_http.all_refunds) == 2


def test_a_stripe_error_on_retry_keeps_the_refund_pending_with_a_note(card_order, stripe_http, monkeypatch):
    refund = _stuck_refund(card_order, monkeypatch, stripe_received=False)
    stripe_http.fail_next_refund = True

    response = client_for(office_user()).post(retry_url(refund), follow=True)

    refund.refresh_from_db()
    assert (refund.state, refund.settled_at) == (Refund.State.PENDING, None)
    assert "Stripe chưa nhận yêu cầu" in response.content.decode()
    assert OrderNote.objects.filter(order=card_order, message__contains="Gửi lại yêu cầu hoàn tiền").filter(
        message__contains="Charge has already been refunded").exists()
    assert "retry-refund" in response.content.decode()  # still offered
    # it still holds the amount: no second refund can be asked for
    assert client_for(office_user()).post(refund_url(card_order), {"scope": "full", "reason": "x"}).status_code == 302
    assert Refund.objects.count() == 1


def test_a_failed_answer_on_retry_fails_the_refund_and_frees_the_amount(card_order, stripe_http, monkeypatch):
    refund = _stuck_refund(card_order, monkeypatch, stripe_received=False)
    stripe_http.new_refund_status = "failed"

    client_for(office_user()).post(retry_url(refund))

    refund.refresh_from_db()
    assert refund.state == Refund.State.FAILED
    assert OrderNote.objects.filter(order=card_order, note_type=OrderNote.WARNING).exists()
    from checkout.payments.refunds import refundable_amount
    assert refundable_amount(card_order) == TOTAL


def test_a_young_pending_refund_is_not_retried(card_order, stripe_http, monkeypatch):
    refund = _stuck_refund(card_order, monkeypatch, stripe_received=False, minutes_old=2)

    response = client_for(office_user()).post(retry_url(refund), follow=True)

    assert "không cần gửi lại" in response.content.decode()
    assert stripe_http.created_refunds() == []


def test_retry_is_post_only_and_a_wrong_order_refund_pair_is_404(client, card_order, stripe_http, monkeypatch):
    refund = _stuck_refund(card_order, monkeypatch, stripe_received=False)
    other = make_order([(sellable_product(), 1)])
    office = client_for(office_user())

    assert office.get(retry_url(refund)).status_code == 405
    wrong_order = reverse("dashboard:order-refund-retry", kwargs={"number": other.number, "pk": refund.pk})
    assert office.post(wrong_order).status_code == 404
    unknown = reverse("dashboard:order-refund-retry", kwargs={"number": card_order.number, "pk": refund.pk + 1})
    assert office.post(unknown).status_code == 404
    assert stripe_http.created_refunds() == []


@pytest.mark.parametrize("who", ["producer", "point-of-sale", "shopper", "staff-without-order-rights", "anonymous"])
def test_only_the_office_can_retry_a_refund(client, card_order, stripe_http, monkeypatch, who):
    refund = _stuck_refund(card_order, monkeypatch, stripe_received=False)
    if who == "anonymous":
        client.logout()
        attacker = client
    else:
        attacker = client_for({
            "producer": lambda: _producer_with_dashboard_access(card_order),
            "point-of-sale": lambda: counter_user(point_of_sale()),
            "shopper": lambda: card_order.user or UserFactory(email="khach@example.vn"),
            "staff-without-order-rights": lambda: UserFactory(is_staff=True),
        }[who]())

    response = attacker.post(retry_url(refund))

    if who == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == 404
    assert stripe_http.created_refunds() == []
    assert "retry-refund" not in attacker.get(detail_url(card_order)).content.decode()


def test_the_daily_job_retries_stuck_card_refunds(card_order, stripe_http, monkeypatch):
    from storefront.daily import run_daily

    refund = _stuck_refund(card_order, monkeypatch, stripe_received=True)

    report = run_daily()
    again = run_daily()

    refund.refresh_from_db()
    assert (refund.state, refund.reference) == (Refund.State.PENDING, "re_fake_2")
    assert len(stripe_http.refunds) == 1
    assert card_order.number in report.steps["retry_stuck_refunds"]
    assert again.steps["retry_stuck_refunds"] == "-"


def test_the_order_page_costs_no_extra_query_per_refund(card_order, stripe_http, monkeypatch):
    _stuck_refund(card_order, monkeypatch, stripe_received=False)
    office = client_for(office_user())
    office.get(detail_url(card_order))
    with CaptureQueriesContext(connection) as one:
        assert office.get(detail_url(card_order)).status_code == 200
    Refund.objects.create(order=card_order, amount=1, reason="thử", state=Refund.State.FAILED)
    Refund.objects.create(order=card_order, amount=1, reason="thử", state=Refund.State.FAILED)
    with CaptureQueriesContext(connection) as three:
        office.get(detail_url(card_order))

    assert len(three.captured_queries) == len(one.captured_queries)
