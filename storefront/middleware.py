import logging
import re
from dataclasses import dataclass

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found


# Paths that answer JSON (the search and editorial APIs, GraphQL, the health check, the
# address form's ward list and Stripe's webhook), in Vietnamese or under /en/: bad input
# there is answered in JSON too, as the public contract promises (docs/search.md).
JSON_PATHS = re.compile(r"^/(?:en/)?(?:api/|graphql/|healthz$|checkout/(?:xa-phuong|stripe/webhook)/)")
# What Django raises when a form cannot be read (more than DATA_UPLOAD_MAX_NUMBER_FIELDS
# fields or files, a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a broken multipart body).
UNREADABLE_FORM = (TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig, MultiPartParserError)

logger = logging.getLogger("ocop.security")


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused before any view: the parameter at fault, if one is."""

    message: str
    parameter: str | None = None
    unreadable: bool = False  # the form could not be read at all


class RejectNulBytesMiddleware:
    """NUL bytes in the path, the query string or a form value, and forms that cannot be
    read, get a 400 before any view or database sees them (PostgreSQL refuses NUL in text,
    which would be a 500): the theme's 400.html for pages, JSON for JSON_PATHS. The form is
    read here, once, and a failure answered here: Django's own 400 path for these errors
    differs between DEBUG on (a technical page) and off, and never answers in JSON.
    Uploaded files are not form values and may hold any byte."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self._refusal(request)
        if refusal is None:
            return self.get_response(request)
        return bad_request_response(request, refusal)

    @classmethod
    def _refusal(cls, request) -> Refusal | None:
        if "\x00" in request.path:
            return Refusal(_("Địa chỉ chứa ký tự không cho phép."))
        try:
            sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        except UNREADABLE_FORM as exc:
            request._mark_post_parse_error()  # a later reader finds an empty form, not the error again
            logger.warning("Refused an unreadable form on %s: %s", request.path, exc)
            return Refusal(_("Không đọc được dữ liệu gửi lên: quá nhiều trường hoặc quá lớn."), unreadable=True)
        for data in sources:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    name = key.replace("\x00", "")
                    return Refusal(_("Tham số %(name)s chứa ký tự không cho phép.") % {"name": name}, parameter=name)
        if "%00" in request.META.get("QUERY_STRING", ""):
            return Refusal(_("Địa chỉ chứa ký tự không cho phép."))
        return None


GRAPHQL_MESSAGES = {
    # The GraphQL view's own words for the same problems (graphql_api/views.py).
    False: "Null characters are not allowed.",
    True: "The request could not be read: too many fields or too large.",
}


def bad_request_response(request, refusal: Refusal):
    """The 400 for a refused request, in the format the path answers in."""
    json_path = JSON_PATHS.match(request.path)
    if json_path is None:
        return HttpResponseBadRequest(render_to_string("400.html"))
    if json_path.group(0).endswith("graphql/"):
        return JsonResponse({"errors": [{"message": GRAPHQL_MESSAGES[refusal.unreadable]}]}, status=400)
    if refusal.parameter is not None:
        body = {"error": "invalid_parameter", "parameter": refusal.parameter, "message": refusal.message}
    else:
        body = {"error": "bad_request", "message": refusal.message}
    return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})


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
