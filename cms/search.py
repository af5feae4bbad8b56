"""Wagtail's search over the editorial pages, with the shopper's text as literal words.

Wagtail's database backend puts each typed term between double quotes in an FTS5 MATCH on
SQLite without escaping a quote inside it, so ``a"b`` or ``mật ong"`` was "fts5: syntax
error", a 500 on the search page and in the editorial API. Only the words of a text
(``core.text.words``) reach Wagtail, as plain text: no quote, star, colon, bracket or
operator survives, on SQLite, PostgreSQL or Elasticsearch alike."""

from wagtail.models import Locale, Page
from wagtail.search.query import PlainText

from cms.models import GiftComboPage, ProductStoryPage
from core.text import words

# More words than this add nothing to a match but cost the engine.
MAX_WORDS = 16


def literal_text(text: str) -> str:
    """The text's words, space-separated: what Wagtail may be given of it ("" for none)."""
    return " ".join(words(text)[:MAX_WORDS])


def literal_query(text: str) -> PlainText | None:
    """The text's words as Wagtail's plain-text query, all of them to match; None when the
    text has no word at all."""
    found = literal_text(text)
    return PlainText(found, operator="and") if found else None


def search_editorial(*, text: str, language: str, limit: int) -> list:
    """Live stories and combos in ``language`` that Wagtail's search finds for ``text``."""
    query = literal_query(text)
    locale = Locale.objects.filter(language_code=language).first()
    if query is None or locale is None:
        return []
    # Wagtail's search filters on indexed fields only: the locale itself, not its code.
    pages = Page.objects.live().public().filter(locale=locale).type(ProductStoryPage, GiftComboPage)
    return list(pages.search(query)[:limit])
