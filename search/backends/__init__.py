"""Search backends: each stores ``ProductDocument``s and answers a ``SearchQuery``.

``database`` (the default) uses the ``SearchDocument`` table; ``elasticsearch`` uses an
Elasticsearch or OpenSearch cluster (bodies built with ``elasticsearch.dsl``, sent by each
engine's own client), and the table is kept beside it as the fallback listings and search use
while the engine is down (``search.service``). Both return ``Matches``: the hits of the page,
the total and the raw facet counts, which ``search.service`` labels and orders the same way
for both.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from search.backends.base import SearchBackend
from search.backends.database import DatabaseBackend

FACETS = ("province", "stars", "category", "price")


def get_backend(name: str | None = None) -> SearchBackend:
    name = name or settings.SEARCH_BACKEND
    if name == "database":
        return DatabaseBackend()
    if name == "elasticsearch":
        # Loaded only when chosen: the client libraries take about a second to import.
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    raise ImproperlyConfigured(f"SEARCH_BACKEND must be 'database' or 'elasticsearch'; got {name!r}")


def backends_to_write() -> list[SearchBackend]:
    """Where documents are written: the database table always (first, so it is written even
    when the engine fails), then the configured engine."""
    configured = get_backend()
    return [configured] if configured.name == "database" else [DatabaseBackend(), configured]
