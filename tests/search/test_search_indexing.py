"""Catalogue changes reach search after the commit, once per transaction."""

import threading

import pytest
from django.db import connections, transaction

from catalogue.models import SearchDocument
from search.indexing import PendingReindex, reindex_products
from tests.factories import sellable_product

pytestmark = [pytest.mark.django_db]


class Rollback(Exception):
    pass


@pytest.mark.smoke
def test_one_transaction_reindexes_its_products_once(
    reference_data, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_BACKEND = "database"
    with django_capture_on_commit_callbacks() as callbacks:
        products = [sellable_product(title=f"Cà phê số {n}") for n in range(3)]
    hooks = [c for c in callbacks if isinstance(c, PendingReindex)]

    assert SearchDocument.objects.count() == 0  # nothing before the commit
    assert len({id(hook.ids) for hook in hooks}) == 1  # one set for the transaction
    assert hooks[0].ids == {p.pk for p in products}
    hooks[0]()  # the first hook after the commit takes them all
    assert [hook.ids for hook in hooks] == [set()] * len(hooks)
    assert SearchDocument.objects.count() == 3


@pytest.mark.smoke
def test_rolled_back_changes_schedule_nothing(reference_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(Rollback), transaction.atomic():
            sellable_product(title="Trà sen bị hủy")
            raise Rollback
        kept = sellable_product(title="Trà sen Tây Hồ")

    assert {frozenset(c.ids) for c in callbacks if isinstance(c, PendingReindex)} == {
        frozenset({kept.pk})
    }


@pytest.mark.smoke
def test_documents_follow_price_and_title_changes_after_commit(
    reference_data, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_BACKEND = "database"
    with django_capture_on_commit_callbacks(execute=True):
        product = sellable_product(title="Mật ong bạc hà")
    with django_capture_on_commit_callbacks(execute=True):
        product.title = "Mật ong bạc hà Hà Giang"
        product.save()
        stockrecord = product.stockrecords.get()
        stockrecord.price = 210_000
        stockrecord.save()

    document = SearchDocument.objects.get(product=product)
    assert (document.title, document.price) == ("Mật ong bạc hà Hà Giang", 210_000)
    assert document.folded_title == " mat ong bac ha ha giang "


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_reindexes_of_one_product_take_turns(postgres_only, reference_data, settings):
    settings.SEARCH_BACKEND = "database"
    product = sellable_product(title="Nước mắm Cửa Hội")  # autocommit: indexed at once
    barrier = threading.Barrier(4)
    errors = []

    def reindex():
        try:
            barrier.wait(timeout=10)
            reindex_products.call(product_ids=[product.pk])
        except Exception as exc:  # noqa: BLE001  collected for the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reindex) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert list(SearchDocument.objects.values_list("product_id", "title")) == [
        (product.pk, "Nước mắm Cửa Hội")
    ]
