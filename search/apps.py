from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Product search (``/tim-kiem/``, ``/api/search/``, ``search_index``). Labelled
    ``product_search``: Oscar's own search app holds the label ``search``. The database
    backend's table keeps the ``catalogue`` label it was created under
    (``catalogue/search_table.py``)."""

    name = "search"
    label = "product_search"
    verbose_name = "Product search"

    def ready(self):
        from catalogue.freshness import products_changed
        from search.indexing import reindex_after_change

        products_changed.connect(reindex_after_change, dispatch_uid="search-reindex")
