"""Rendered HTML that is the same for every shopper: product cards, the category and
province menus, the footer. Rendering them is most of a listing's server time (each card
resolves URLs, translations, prices and thumbnails), yet they only change when the catalogue
does, so they are cached under the catalogue version and everything else the HTML depends
on: the day (certificates expire at midnight), the language, the site (its theme and
province scope) and the theme."""

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils import translation
from wagtail.models import Site

from catalog.listing_cache import catalogue_version
from catalog.rules import today_in_vietnam

FRAGMENT_TTL_SECONDS = 600  # bounds staleness for edits that do not bump the version (names)
# A card's add-to-basket form carries the CSRF token, which differs per shopper: the cached
# HTML holds this marker and each request puts its own token in.
CSRF_MARKER = "ocop-csrf-token-marker"


def fragment_key(context, name: str, *parts) -> str:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    # The provincial-site setting (when present) names the theme and scope; a theme change
    # in settings alone must not serve the old theme's HTML either.
    ocop_site = context.get("ocop_site")
    theme = getattr(ocop_site, "theme", None) or settings.THEME
    scope = getattr(ocop_site, "province_id", None) or getattr(ocop_site, "province", None)
    return ":".join(str(part) for part in (
        "ocop:fragment", name, catalogue_version(), today_in_vietnam().isoformat(),
        translation.get_language(), getattr(site, "pk", ""), theme, getattr(scope, "pk", scope),
        *parts))


def render_cached(context, template_name: str, key: str, **extra) -> str:
    html = cache.get(key)
    if html is None:
        template = context.template.engine.get_template(template_name)
        with context.push(csrf_token=CSRF_MARKER, **extra):
            html = template.render(context)
        cache.set(key, html, FRAGMENT_TTL_SECONDS)
    if CSRF_MARKER in html:
        request = context.get("request")
        html = html.replace(CSRF_MARKER, get_token(request) if request is not None else "")
    return html
