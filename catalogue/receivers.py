"""Signal wiring for the catalogue fork.

Oscar's analytics app writes a counter row on every product view and basket addition;
under concurrent shoppers those writes contend on one row and turned into 500s on
PostgreSQL. Browsing and adding to a basket should never write shared rows, so those two
receivers are switched off (order analytics stay).

Edits made through model forms (Oscar's dashboard, Django's admin) save instances, so
their signals call ``catalogue_changed``; services and placement call it themselves, since
their queryset updates send no signal.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from oscar.apps.analytics import receivers as analytics
from oscar.apps.basket.signals import basket_addition
from oscar.apps.catalogue.signals import product_viewed
from oscar.core.loading import get_model

from catalogue.freshness import catalogue_changed, products_changed
from catalogue.listing_cache import bump_catalogue_version
from catalogue.selectors import products_in_categories

product_viewed.disconnect(analytics.receive_product_view)
basket_addition.disconnect(analytics.receive_basket_addition)

Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


def _listings_follow(sender, product_ids, **kwargs):
    bump_catalogue_version()


def _product_saved(sender, instance, **kwargs):
    catalogue_changed([instance.pk, instance.parent_id])


def _owned_by_product(sender, instance, **kwargs):
    catalogue_changed([instance.product_id])


def _producer_saved(sender, instance, created=False, **kwargs):
    if not created:
        catalogue_changed(instance.products.values_list("pk", flat=True))


def _category_saved(sender, instance, created=False, **kwargs):
    # Its names (both languages) are in the search documents of the products below it.
    if not created:
        catalogue_changed(products_in_categories([instance]))


def _categories_changed(sender, instance, action, pk_set, reverse, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    # reverse: category.product_set changed, so pk_set holds product ids
    catalogue_changed(pk_set or [] if reverse else [instance.pk])


post_save.connect(_product_saved, sender=Product, dispatch_uid="catalogue-product-save")
post_delete.connect(_product_saved, sender=Product, dispatch_uid="catalogue-product-delete")
for _model in (StockRecord, Certificate, ProductCategory, ProductImage):
    post_save.connect(_owned_by_product, sender=_model, dispatch_uid=f"catalogue-{_model.__name__}-save")
    post_delete.connect(_owned_by_product, sender=_model, dispatch_uid=f"catalogue-{_model.__name__}-delete")
post_save.connect(_category_saved, sender=Category, dispatch_uid="catalogue-category-save")
post_save.connect(_producer_saved, sender=Producer, dispatch_uid="catalogue-producer-save")
m2m_changed.connect(_categories_changed, sender=Product.categories.through,
                    dispatch_uid="catalogue-product-categories")
products_changed.connect(_listings_follow, dispatch_uid="catalogue-listing-version")
