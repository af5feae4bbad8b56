from django.core.cache import cache

from catalogue.context_processors import NAVIGATION_CACHE_SECONDS
from pos.models import PointOfSale

POINTS_OF_SALE_CACHE_KEY = "ocop:footer-points-of-sale:v1"
FOOTER_POINTS_OF_SALE = 6


def points_of_sale(request):
    """The first active points of sale for the footer, cached like the menus: a new kiosk can
    wait five minutes to appear, a query on every page cannot be afforded."""
    shops = cache.get(POINTS_OF_SALE_CACHE_KEY)
    if shops is None:
        shops = [
            {"name": p.name, "place": p.province.short_name}
            for p in PointOfSale.objects.filter(is_active=True).select_related("province")[:FOOTER_POINTS_OF_SALE]
        ]
        cache.set(POINTS_OF_SALE_CACHE_KEY, shops, NAVIGATION_CACHE_SECONDS)
    return {"ocop_points_of_sale": shops}
