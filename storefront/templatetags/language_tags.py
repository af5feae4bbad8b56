from django import template
from wagtail.models import Locale

from storefront.languages import alternate_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[tuple[str, str]]:
    """``{% language_alternates as alternates %}``: (hreflang, URL) of this page per language."""
    request = context.get("request")
    return alternate_urls(request) if request is not None else []


@register.simple_tag
def content_language(page) -> str:
    """``lang`` for a Wagtail page's content: an English copy whose title is still its
    Vietnamese page's title has not been translated yet, so its text is Vietnamese."""
    locale = getattr(page, "locale", None)
    if locale is None or locale.is_default:
        return locale.language_code if locale else ""
    source = page.get_translation_or_none(Locale.get_default())
    return source.locale.language_code if source and source.title == page.title else locale.language_code
