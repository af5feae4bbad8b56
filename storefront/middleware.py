from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class SiteLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the visitor chose another language with the switcher.

    Django's LocaleMiddleware also follows the browser's Accept-Language, which would show a
    tourist's English browser a half-translated shop; the language cookie set by the
    switcher (``/i18n/setlang/``) is the only thing that changes it here.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the back office's exception in one place.

    The storefront's (and Django admin's) policy is strict: no inline script. Oscar's
    dashboard and Wagtail's admin render inline scripts we do not own, so under
    ``CSP_BACK_OFFICE_PREFIXES`` script-src also allows 'unsafe-inline'; Wagtail's live
    preview shows our own pages in a frame, so there frame-ancestors is 'self'. Stripe.js is
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
        if path.startswith("/cms/"):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
