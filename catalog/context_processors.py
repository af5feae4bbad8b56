from django.core.cache import cache

from catalog import selectors

NAVIGATION_CACHE_KEY = "ocop:navigation:v1"
NAVIGATION_CACHE_SECONDS = 300


def navigation(request):
    """Category and province menus for every page, cached: they change a few times a year."""
    nav = cache.get(NAVIGATION_CACHE_KEY)
    if nav is None:
        nav = {
            "categories": selectors.navigation_categories(),
            "provinces": selectors.current_provinces(),
        }
        cache.set(NAVIGATION_CACHE_KEY, nav, NAVIGATION_CACHE_SECONDS)
    return {"ocop_nav": nav}
