from django.apps import AppConfig

from catalogue.freshness import products_changed


class SearchConfig(AppConfig):
    """Product search (``/tim-kiem/``, ``/api/search/``, ``search_index``). Labelled
    ``product_search``: Oscar's own search app holds the label ``search``. The database
    backend's table keeps the ``catalogue`` label it was created under
    (``catalogue/search_table.py``)."""

    name = "search"
    label = "product_search"
    verbose_name = "Product search"

    def ready(self):
        # Imported once the models are loaded: indexing reaches the search table's model.
        from search.indexing import reindex_after_change

        products_changed.connect(reindex_after_change, dispatch_uid="search-reindex")
