"""Keeping search in step with the catalogue, after the transaction commits.

``catalogue.freshness.catalogue_changed`` announces the ids of the products a change
touched (the ``products_changed`` signal, connected in ``search.apps``); one ``transaction.on_commit`` hook per transaction hands them to the
``reindex_products`` task (django-tasks: run at once in tests and the demo, by a worker in
production), which rewrites the documents of products that are sellable and removes the
others, in the database's table and in the engine when one is configured. Nothing here
runs inside the shopper's transaction, and a failing search engine never undoes or fails a
catalogue write (nor the database's documents, which answer while it is down).
"""

import logging
from typing import Iterable

from django.db import transaction
from django_tasks import task
from oscar.core.loading import get_model

from catalogue.listing_cache import bump_catalogue_version_now
from catalogue.rules import today_in_vietnam
from search.backends import backends_to_write
from search.query import SearchUnavailable

Product = get_model("catalogue", "Product")

logger = logging.getLogger(__name__)
TASK_BATCH = 500


class PendingReindex:
    """An on_commit hook over the set of products its transaction touched. Every change
    registers a hook sharing the transaction's set; the first to run after the commit
    enqueues the whole set and empties it, the others find it empty."""

    def __init__(self, ids: set[int]):
        self.ids = ids
        self.done = False

    def __call__(self) -> None:
        self.done = True
        ids = sorted(self.ids)
        self.ids.clear()
        for start in range(0, len(ids), TASK_BATCH):
            reindex_products.enqueue(product_ids=ids[start: start + TASK_BATCH])


def schedule_reindex(product_ids: Iterable[int]) -> None:
    """Reindex these products once the current transaction commits (at once without one).

    A transaction that touched 1,000 products enqueues a couple of tasks, not 1,000; a
    rolled-back transaction (or savepoint) takes its hooks, and so its ids, with it.
    """
    ids = {pk for pk in product_ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    shared = next(
        (hook.ids for _, hook, _ in connection.run_on_commit
         if isinstance(hook, PendingReindex) and not hook.done),
        set(),
    )
    shared.update(ids)
    transaction.on_commit(PendingReindex(shared))  # runs at once outside a transaction


def reindex_after_change(sender, product_ids, **kwargs) -> None:
    """Receiver of ``catalogue.freshness.products_changed``."""
    schedule_reindex(product_ids)


@task()
def reindex_products(product_ids: list[int]) -> int:
    """Rewrite or remove these products' search documents. Returns how many were asked for."""
    # A variant's stock decides whether its parent (the searchable product) is sellable.
    parents = Product.objects.filter(pk__in=product_ids, parent__isnull=False).values_list(
        "parent_id", flat=True
    )
    ids = sorted({*product_ids, *parents})
    failure = None
    with transaction.atomic():
        # Two reindexes of one product (two buyers of its last units) take turns, so
        # the later reads the later state and no stale document is written last.
        # NO KEY UPDATE leaves baskets and orders free to reference the products.
        list(Product.objects.select_for_update(no_key=True).filter(pk__in=ids)
             .order_by("pk").values_list("pk", flat=True))
        for backend in backends_to_write():
            try:
                backend.index_products(ids, day=today_in_vietnam())
            except SearchUnavailable as error:  # the database's documents are kept
                failure = error
    # Answers cached while this reindex was pending (search.service) are dropped now
    # that the documents say what is on sale.
    bump_catalogue_version_now()
    if failure is not None:
        logger.warning("search: reindex of %d products failed; run search_index --rebuild "
                       "when the engine is back", len(product_ids), exc_info=failure)
        raise failure
    return len(product_ids)
