"""One call after anything that can change what is on sale: ``catalogue_changed``.

Placement, stock release, cancellation, certificate and producer decisions, imports and
admin edits call it with the products they touched, whatever ORM path wrote the rows
(a queryset ``update()`` sends no signal). The catalogue announces the change with the
``products_changed`` signal and its subscribers follow once the transaction commits: the
listing version (cached counts and fragments start afresh, ``catalogue.listing_cache``) and
the products' search documents (``search.indexing``). A rolled-back transaction does neither.
The catalogue never imports its subscribers: they sit above it and connect in ``ready()``.
"""

from typing import Iterable

from django.dispatch import Signal

# Sent with ``product_ids`` (a set of ints, never empty), inside the writer's transaction.
products_changed = Signal()


def catalogue_changed(product_ids: Iterable[int | None]) -> None:
    """What these products offer may have changed: listings and search follow after commit."""
    ids = {pk for pk in product_ids if pk is not None}
    if not ids:
        return
    products_changed.send(sender=catalogue_changed, product_ids=ids)
