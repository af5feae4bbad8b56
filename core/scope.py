"""The request's province scope: a provincial storefront sells one province's products.

The site shell (``storefront.sites.SiteMiddleware``) sets it per request; code below the shell
reads it here, so the catalogue, search and CMS never import the shell. ``None`` is the whole
country (the national shop, and any code running outside a request).
"""

import contextvars

current_scope: contextvars.ContextVar = contextvars.ContextVar("ocop_scope", default=None)


def scope(request):
    """The province this request's site is limited to, or None for the whole country."""
    site = getattr(request, "ocop_site", None)
    return site.province if site is not None else None
