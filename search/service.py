"""Search as the storefront uses it: parse, ask the configured backend (the database's table
while a search engine is down), label the facets.

Views, the API and the benchmark call these functions; backends never see a request.
"""

import hashlib
from dataclasses import dataclass
from typing import Callable, Mapping, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.listing_cache import catalogue_version
from catalogue.rules import today_in_vietnam
from core.collation import sort_key
from core.outage import outage_of
from search.backends import FACETS, get_backend
from search.backends.base import SearchBackend
from search.query import (
    PRICE_BANDS,
    FacetValue,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
    Suggestion,
    parse_query,
    search_terms,
)

T = TypeVar("T")

Category = get_model("catalogue", "Category")
Province = get_model("catalogue", "Province")

REFERENCE_CACHE_KEY = "ocop:search:reference:v2"  # v2: English category names
REFERENCE_CACHE_SECONDS = 300
SUGGESTIONS_MAX = 8


@dataclass(frozen=True)
class Reference:
    """Slugs a query may name, with their labels. Changes a few times a year: cached."""

    provinces: dict[str, str]  # current and former provinces, by short name as in the menus
    categories: dict[str, str]  # OCOP groups and their subcategories


def reference() -> Reference:
    key = f"{REFERENCE_CACHE_KEY}:{get_language()}"  # labels follow the language
    ref = cache.get(key)
    if ref is None:
        ref = Reference(
            provinces=dict(Province.objects.values_list("slug", "short_name")),
            categories=category_names(),
        )
        cache.set(key, ref, REFERENCE_CACHE_SECONDS)
    return ref


def category_names() -> dict[str, str]:
    """Category names by slug in the active language (the English name where one is set)."""
    english = get_language() == "en"
    return {
        slug: (name_en if english and name_en else name)
        for slug, name, name_en in Category.objects.order_by("-path").values_list("slug", "name", "name_en")
    }


def query_from_params(params: Mapping[str, str], *, scope=None) -> SearchQuery:
    """Raises ``InvalidSearchParameter`` naming the bad parameter. ``scope``: the site's
    province (``core.scope.scope``), None for the whole country."""
    ref = reference()
    return parse_query(params, provinces=ref.provinces, categories=ref.categories,
                       day=today_in_vietnam(), scope=scope.slug if scope is not None else "")


def search(query: SearchQuery) -> SearchResult:
    """Raises ``SearchUnavailable`` when neither the engine nor the database can answer."""
    if query.day is None:
        raise ValueError("SearchQuery.day must be set")
    if query.matches_nothing:
        return SearchResult(count=0, page=query.page, page_size=query.page_size,
                            facets={name: [] for name in FACETS})
    matches = _cached_matches(query)
    return SearchResult(
        count=matches.count,
        page=query.page,
        page_size=query.page_size,
        hits=matches.hits,
        facets=label_facets(matches.facet_counts, reference()),
    )


MATCHES_CACHE_SECONDS = 300
# A search engine that failed is not asked again for this long: pages answer from the
# database meanwhile instead of waiting for a dead engine each time.
ENGINE_RETRY_SECONDS = 30


def _answer(ask: Callable[[SearchBackend], T]) -> T:
    """``ask`` of the configured backend; while an engine cannot answer, of the database's
    table, which is kept beside the engine (``search.indexing``), when it holds documents
    (a new installation may not have built it yet: then the engine's failure stands)."""
    backend = get_backend()
    if backend.name == "database":
        return ask(backend)
    database = get_backend("database")
    outage = outage_of(f"search: {settings.SEARCH_ENGINE} index {settings.ELASTICSEARCH_INDEX}",
                       fallback="answering from the database's search table",
                       retry_seconds=ENGINE_RETRY_SECONDS)
    if outage.resting and database.has_documents():
        return ask(database)
    try:
        answer = ask(backend)
    except SearchUnavailable as error:
        if not database.has_documents():
            raise
        outage.failed(error)
        return ask(database)
    outage.answered()
    return answer


def _cached_matches(query: SearchQuery):
    return _answer(lambda backend: _cached_search(backend, query))


def _cached_search(backend: SearchBackend, query: SearchQuery):
    """The backend's answer, cached under the catalogue version: a listing or search page
    asks the same question for every shopper until the catalogue changes. The version is
    bumped after the documents are rewritten (``indexing.reindex_products``), so an answer
    cached while a reindex was pending is not kept past it; the query carries the day and
    the site's scope."""
    digest = hashlib.sha256(repr((backend.name, query)).encode()).hexdigest()
    key = f"ocop:search:matches:{catalogue_version()}:{digest}"
    matches = cache.get(key)
    if matches is None:
        matches = backend.search(query)
        cache.set(key, matches, MATCHES_CACHE_SECONDS)
    return matches


def suggest(text: str, *, scope=None) -> list[Suggestion]:
    terms = search_terms(text)
    if not terms:
        return []
    return _answer(lambda backend: backend.suggest(
        terms, day=today_in_vietnam(), limit=SUGGESTIONS_MAX, scope=scope.slug if scope is not None else ""))


def label_facets(counts: dict[str, dict], ref: Reference) -> dict[str, list[FacetValue]]:
    """Facet entries with labels, zero counts left out: provinces and categories by count
    (then name), stars from five down."""
    provinces = [
        FacetValue(slug, ref.provinces.get(slug, slug), n)
        for slug, n in counts.get("province", {}).items() if n
    ]
    categories = [
        FacetValue(slug, ref.categories.get(slug, slug), n)
        for slug, n in counts.get("category", {}).items() if n
    ]
    stars = [
        FacetValue(int(value), _("%(stars)d sao") % {"stars": int(value)}, n)
        for value, n in counts.get("stars", {}).items() if n
    ]
    price_counts = counts.get("price", {})
    prices = [FacetValue(band.slug, price_band_label(band), price_counts[band.slug])
              for band in PRICE_BANDS if price_counts.get(band.slug)]
    by_count = lambda f: (-f.count, sort_key(f.label))  # noqa: E731
    return {
        "province": sorted(provinces, key=by_count),
        "stars": sorted(stars, key=lambda f: -f.value),
        "category": sorted(categories, key=by_count),
        "price": prices,  # cheapest first
    }


def _amount(value: int) -> str:
    """Whole đồng, thousands grouped as the active language writes them (100.000, 100,000)."""
    return f"{value:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


def price_band_label(band) -> str:
    amounts = {"low": _amount(band.low), "high": _amount(band.high) if band.high else ""}
    if not band.low:
        return _("Dưới %(high)s ₫") % amounts
    if band.high is None:
        return _("Từ %(low)s ₫") % amounts
    return _("%(low)s–%(high)s ₫") % amounts
