"""Monthly statements (CSV and PDF, same figures), expiry reminders and the overview."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from checkout import statuses
from producers.expiry import expire_certificates
from producers.statements import build_statement
from tests.factories import CertificateFactory, sellable_product
from tests.producer_support import client_for, make_order, producer_with_user

Producer = get_model("catalogue", "Producer")

pytestmark = pytest.mark.django_db


@pytest.fixture
def household_month(reference_data):
    producer, user = producer_with_user(kind=Producer.Kind.HOUSEHOLD)
    product = sellable_product(producer=producer, price=Decimal("200000"))
    other = sellable_product(price=Decimal("999000"))
    make_order([(product, 2), (other, 1)], status=statuses.PAID)       # 400.000 of ours
    make_order([(product, 1)], status=statuses.COMPLETE)               # 200.000
    refunded = make_order([(product, 1)], status=statuses.CANCELLED)   # 200.000, money taken
    refunded.sources.update(amount_debited=Decimal("200000"))
    make_order([(product, 5)], status=statuses.CANCELLED)              # never paid: not listed
    make_order([(product, 3)], status=statuses.AWAITING_PAYMENT)       # not paid yet
    return producer, user


def test_statement_figures_for_a_household(household_month, settings):
    settings.OCOP_COMMISSION_PERCENT = "5"
    producer, _ = household_month

    statement = build_statement(producer=producer, month=today_in_vietnam())

    assert (statement.gross, statement.refunds, statement.net) == (800000, 200000, 600000)
    assert statement.commission == 30000
    assert (statement.vat_withheld, statement.pit_withheld) == (6000, 3000)
    assert statement.payout == 561000
    assert len(statement.lines) == 3


def test_an_enterprise_has_no_tax_withheld(reference_data):
    producer, _ = producer_with_user(kind=Producer.Kind.ENTERPRISE)
    make_order([(sellable_product(producer=producer, price=Decimal("100000")), 1)])

    statement = build_statement(producer=producer, month=today_in_vietnam())

    assert (statement.vat_withheld, statement.pit_withheld, statement.payout) == (0, 0, 95000)


def test_csv_and_pdf_downloads_carry_the_same_figures(household_month):
    producer, user = household_month
    today = today_in_vietnam()
    client = client_for(user)

    csv_response = client.get(reverse("producer_area:statement", args=[today.year, today.month, "csv"]))
    pdf_response = client.get(reverse("producer_area:statement", args=[today.year, today.month, "pdf"]))

    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    summary = {row[0]: row[5] for row in rows if row and row[0] and not row[0].isdigit()}
    assert summary["Số tiền chuyển cho chủ thể"] == "561000"
    assert summary["Thuế GTGT khấu trừ (1%)"] == "-6000"
    assert pdf_response["Content-Type"] == "application/pdf"
    assert pdf_response.content.startswith(b"%PDF")


def test_statement_downloads_of_another_producer_are_unreachable(household_month):
    today = today_in_vietnam()
    _, stranger = producer_with_user()
    response = client_for(stranger).get(reverse("producer_area:statement", args=[today.year, today.month, "csv"]))
    # a producer's statement URL has no id: it is always the signed-in producer's own
    assert "561000" not in response.content.decode("utf-8-sig")
    office_url = reverse("producer_area_office:producer-statement",
                         args=[household_month[0].pk, today.year, today.month, "csv"])
    assert client_for(stranger).get(office_url).status_code == 403


def test_expiry_reminders_at_30_and_7_days_once_each(reference_data, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    producer, user = producer_with_user()
    product = sellable_product(producer=producer)
    today = today_in_vietnam()
    CertificateFactory(product=product, number="HET-25", issued_on=today - datetime.timedelta(days=400),
                       expires_on=today + datetime.timedelta(days=25))

    first = expire_certificates(day=today)
    again = expire_certificates(day=today)
    later = expire_certificates(day=today + datetime.timedelta(days=20))

    assert (first.reminders, again.reminders, later.reminders) == (1, 0, 1)
    assert len(mail.outbox) == 2 and mail.outbox[0].to == [user.email]
    assert "HET-25" in mail.outbox[0].subject


def test_a_certificate_found_inside_7_days_gets_one_reminder_not_two(reference_data, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    producer, _ = producer_with_user()
    today = today_in_vietnam()
    CertificateFactory(product=sellable_product(producer=producer), issued_on=today - datetime.timedelta(days=400),
                       expires_on=today + datetime.timedelta(days=3))

    assert expire_certificates(day=today).reminders == 1
    assert len(mail.outbox) == 1


def test_expire_certificates_command_runs(reference_data):
    out = io.StringIO()
    call_command("expire_certificates", stdout=out)
    assert "products delisted" in out.getvalue()


def test_home_draws_the_sales_chart_as_inline_svg_without_script(household_month):
    _, user = household_month

    html = client_for(user).get(reverse("producer_area:home")).content.decode()

    assert "<svg" in html and "ocop-chart" in html
    assert "cdn" not in html.lower()


def test_weekly_sales_sum_the_producers_lines_by_week(reference_data):
    from producers.overview import weekly_sales

    producer, _ = producer_with_user()
    product = sellable_product(producer=producer, price=Decimal("100000"))
    make_order([(product, 2), (sellable_product(price=Decimal("5000000")), 1)])
    old = make_order([(product, 1)])
    old.date_placed = timezone.now() - datetime.timedelta(days=14)
    old.save()

    weeks = dict(weekly_sales(producer, today=today_in_vietnam()))

    this_week = today_in_vietnam() - datetime.timedelta(days=today_in_vietnam().weekday())
    assert weeks[this_week] == Decimal("200000")
    assert weeks[this_week - datetime.timedelta(days=14)] == Decimal("100000")
    assert sum(weeks.values()) == Decimal("300000")


# --- Refunds count in the month the money went back (settled_at, Vietnam time) ---------------

VIETNAM = datetime.timezone(datetime.timedelta(hours=7))


def _vn(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VIETNAM)


def _order_placed(product, quantity, when, *, status=statuses.PAID):
    order = make_order([(product, quantity)], status=status)
    order.date_placed = when
    order.save(update_fields=["date_placed"])
    order.sources.update(amount_debited=order.total_incl_tax)
    return order


def _settled_refund(order, quantity, settled_at):
    from checkout.models import Refund, RefundLine

    line = order.lines.get()
    amount = line.unit_price_incl_tax * quantity
    refund = Refund.objects.create(order=order, amount=amount, reason="Khách trả hàng", reference="PC-1",
                                   state=Refund.State.SUCCEEDED, settled_at=settled_at)
    RefundLine.objects.create(refund=refund, line=line, quantity=quantity, amount=amount)
    return refund


@pytest.fixture
def october_product(reference_data):
    producer, user = producer_with_user(kind=Producer.Kind.ENTERPRISE)
    return producer, user, sellable_product(producer=producer, price=Decimal("100000"))


def test_a_refund_counts_in_the_month_it_settled_not_the_month_of_the_order(october_product):
    producer, _, product = october_product
    order = _order_placed(product, 3, _vn(2026, 9, 20, 10, 0))
    _settled_refund(order, 1, _vn(2026, 10, 31, 23, 30))  # last day of October, 23:30 in Vietnam
    _settled_refund(order, 1, _vn(2026, 11, 1, 0, 0))     # midnight: November

    september = build_statement(producer=producer, month=datetime.date(2026, 9, 1))
    october = build_statement(producer=producer, month=datetime.date(2026, 10, 1))
    november = build_statement(producer=producer, month=datetime.date(2026, 11, 1))

    assert (september.gross, september.refunds, september.net) == (300000, 0, 300000)
    assert [(r.amount, r.refunded) for r in september.lines] == [(300000, False)]
    assert (october.gross, october.refunds, october.net) == (0, 100000, -100000)
    assert [(r.order_number, r.date, r.quantity, r.amount, r.refunded) for r in october.lines] == [
        (order.number, datetime.date(2026, 10, 31), 1, -100000, True)]
    assert october.commission == -5000  # the shop gives back its commission on what went back
    assert [(r.date, r.amount) for r in november.lines] == [(datetime.date(2026, 11, 1), -100000)]


def test_a_pending_or_failed_refund_is_in_no_statement(october_product):
    from checkout.models import Refund

    producer, _, product = october_product
    order = _order_placed(product, 2, _vn(2026, 10, 5, 9, 0))
    _settled_refund(order, 1, _vn(2026, 10, 6, 9, 0))
    Refund.objects.update(state=Refund.State.PENDING)
    pending = build_statement(producer=producer, month=datetime.date(2026, 10, 1))
    Refund.objects.update(state=Refund.State.FAILED)
    failed = build_statement(producer=producer, month=datetime.date(2026, 10, 1))

    assert pending.refunds == failed.refunds == 0
    assert [r.refunded for r in pending.lines] == [r.refunded for r in failed.lines] == [False]


def test_a_cancelled_paid_order_is_refunded_once_even_with_a_refund_record_a_month_later(october_product):
    producer, _, product = october_product
    order = _order_placed(product, 2, _vn(2026, 10, 5, 9, 0), status=statuses.CANCELLED)
    _settled_refund(order, 2, _vn(2026, 11, 3, 9, 0))

    october = build_statement(producer=producer, month=datetime.date(2026, 10, 1))
    november = build_statement(producer=producer, month=datetime.date(2026, 11, 1))

    assert (october.gross, october.refunds, october.net) == (200000, 200000, 0)
    assert (november.gross, november.refunds, november.lines) == (0, 0, [])


def test_another_producers_refund_is_not_in_the_statement(october_product):
    producer, _, _product = october_product
    other = sellable_product(price=Decimal("100000"))
    _settled_refund(_order_placed(other, 1, _vn(2026, 10, 5, 9, 0)), 1, _vn(2026, 10, 6, 9, 0))

    statement = build_statement(producer=producer, month=datetime.date(2026, 10, 1))

    assert (statement.refunds, statement.lines) == (0, [])


def test_refunds_of_earlier_orders_cost_no_query_per_row(october_product, django_assert_num_queries):
    producer, _, product = october_product
    _order_placed(product, 1, _vn(2026, 10, 2, 9, 0))  # a sale this month
    _settled_refund(_order_placed(product, 1, _vn(2026, 9, 2, 9, 0)), 1, _vn(2026, 10, 3, 9, 0))
    with django_assert_num_queries(3):  # lines, their orders' sources, the month's refunds
        one = build_statement(producer=producer, month=datetime.date(2026, 10, 1))
    for day in (4, 5, 6):
        _settled_refund(_order_placed(product, 1, _vn(2026, 8, day, 9, 0)), 1, _vn(2026, 10, day, 9, 0))
        _order_placed(product, 1, _vn(2026, 10, day, 9, 0))
    with django_assert_num_queries(3):
        four = build_statement(producer=producer, month=datetime.date(2026, 10, 1))

    assert (len(one.lines), len(four.lines)) == (2, 8)


def test_the_office_refunds_last_months_order_and_this_months_csv_and_pdf_carry_it(october_product):
    from tests.checkout.test_refunds import office_user

    producer, user, product = october_product
    today = today_in_vietnam()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=15)
    order = _order_placed(product, 2, datetime.datetime.combine(last_month, datetime.time(10), tzinfo=VIETNAM))
    line = order.lines.get()

    response = client_for(office_user()).post(
        reverse("dashboard:order-refund", kwargs={"number": order.number}),
        {"scope": "lines", f"line_{line.pk}": "1", "reason": "Vỡ một hũ", "reference": "PC-77"})
    assert response.status_code == 302

    def csv_rows(month):
        url = reverse("producer_area:statement", args=[month.year, month.month, "csv"])
        return list(csv.reader(io.StringIO(client_for(user).get(url).content.decode("utf-8-sig"))))

    this_rows, last_rows = csv_rows(today), csv_rows(last_month)
    assert [order.number, today.isoformat(), line.partner_sku, line.title, "1", "-100000", "hoàn tiền"] in this_rows
    assert {row[0]: row[5] for row in this_rows if row and row[0] == "Hoàn tiền"} == {"Hoàn tiền": "-100000"}
    assert not [row for row in last_rows if row and row[-1] == "hoàn tiền"]
    assert {row[0]: row[5] for row in last_rows if row and row[0] == "Doanh thu thuần"} == {
        "Doanh thu thuần": "200000"}
    pdf = client_for(user).get(reverse("producer_area:statement", args=[today.year, today.month, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
