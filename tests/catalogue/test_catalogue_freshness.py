"""Issue 7's findings, as a shopper or an attacker meets them over HTTP: one sellable rule
everywhere, search and listings that follow every change (even queryset updates), dates that
move at midnight with nobody saving anything, and no page of Oscar's that sells around it."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.models import Certificate
from catalogue.rules import today_in_vietnam
from checkout import statuses
from checkout.services import order_cancel_unpaid
from tests.checkout_support import add_to_basket, checkout_to_preview, place_order
from tests.factories import (
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
    StockRecordFactory,
    sellable_product,
)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def _search_ids(client, q: str) -> set[int]:
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    return {r["id"] for r in response.json()["results"]}


def _listing_count(client) -> int:
    return client.get(reverse("catalogue:index")).context["result"].count


def test_a_hidden_product_cannot_be_put_in_the_basket_by_direct_post(client):
    # given a certified, stocked product the producer has taken off display
    product = sellable_product(title="Trà shan tuyết ẩn", is_public=False)

    # when a shopper posts its id to the basket
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True)

    # then it is refused with the reason, and nothing is in any basket
    messages = [str(m) for m in response.context["messages"]]
    assert "Sản phẩm không được bày bán." in messages
    assert not Basket.objects.filter(lines__product=product).exists()


def test_a_suspended_producers_product_cannot_be_bought_or_found(client):
    producer = ProducerFactory(suspended_at=timezone.now(), suspension_reason="Vi phạm")
    product = sellable_product(title="Mật ong đình chỉ", producer=producer)
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)

    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    assert not Basket.objects.filter(lines__product=product).exists()
    assert _search_ids(client, "Mật ong đình chỉ") == set()
    assert _listing_count(client) == 0


def test_selling_the_last_unit_and_cancelling_it_moves_search_and_the_listing_count(
    client, reference_data, django_capture_on_commit_callbacks
):
    # given one product with one unit left, found by search and counted by the listing
    product = sellable_product(title="Rượu cần Lạc Dương", num_in_stock=1)
    other = sellable_product(title="Cà phê Cầu Đất", num_in_stock=5)
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
    assert _search_ids(client, "Rượu cần") == {product.pk}
    assert _listing_count(client) == 2

    # when a shopper buys the last unit by cash on delivery
    add_to_basket(client, product)
    checkout_to_preview(client, method="cod")
    with django_capture_on_commit_callbacks(execute=True):
        place_order(client)

    # then search no longer finds it and the listing counts one product
    shopper = client.__class__()
    assert _search_ids(shopper, "Rượu cần") == set()
    assert _listing_count(shopper) == 1
    assert _search_ids(shopper, "Cà phê Cầu Đất") == {other.pk}

    # when the office cancels the unpaid order
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel_unpaid(order=Order.objects.get(), reason="Khách gọi hủy")

    # then the unit is back on sale in search and in the listing count
    assert StockRecord.objects.get(product=product).num_allocated == 0
    assert _search_ids(shopper, "Rượu cần") == {product.pk}
    assert _listing_count(shopper) == 2


def test_search_drops_a_lapsed_5_star_to_the_running_3_star_at_midnight_without_a_reindex(client):
    # given a product with a 5★ certificate ending tomorrow and a 3★ one running a year more
    today = today_in_vietnam()
    product = ProductFactory(title="Hồng treo gió Đà Lạt")
    StockRecordFactory(product=product, price=Decimal("320000"))
    CertificateFactory(product=product, stars=5, score=93, level=Certificate.Level.CENTRAL,
                       issued_on=today - datetime.timedelta(days=400), expires_on=today + datetime.timedelta(days=1))
    CertificateFactory(product=product, stars=3, score=60, issued_on=today - datetime.timedelta(days=30),
                       expires_on=today + datetime.timedelta(days=365))
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)

    def found():
        results = client.get("/api/search/", {"q": "Hồng treo gió"}).json()["results"]
        return [(r["id"], r["stars"]) for r in results]

    # then today and tomorrow it is found as 5★, and the day after (no job has run) as 3★
    assert found() == [(product.pk, 5)]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1), tick=False):
        assert found() == [(product.pk, 5)]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2), tick=False):
        assert found() == [(product.pk, 3)]
        assert client.get("/api/search/", {"q": "Hồng treo gió", "stars": 5}).json()["count"] == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=367), tick=False):
        assert found() == []


def test_the_daily_job_rewrites_documents_whose_coverage_changed(client):
    # given a product whose only certificate starts tomorrow, indexed today (not found yet)
    today = today_in_vietnam()
    product = ProductFactory(title="Sâm Ngọc Linh")
    StockRecordFactory(product=product)
    CertificateFactory(product=product, stars=5, score=95, level=Certificate.Level.CENTRAL,
                       issued_on=today + datetime.timedelta(days=1))
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
    assert _search_ids(client, "Sâm Ngọc Linh") == set()

    # when midnight passes and the daily job runs
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1), tick=False):
        found_before_job = _search_ids(client, "Sâm Ngọc Linh")
        out = _call("ocop_daily")

        # then it was found on the day even before the job, and the job touched that product
        assert found_before_job == {product.pk}
        assert f"{today + datetime.timedelta(days=1)}: 1 product(s) reindexed." in out
        assert _search_ids(client, "Sâm Ngọc Linh") == {product.pk}


def test_the_daily_job_is_queued_for_the_worker_at_the_next_midnight_in_vietnam(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    out = _call("ocop_daily", "--schedule")

    queued = DBTaskResult.objects.get()
    run_after = timezone.localtime(queued.run_after)
    assert queued.task_path == "storefront.daily.daily_task"
    assert (run_after.date(), run_after.hour, run_after.minute) == (
        today_in_vietnam() + datetime.timedelta(days=1), 0, 5)
    assert "ocop_daily queued for" in out


def test_the_queued_daily_task_runs_the_job_and_queues_the_next_one(settings):
    from django_tasks_db.models import DBTaskResult

    from storefront.daily import daily_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    result = daily_task.call(reschedule=True)

    assert result.endswith("0 products reindexed")
    assert DBTaskResult.objects.filter(task_path="storefront.daily.daily_task", status="READY").count() == 1


def test_oscars_search_page_is_retired_for_ours(client):
    response = client.get("/search/", {"q": "Nước mắm"})

    assert response.status_code == 301
    assert response["Location"] == "/tim-kiem/?q=N%C6%B0%E1%BB%9Bc+m%E1%BA%AFm"


@pytest.mark.parametrize("path", ["/search/?q=%00", "/search/?q=" + "a" * 5000])
def test_oscars_search_page_answers_bad_queries_without_an_error(client, path):
    response = client.get(path)

    assert response.status_code in (301, 400)


def test_unpaid_transfers_expire_release_their_stock_and_tell_the_shopper(
    client, reference_data, settings, django_capture_on_commit_callbacks
):
    # given a VietQR order placed three days ago and never paid, and a fresh one
    settings.OCOP_TRANSFER_EXPIRY_HOURS = 48
    product = sellable_product(num_in_stock=5)
    add_to_basket(client, product, quantity=2)
    checkout_to_preview(client, method="vietqr")
    place_order(client)
    old = Order.objects.get()
    Order.objects.filter(pk=old.pk).update(date_placed=timezone.now() - datetime.timedelta(days=3))
    fresh_shopper = client.__class__()
    add_to_basket(fresh_shopper, product)
    checkout_to_preview(fresh_shopper, method="vietqr")
    place_order(fresh_shopper)
    mail.outbox.clear()

    # when the expiry job runs
    with django_capture_on_commit_callbacks(execute=True):
        out = _call("expire_unpaid_orders")

    # then the old order is cancelled, its two units back, the shopper told; the fresh one waits
    old.refresh_from_db()
    assert old.status == statuses.CANCELLED
    assert f"1 unpaid order(s) cancelled: {old.number}" in out
    assert StockRecord.objects.get(product=product).num_allocated == 1
    assert [m.subject for m in mail.outbox] == [f"Đơn hàng {old.number} đã hủy"]
    assert "Chưa nhận được chuyển khoản" in mail.outbox[0].body


def test_placement_is_limited_per_phone_number(client, reference_data, settings):
    # given a phone number with as many unpaid orders as allowed
    settings.OCOP_UNPAID_ORDERS_PER_PHONE = 2
    product = sellable_product(num_in_stock=50)
    for _ in range(2):
        shopper = client.__class__()
        add_to_basket(shopper, product)
        checkout_to_preview(shopper, method="cod")
        assert place_order(shopper).status_code == 302

    # when a third order for the same phone is placed
    add_to_basket(client, product)
    checkout_to_preview(client, method="cod")
    response = place_order(client)

    # then it is refused with the reason, nothing more reserved
    assert response.status_code == 200
    assert "đang có 2 đơn chưa thanh toán" in response.content.decode()
    assert Order.objects.count() == 2
    assert StockRecord.objects.get(product=product).num_allocated == 2


@time_machine.travel(datetime.datetime(2026, 11, 25, 3, 0, tzinfo=datetime.UTC), tick=True)
def test_placement_is_limited_per_client_address(client, reference_data, settings):
    # (the clock starts at the top of an hour, so the hourly window cannot turn mid-test)
    settings.OCOP_PLACEMENTS_PER_CLIENT_PER_HOUR = 2
    product = sellable_product(num_in_stock=50)
    responses = []
    for n in range(3):
        shopper = client.__class__()
        add_to_basket(shopper, product)
        from tests.checkout_support import address

        checkout_to_preview(shopper, method="cod")
        # a different phone each time: only the address limit applies
        shopper.post(reverse("checkout:shipping-address"), address(phone_number=f"091234567{n}"))
        shopper.post(reverse("checkout:shipping-method"), {"method_code": "giao-tieu-chuan"})
        shopper.post(reverse("checkout:payment-method"), {"payment_method": "cod"})
        responses.append(place_order(shopper))

    assert [r.status_code for r in responses] == [302, 302, 200]
    assert "nhiều đơn trong một giờ" in responses[2].content.decode()
    assert Order.objects.count() == 2


def _call(*args) -> str:
    import io

    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_listing_answers_are_cached_until_the_documents_are_rewritten(client, monkeypatch):
    """The engine is asked once per question and catalogue version; rewriting a product's
    documents (what every catalogue change leads to) moves the version, so the next shopper
    sees the change."""
    from search import backends
    from search.indexing import reindex_products
    from tests.factories import reindex

    first = sellable_product(title="Chè Shan tuyết Hà Giang")
    reindex()
    asked = []
    real_search = backends.get_backend().__class__.search
    monkeypatch.setattr(backends.get_backend().__class__, "search",
                        lambda self, query: asked.append(query) or real_search(self, query))

    assert _listing_count(client) == 1
    assert _listing_count(client) == 1
    assert len(asked) == 1  # the second page view was answered from the cache

    second = sellable_product(title="Mật ong bạc hà Đồng Văn")
    reindex_products.call(product_ids=[second.pk])

    assert _listing_count(client) == 2
    assert len(asked) == 2
    assert {h.id for h in client.get(reverse("catalogue:index")).context["result"].hits} == {first.pk, second.pk}
