"""Rendered HTML that is the same for every shopper: product cards, the category and
province menus, the footer. Rendering them is most of a listing's server time (each card
resolves URLs, translations, prices and thumbnails), yet they only change when the catalogue
does, so they are cached under the catalogue version and everything else the HTML depends
on: the day (certificates expire at midnight), the language, the host (the site, with
its theme and province scope) and the theme."""

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils import translation

from catalogue.listing_cache import catalogue_version
from catalogue.rules import today_in_vietnam

FRAGMENT_TTL_SECONDS = 600  # bounds staleness for edits that do not bump the version (names)
# A card's add-to-basket form carries the CSRF token, which differs per shopper: the cached
# HTML holds this marker and each request puts its own token in.
CSRF_MARKER = "ocop-csrf-token-marker"


def fragment_key(context, name: str, *parts) -> str:
    return ":".join(str(part) for part in (_key_prefix(context), name, *parts))


def _key_prefix(context) -> str:
    """Computed once per request (a listing asks once per card)."""
    request = context.get("request")
    prefix = getattr(request, "_ocop_fragment_prefix", None)
    if prefix is None:
        # The host picks the Wagtail site (so its theme and province scope) without a query;
        # the provincial-site setting, when in the context, names them as well.
        ocop_site = context.get("ocop_site")
        theme = getattr(ocop_site, "theme", None) or settings.THEME
        scope = getattr(ocop_site, "province_id", None) or getattr(ocop_site, "province", None)
        prefix = ":".join(str(part) for part in (
            "ocop:fragment", catalogue_version(), today_in_vietnam().isoformat(),
            translation.get_language(), request.get_host() if request is not None else "",
            theme, getattr(scope, "pk", scope)))
        if request is not None:
            request._ocop_fragment_prefix = prefix
    return prefix


def render_cached(context, template_name: str, key: str, **extra) -> str:
    html = cache.get(key)
    if html is None:
        template = context.template.engine.get_template(template_name)
        with context.push(csrf_token=CSRF_MARKER, **extra):
            html = template.render(context)
        cache.set(key, html, FRAGMENT_TTL_SECONDS)
    if CSRF_MARKER in html:
        # The request's own (lazy, evaluated once) token, as {% csrf_token %} would print it.
        token = context.get("csrf_token") or get_token(context.get("request"))
        html = html.replace(CSRF_MARKER, str(token))
    return html
