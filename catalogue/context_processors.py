from django.core.cache import cache
from django.utils.translation import get_language

from catalogue import selectors
from core.scope import scope

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
