"""The database search backend's table: one row per searchable product, written only by
``search.backends.database`` (kept in step by ``search.indexing``). It is the catalogue's table
because it was created under the ``catalogue`` label, and tables do not move between apps;
``catalogue.models`` imports it so Django registers it there.

On PostgreSQL ``search_vector`` holds the weighted full-text vector (both titles A; producer,
regions and categories B; description C) and a trigram index serves suggestions; on SQLite
the space-padded folded columns are matched word by word.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """One coverage segment of a product (``search.documents``): a query for day D
    reads the rows with ``sellable_from <= D <= sellable_until``, at most one per product."""

    id = models.BigAutoField(primary_key=True)
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="search_documents",
    )
    title = models.CharField(max_length=255)
    title_en = models.CharField(max_length=255, blank=True, default="")
    description = models.TextField(blank=True)
    url = models.CharField(max_length=255)
    producer_slug = models.CharField(max_length=128)
    producer_name = models.CharField(max_length=255)
    producer_kind = models.CharField(max_length=32)
    province_slug = models.CharField(max_length=64)
    province_name = models.CharField(max_length=128)
    former_province_slug = models.CharField(max_length=64, null=True)
    former_province_name = models.CharField(max_length=128, null=True)
    ward_name = models.CharField(max_length=128, null=True)
    group_slug = models.CharField(max_length=255, null=True)
    group_name = models.CharField(max_length=255, null=True)
    group_name_en = models.CharField(max_length=255, null=True)
    category_slug = models.CharField(max_length=255, null=True)
    category_name = models.CharField(max_length=255, null=True)
    category_name_en = models.CharField(max_length=255, null=True)
    stars = models.PositiveSmallIntegerField()
    price = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    in_stock = models.BooleanField()
    certificate_number = models.CharField(max_length=64)
    certificate_expires_on = models.DateField()
    created = models.DateTimeField()
    image = models.CharField(max_length=255, null=True)
    sellable_from = models.DateField()
    sellable_until = models.DateField()
    folded_title = models.TextField()
    folded_text = models.TextField()
    search_vector = SearchVectorField(null=True)

    class Meta:
        app_label = "catalogue"
        constraints = [
            models.UniqueConstraint(fields=["product", "sellable_from"], name="searchdoc_one_per_segment"),
        ]
        indexes = [
            models.Index(fields=["price", "product"], name="searchdoc_price"),
            models.Index(fields=["-created", "-product"], name="searchdoc_newest"),
            models.Index(fields=["producer_slug"], name="searchdoc_producer"),
            models.Index(fields=["province_slug"], name="searchdoc_province"),
            models.Index(fields=["former_province_slug"], name="searchdoc_former_province"),
            # Covers the facet counts (read from the index alone, without the wide rows).
            models.Index(
                fields=["sellable_until", "sellable_from", "province_slug", "stars", "group_slug",
                        "former_province_slug", "category_slug", "producer_slug"],
                name="searchdoc_facets",
            ),
        ]

    def __str__(self) -> str:
        return self.title
