"""One call after anything that can change what is on sale: ``catalogue_changed``.

Placement, stock release, cancellation, certificate and producer decisions, imports and
admin edits call it with the products they touched, whatever ORM path wrote the rows
(a queryset ``update()`` sends no signal). Once the transaction commits it bumps the
listing version (cached listing counts start afresh) and queues the products' search
documents for rewriting; a rolled-back transaction does neither.
"""

from typing import Iterable

from catalog.listing_cache import bump_catalogue_version
from catalog.search.indexing import schedule_reindex


def catalogue_changed(product_ids: Iterable[int | None]) -> None:
    """What these products offer may have changed: listings and search follow after commit."""
    ids = {pk for pk in product_ids if pk is not None}
    if not ids:
        return
    bump_catalogue_version()
    schedule_reindex(ids)
