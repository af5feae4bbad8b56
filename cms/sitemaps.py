from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as PagesSitemap

from catalogue.sellable import sellable_products


class SellableProductsSitemap(Sitemap):
    """Products on sale today; the rest are not for crawlers either."""

    limit = 50000

    def items(self):
        return sellable_products().only("id", "slug", "date_updated").order_by("pk")

    def lastmod(self, product):
        return product.date_updated


def sitemaps() -> dict:
    return {"pages": PagesSitemap, "products": SellableProductsSitemap}
