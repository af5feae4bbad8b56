"""The language switcher (``/i18n/setlang/``): the same page in the other language.

Django's ``set_language`` maps ``next`` with ``translate_url``, which resolves the path in the
active language; the switcher's own URL is unprefixed (Vietnamese), so "/en/..." would not
resolve and the shopper would stay in English. We resolve ``next`` in its own language first.
A Wagtail page maps to its translation (an editor may give it another slug).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.views import i18n
from wagtail.models import Locale, Site
from wagtail.views import serve as wagtail_serve


def set_language(request):
    chosen = request.POST.get("language", "")
    next_path = urlsplit(request.POST.get("next", request.GET.get("next", ""))).path
    with translation.override(translation.get_language_from_path(next_path) or settings.LANGUAGE_CODE):
        response = i18n.set_language(request)
        if response.status_code == 302 and chosen in dict(settings.LANGUAGES):
            page_url = _translated_page_url(request, next_path, chosen)
            if page_url:
                response["Location"] = page_url
    return response


def alternate_urls(request) -> list[tuple[str, str]]:
    """(language, absolute URL) of this page in each language it exists in, for
    ``<link rel="alternate" hreflang>``: a Wagtail page only where it is translated."""
    path = request.path
    here = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    alternates = []
    with translation.override(here):
        for code, _name in settings.LANGUAGES:
            url = path if code == here else (_translated_page_url(request, path, code) or _django_url(path, code))
            if url:
                alternates.append((code, request.build_absolute_uri(url)))
    return alternates


def _django_url(path: str, language: str) -> str | None:
    try:
        if resolve(path).func is wagtail_serve:
            return None  # a page without a live translation
    except Resolver404:
        return None
    url = translate_url(path, language)
    return url if url != path else None


def _translated_page_url(request, path: str, language: str) -> str | None:
    """The URL of the Wagtail page at ``path`` (active language) in ``language``, if live."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    site = Site.find_for_request(request)
    if match.func is not wagtail_serve or site is None:
        return None
    page_path = match.args[0] if match.args else match.kwargs.get("path", "")
    components = [part for part in page_path.split("/") if part]
    try:
        page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    except Http404:
        return None
    locale = Locale.objects.filter(language_code=language).first()
    target = page.get_translation_or_none(locale) if locale else None
    if target is None or not target.live:
        return None
    with translation.override(language):
        return target.get_url(request)
