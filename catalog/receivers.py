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

# Search documents follow the catalogue (issue 3): receivers schedule, on_commit enqueues.
from catalog.search import indexing  # noqa: E402

indexing.connect()
