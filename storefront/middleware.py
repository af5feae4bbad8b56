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
