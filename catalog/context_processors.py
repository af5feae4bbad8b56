from django.core.cache import cache
from django.utils.translation import get_language

from catalog import selectors
from catalog.pos.models import PointOfSale
from storefront.sites import scope

NAVIGATION_CACHE_KEY = "ocop:navigation:v3"  # v3: categories with name_en
NAVIGATION_CACHE_SECONDS = 300


def navigation(request):
    """Category and province menus for every page, cached: they change a few times a year.
    A provincial site's menu names its own province only."""
    province = scope(request)
    key = f"{NAVIGATION_CACHE_KEY}:{get_language()}:{province.slug if province else '-'}"
    nav = cache.get(key)
    if nav is None:
        nav = {
            "categories": selectors.navigation_categories(),
            "provinces": [province] if province else selectors.current_provinces(),
        }
        cache.set(key, nav, NAVIGATION_CACHE_SECONDS)
    return {"ocop_nav": nav}


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
