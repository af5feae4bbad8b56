"""Signal wiring for the catalogue fork.

Oscar's analytics app writes a counter row on every product view and basket addition;
under concurrent shoppers those writes contend on one row and turned into 500s on
PostgreSQL. Browsing and adding to a basket should never write shared rows, so those two
receivers are switched off (order analytics stay).
"""

from oscar.apps.analytics import receivers as analytics
from oscar.apps.basket.signals import basket_addition
from oscar.apps.catalogue.signals import product_viewed

product_viewed.disconnect(analytics.receive_product_view)
basket_addition.disconnect(analytics.receive_basket_addition)


# Listing counts are cached per catalogue version; any change that can alter what is on
# sale bumps the version once the change has committed.
from django.db.models.signals import post_delete, post_save  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from catalog.listing_cache import bump_catalogue_version  # noqa: E402


def _catalogue_changed(sender, **kwargs):
    bump_catalogue_version()


for _model in (get_model("catalogue", "Product"), get_model("catalogue", "Certificate"),
               get_model("partner", "StockRecord")):
    post_save.connect(_catalogue_changed, sender=_model, dispatch_uid=f"listing-count-{_model.__name__}")
    post_delete.connect(_catalogue_changed, sender=_model, dispatch_uid=f"listing-count-del-{_model.__name__}")

# Search documents follow the catalogue (issue 3): receivers schedule, on_commit enqueues.
from catalog.search import indexing  # noqa: E402

indexing.connect()
