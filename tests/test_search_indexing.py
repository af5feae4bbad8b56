"""Catalogue changes reach search after the commit, once per transaction."""

import pytest
from django.db import transaction

from catalog.models import SearchDocument
from tests.factories import sellable_product

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


class Rollback(Exception):
    pass


def test_one_transaction_reindexes_its_products_once(
    reference_data, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_BACKEND = "database"
    with django_capture_on_commit_callbacks() as callbacks:
        products = [sellable_product(title=f"Cà phê số {n}") for n in range(3)]

    assert SearchDocument.objects.count() == 0  # nothing before the commit
    assert len({id(hook.ids) for hook in callbacks}) == 1  # one set for the transaction
    assert callbacks[0].ids == {p.pk for p in products}
    callbacks[0]()  # the first hook after the commit takes them all
    assert [hook.ids for hook in callbacks] == [set()] * len(callbacks)
    assert SearchDocument.objects.count() == 3


def test_rolled_back_changes_schedule_nothing(reference_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(Rollback), transaction.atomic():
            sellable_product(title="Trà sen bị hủy")
            raise Rollback
        kept = sellable_product(title="Trà sen Tây Hồ")

    assert {frozenset(c.ids) for c in callbacks} == {frozenset({kept.pk})}


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
