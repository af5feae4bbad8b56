from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import Http404, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.views.defaults import page_not_found


class RejectNulBytesMiddleware:
    """NUL bytes in the path, the query string or a form value get a 400 before any view or
    database sees them (PostgreSQL refuses NUL in text, which would be a 500). Reading
    ``request.POST`` here also turns a form with more fields than
    ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` into Django's 400 (a clean page: templates/400.html).
    Uploaded files are not form values and may hold any byte."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            return HttpResponseBadRequest(render_to_string("400.html"))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for data in sources:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return True
        return False


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the back office's exception in one place.

    The storefront's (and Django admin's) policy is strict: no inline script. Oscar's
    dashboard and Wagtail's admin render inline scripts we do not own, so under
    ``CSP_BACK_OFFICE_PREFIXES`` script-src also allows 'unsafe-inline'; Wagtail's live
    preview shows our own pages in a frame, so there frame-ancestors is 'self': under /cms/ and
    for the page Wagtail renders inside the preview (its own request through this middleware,
    path the page's URL, marked ``is_dummy``; no outside request carries it). Stripe.js is
    allowed only under ``CSP_STRIPE_PREFIXES`` (the checkout, where the card page is).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        path = request.path_info
        update = dict(parts.update or {})
        if path.startswith(tuple(settings.CSP_STRIPE_PREFIXES)):
            for directive, sources in settings.CSP_STRIPE.items():
                update[directive] = [*update.get(directive, []), *sources]
        if path.startswith(tuple(settings.CSP_BACK_OFFICE_PREFIXES)):
            update["script-src"] = [*update.get("script-src", []), UNSAFE_INLINE]
        parts.update = update or None
        if path.startswith("/cms/") or getattr(request, "is_dummy", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class FriendlyNotFoundMiddleware:
    """With DEBUG on, Django answers a 404 with its technical page, which lists every URL
    pattern: not what someone trying the demo should meet. This renders the theme's
    ``404.html`` as production does, for an Http404 raised by a view and for a path that
    matches no URL (no view was resolved). Innermost, so that CommonMiddleware still adds
    the trailing slash and CSRF, session and security headers still apply."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
