"""The database backend (the default): the ``SearchDocument`` table.

PostgreSQL matches words with full-text search over a weighted ``tsvector`` built with
``unaccent`` (Vietnamese and English titles A; producer, regions and categories in both
languages B; description C) and ranks with ``ts_rank``; suggestions use the trigram index
on the folded title (both titles). SQLite matches the same
folded words in space-padded columns and ranks title matches first. Filters, facets and
sorts are the same code on both.

A search costs two queries whatever the page size: one ``GROUP BY`` over the matching
documents gives the total and all three facets (each without its own filter), one reads
the page.
"""

import datetime
from typing import Iterable

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import SearchQuery as TsQuery
from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Case, Count, DateField, F, Func, IntegerField, Q, QuerySet, Value, When

from catalogue.models import SearchDocument
from search.backends.base import Matches, Progress, hit_from_document, suggestion
from search.documents import ProductDocument, documents_for
from search.query import PRICE_BANDS, SearchQuery, Suggestion

HIT_FIELDS = (
    "product_id", "title", "url", "price", "currency", "stars", "province_slug",
    "province_name", "former_province_slug", "former_province_name", "producer_slug",
    "producer_name", "category_slug", "category_name", "image", "certificate_number",
    "certificate_expires_on",
)
WRITE_BATCH = 1000
_TEXT_CONFIG = "simple"


def _vector():
    def part(*fields, weight):
        return SearchVector(*(Unaccent(f) for f in fields),
                            config=_TEXT_CONFIG, weight=weight)

    return (
        part("title", "title_en", weight="A")
        + part("producer_name", "province_name", "former_province_name", "ward_name",
               "group_name", "group_name_en", "category_name", "category_name_en", weight="B")
        + part("description", weight="C")
    )


def _uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def row(document: ProductDocument) -> SearchDocument:
    fields = document.as_dict()
    product_id = fields.pop("product_id")
    return SearchDocument(product_id=product_id, folded_title=document.folded_title,
                          folded_text=document.folded_text, **fields)


_COPY_COLUMNS = [*ProductDocument.__dataclass_fields__, "folded_title", "folded_text"]


def _copy(batch: list[ProductDocument]) -> None:
    """PostgreSQL's COPY: bulk INSERT's parameter handling was most of a rebuild's time
    (100,000 products: 27 s with COPY, 83 s with ``bulk_create``, measured here)."""
    columns = ", ".join(f'"{c}"' for c in _COPY_COLUMNS)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(
            f"COPY {SearchDocument._meta.db_table} ({columns}) FROM STDIN"
        ) as copy:
            for document in batch:
                copy.write_row([
                    *(getattr(document, f) for f in ProductDocument.__dataclass_fields__),
                    document.folded_title, document.folded_text,
                ])


def _price_band():
    """The document's PRICE_BANDS slug, computed in the GROUP BY (prices are too many to group)."""
    return Case(
        *(When(price__lt=band.high, then=Value(band.slug)) for band in PRICE_BANDS if band.high),
        default=Value(PRICE_BANDS[-1].slug),
    )


def _group_fields(query: SearchQuery) -> list[str]:
    """The facet fields, plus the columns a province or category filter also compares:
    without those filters at most 34 × 3 × 6 × 4 groups come back."""
    # stars first: no index starts with it, so SQLite scans the table once rather than
    # walking the province index to a row lookup per document.
    fields = ["stars", "province_slug", "group_slug", "price_band"]
    if query.province:
        fields.append("former_province_slug")
    if query.category:
        fields.append("category_slug")
    return fields


# Facet filters, once as row predicates (for the facet counts) and once as Q (for the page).
def _row_filters(query: SearchQuery) -> dict:
    checks = {}
    if query.province:
        checks["province"] = lambda r: query.province in (r["province_slug"], r["former_province_slug"])
    if query.stars is not None or query.min_stars is not None:
        checks["stars"] = lambda r: (
            (query.stars is None or r["stars"] == query.stars)
            and (query.min_stars is None or r["stars"] >= query.min_stars)
        )
    if query.category:
        checks["category"] = lambda r: query.category in (r["group_slug"], r["category_slug"])
    if query.price:
        checks["price"] = lambda r: r["price_band"] == query.price
    return checks


def _q_filters(query: SearchQuery) -> Q:
    q = Q()
    if query.province:
        q &= Q(province_slug=query.province) | Q(former_province_slug=query.province)
    if query.stars is not None:
        q &= Q(stars=query.stars)
    if query.min_stars is not None:
        q &= Q(stars__gte=query.min_stars)
    if query.category:
        q &= Q(group_slug=query.category) | Q(category_slug=query.category)
    band = query.price_band
    if band is not None:
        q &= Q(price__gte=band.low) & (Q(price__lt=band.high) if band.high else Q())
    return q


FACET_KEYS = {"province": "province_slug", "stars": "stars", "category": "group_slug",
              "price": "price_band"}


def facet_counts(groups: list[dict], query: SearchQuery) -> tuple[int, dict[str, dict]]:
    """Total and facet counts from the matching documents grouped by facet fields."""
    checks = _row_filters(query)
    count = 0
    facets: dict[str, dict] = {name: {} for name in FACET_KEYS}
    for group in groups:
        failed = [name for name, check in checks.items() if not check(group)]
        if not failed:
            count += group["n"]
        for name, key in FACET_KEYS.items():
            # A facet ignores its own filter, so shoppers see the values they can switch to.
            if failed in ([], [name]) and group[key] is not None:
                facets[name][group[key]] = facets[name].get(group[key], 0) + group["n"]
    return count, facets


class DatabaseBackend:
    name = "database"

    @staticmethod
    def _valid_on(day: datetime.date, *, scanning: bool) -> QuerySet:
        """Documents whose segment covers ``day``: the products sellable that day."""
        if scanning and not _uses_full_text():
            # A word match on SQLite reads every row anyway; "+column" stops it walking the
            # facets index for this near-universal date range with a row lookup each time.
            return SearchDocument.objects.alias(
                until=Func(F("sellable_until"), template="+%(expressions)s", output_field=DateField()),
                since=Func(F("sellable_from"), template="+%(expressions)s", output_field=DateField()),
            ).filter(until__gte=day, since__lte=day)
        return SearchDocument.objects.filter(sellable_until__gte=day, sellable_from__lte=day)

    def _matching(self, query: SearchQuery) -> tuple[QuerySet, object]:
        terms = query.terms
        docs = self._valid_on(query.day, scanning=bool(terms))
        if query.producer:
            docs = docs.filter(producer_slug=query.producer)
        if query.scope:
            docs = docs.filter(province_slug=query.scope)
        if not terms:
            return docs, None
        if _uses_full_text():
            tsquery = TsQuery(" ".join(terms), config=_TEXT_CONFIG, search_type="plain")
            docs = docs.filter(search_vector=tsquery)
            return docs, SearchRank(F("search_vector"), tsquery)
        for term in terms:
            docs = docs.filter(folded_text__contains=f" {term} ")
        title_hits = sum(
            (Case(When(folded_title__contains=f" {t} ", then=Value(1)), default=Value(0),
                  output_field=IntegerField()) for t in terms),
            Value(0),
        )
        return docs, title_hits

    @staticmethod
    def _ordering(query: SearchQuery, ranked: bool) -> list:
        newest = [F("created").desc(), F("product_id").desc()]
        relevance = [F("rank").desc()] if ranked else []
        return {
            "relevance": relevance + newest,
            "price": [F("price").asc(), F("product_id").asc()],
            "-price": [F("price").desc(), F("product_id").asc()],
            "-stars": [F("stars").desc()] + relevance + newest,
            "newest": newest,
        }[query.sort]

    def search(self, query: SearchQuery) -> Matches:
        docs, rank = self._matching(query)
        groups = list(docs.order_by().annotate(price_band=_price_band())
                      .values(*_group_fields(query)).annotate(n=Count("*")))
        count, facets = facet_counts(groups, query)
        page = docs.filter(_q_filters(query))
        ranked = rank is not None and query.sort in ("relevance", "-stars")
        if ranked:
            page = page.annotate(rank=rank)
        page = page.order_by(*self._ordering(query, ranked))
        rows = page.values(*HIT_FIELDS)[query.offset: query.offset + query.page_size]
        return Matches(count=count, hits=[hit_from_document(r) for r in rows], facet_counts=facets)

    def suggest(self, terms: tuple[str, ...], *, day: datetime.date, limit: int,
                scope: str = "") -> list[Suggestion]:
        docs = self._valid_on(day, scanning=True)
        if scope:
            docs = docs.filter(province_slug=scope)
        for term in terms[:-1]:
            docs = docs.filter(folded_title__contains=f" {term} ")
        # The last word may still be being typed: it matches the start of a word.
        docs = docs.filter(folded_title__contains=f" {terms[-1]}")
        starts = Case(When(folded_title__startswith=f" {terms[0]}", then=Value(0)),
                      default=Value(1), output_field=IntegerField())
        rows = docs.annotate(starts=starts).order_by("starts", "title", "product_id")
        return [suggestion(r) for r in rows.values("title", "title_en", "url")[:limit]]

    def _write(self, documents: Iterable[ProductDocument], progress: Progress | None) -> int:
        written, batch = 0, []
        for document in documents:
            batch.append(document)
            if len(batch) >= WRITE_BATCH:
                written += self._flush(batch, progress)
                batch = []
        if batch:
            written += self._flush(batch, progress)
        return written

    @staticmethod
    def _flush(batch: list[ProductDocument], progress: Progress | None) -> int:
        if _uses_full_text():
            _copy(batch)
            SearchDocument.objects.filter(product_id__in=[d.product_id for d in batch]).update(
                search_vector=_vector()
            )
        else:
            SearchDocument.objects.bulk_create([row(d) for d in batch])
        if progress:
            progress(len(batch))
        return len(batch)

    def index_products(self, product_ids: Iterable[int], *, day: datetime.date) -> None:
        """Bring these products' documents in step: rewritten if sellable, removed if not."""
        ids = sorted(set(product_ids))
        documents = list(documents_for(day=day, product_ids=ids))
        with transaction.atomic():
            SearchDocument.objects.filter(product_id__in=ids).delete()
            self._write(documents, None)

    def rebuild(self, *, day: datetime.date, total: int, progress: Progress | None = None) -> int:
        # One transaction: shoppers keep the old documents until the new ones are complete.
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            written = self._write(documents_for(day=day), progress)
        self._refresh_statistics()
        return written

    @staticmethod
    def _refresh_statistics() -> None:
        """Fresh planner statistics for the rewritten table; outside a transaction also a
        VACUUM, which lets the facet counts read the covering index alone."""
        table = SearchDocument._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql" or connection.in_atomic_block:
                cursor.execute(f"ANALYZE {table}")
            else:
                cursor.execute(f"VACUUM ANALYZE {table}")

    def health(self) -> str:
        return self.name

    @staticmethod
    def has_documents() -> bool:
        """Whether the table can stand in for an engine (it is built by search_index --rebuild)."""
        return SearchDocument.objects.exists()
