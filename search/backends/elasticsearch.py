"""The Elasticsearch backend: the only module that talks to Elasticsearch or OpenSearch.

Documents live in a concrete index (``<alias>-<timestamp>``) that an alias names; a rebuild
loads a new index and moves the alias in one ``_aliases`` call, so search never goes dark.
Text is matched by a folding analyzer (lowercase + asciifolding, with ``đ`` → ``d``), facets
are terms aggregations, each under a filter of every other facet's selection, and the
facets' own selections go in ``post_filter``.

Elasticsearch 8/9 and OpenSearch 2/3 are both spoken, each through its own official client
(``search.backends.clients``, chosen by ``SEARCH_ENGINE``); the mapping, queries and
aggregations are built with ``elasticsearch.dsl`` (the DSL the ``elasticsearch`` client now
ships) as plain request bodies that both engines accept.
"""

import datetime
import logging
from typing import Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
)

from search.backends.base import Matches, Progress, hit_from_document, suggestion
from search.backends.clients import BULK_CHUNK, CLIENTS, EngineClient
from search.documents import ProductDocument, documents_for
from search.query import PRICE_BANDS, SearchQuery, SearchUnavailable, Suggestion

logger = logging.getLogger(__name__)

FACET_FIELDS = {"province": "province_slug", "stars": "stars", "category": "group_slug",
                "price": "price"}  # price: a range aggregation over PRICE_BANDS
FACET_SIZE = 100  # more than the 34 provinces, 3 star levels and 6 OCOP groups
MAX_SEGMENTS = 50  # documents one product can have (one per coverage segment); a handful in practice

vietnamese_d = char_filter("vietnamese_d", "mapping", mappings=["đ => d", "Đ => D"])
vietnamese_folding = analyzer(
    "vietnamese_folding",
    tokenizer="standard",
    char_filter=[vietnamese_d],
    filter=["lowercase", "asciifolding"],
)


class ProductIndexDocument(Document):
    """The mapping of ``search.documents.ProductDocument`` in the index."""

    product_id = Integer()
    title = Text(analyzer=vietnamese_folding)
    title_en = Text(analyzer=vietnamese_folding)
    description = Text(analyzer=vietnamese_folding)
    url = Keyword(index=False)
    producer_slug = Keyword()
    producer_name = Text(analyzer=vietnamese_folding)
    producer_kind = Keyword()
    province_slug = Keyword()
    province_name = Text(analyzer=vietnamese_folding)
    former_province_slug = Keyword()
    former_province_name = Text(analyzer=vietnamese_folding)
    ward_name = Text(analyzer=vietnamese_folding)
    group_slug = Keyword()
    group_name = Text(analyzer=vietnamese_folding)
    group_name_en = Text(analyzer=vietnamese_folding)
    category_slug = Keyword()
    category_name = Text(analyzer=vietnamese_folding)
    category_name_en = Text(analyzer=vietnamese_folding)
    stars = Integer()
    price = Long()
    currency = Keyword(index=False)
    in_stock = Boolean()
    certificate_number = Keyword()
    certificate_expires_on = Date()
    created = Date()
    image = Keyword(index=False)
    sellable_from = Date()
    sellable_until = Date()
    # Every searchable word, already folded by core.text.fold: the field the query must match.
    folded_text = Text(analyzer=vietnamese_folding)


def covering(search: Search, day: datetime.date) -> Search:
    """Only the documents whose segment covers ``day`` (see search.documents)."""
    return search.filter("range", sellable_from={"lte": day.isoformat()}).filter(
        "range", sellable_until={"gte": day.isoformat()}
    )


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(ProductIndexDocument)
    return index


def source(document: ProductDocument) -> dict:
    body = document.as_dict()
    for name in ("certificate_expires_on", "sellable_from", "sellable_until"):
        body[name] = getattr(document, name).isoformat()
    body["created"] = document.created.isoformat()
    body["folded_text"] = document.folded_text.strip()
    return body


_clients: dict[tuple, EngineClient] = {}


def client_for(url: str, *, engine: str, timeout: float) -> EngineClient:
    key = (url, engine, timeout)
    if key not in _clients:
        _clients[key] = CLIENTS[engine].connect(url, timeout=timeout)
    return _clients[key]


def _public_url(url: str) -> str:
    """The URL without credentials, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, client: EngineClient, *, alias: str, url: str = ""):
        self.client = client
        self.alias = alias
        self.url = url

    @classmethod
    def from_settings(cls) -> "ElasticsearchBackend":
        if settings.SEARCH_ENGINE not in CLIENTS:
            raise ImproperlyConfigured(
                f"SEARCH_ENGINE must be 'elasticsearch' or 'opensearch'; got {settings.SEARCH_ENGINE!r}"
            )
        url = settings.ELASTICSEARCH_URL
        client = client_for(url, engine=settings.SEARCH_ENGINE, timeout=settings.ELASTICSEARCH_TIMEOUT)
        return cls(client, alias=settings.ELASTICSEARCH_INDEX, url=url)

    def _unavailable(self, exc: Exception) -> SearchUnavailable:
        where = _public_url(self.url) if self.url else self.alias
        if isinstance(exc, self.client.not_found):
            return SearchUnavailable(
                f"search index '{self.alias}' does not exist at {where}: run search_index --rebuild"
            )
        return SearchUnavailable(f"Elasticsearch at {where} is unavailable ({type(exc).__name__})")

    # -- queries -------------------------------------------------------------------------

    @staticmethod
    def facet_filters(query: SearchQuery) -> dict[str, Q]:
        filters = {}
        if query.province:
            filters["province"] = Q("bool", minimum_should_match=1, should=[
                Q("term", province_slug=query.province),
                Q("term", former_province_slug=query.province),
            ])
        stars = []
        if query.stars is not None:
            stars.append(Q("term", stars=query.stars))
        if query.min_stars is not None:
            stars.append(Q("range", stars={"gte": query.min_stars}))
        if stars:
            filters["stars"] = Q("bool", filter=stars)
        if query.category:
            filters["category"] = Q("bool", minimum_should_match=1, should=[
                Q("term", group_slug=query.category),
                Q("term", category_slug=query.category),
            ])
        band = query.price_band
        if band is not None:
            filters["price"] = Q("range", price={"gte": band.low, **({"lt": band.high} if band.high else {})})
        return filters

    @staticmethod
    def sort(query: SearchQuery) -> list:
        newest = [{"created": {"order": "desc"}}, {"product_id": {"order": "desc"}}]
        relevance = [{"_score": {"order": "desc"}}] if query.ranks_by_text else []
        return {
            "relevance": relevance + newest,
            "price": [{"price": {"order": "asc"}}, {"product_id": {"order": "asc"}}],
            "-price": [{"price": {"order": "desc"}}, {"product_id": {"order": "asc"}}],
            "-stars": [{"stars": {"order": "desc"}}] + relevance + newest,
            "newest": newest,
        }[query.sort]

    def build_search(self, query: SearchQuery) -> Search:
        s = covering(Search(index=self.alias), query.day)
        if query.producer:
            s = s.filter("term", producer_slug=query.producer)
        if query.scope:
            s = s.filter("term", province_slug=query.scope)
        if query.terms:
            text = " ".join(query.terms)
            s = s.query(Q(
                "bool",
                must=[Q("match", folded_text={"query": text, "operator": "and"})],
                # Relevance: a word in a title (either language) counts for more than one
                # in the description.
                should=[Q("match", **{field: {"query": text, "operator": "and", "boost": 3}})
                        for field in ("title", "title_en")],
            ))
        filters = self.facet_filters(query)
        if filters:
            s = s.post_filter(Q("bool", filter=list(filters.values())))
        for name, field in FACET_FIELDS.items():
            others = [q for other, q in filters.items() if other != name]
            facet = s.aggs.bucket(name, "filter", filter=Q("bool", filter=others))
            if name == "price":
                facet.bucket("values", "range", field=field, ranges=[
                    {"key": b.slug, "from": b.low, **({"to": b.high} if b.high else {})}
                    for b in PRICE_BANDS
                ])
            else:
                facet.bucket("values", "terms", field=field, size=FACET_SIZE)
        s = s.sort(*self.sort(query)).extra(track_total_hits=True)
        return s[query.offset: query.offset + query.page_size]

    def search(self, query: SearchQuery) -> Matches:
        s = self.build_search(query)
        try:
            body = self.client.search(self.alias, s.to_dict())
        except self.client.errors as exc:
            raise self._unavailable(exc) from exc
        return parse_response(body)

    def suggest(self, terms: tuple[str, ...], *, day: datetime.date, limit: int,
                scope: str = "") -> list[Suggestion]:
        s = covering(Search(index=self.alias), day)
        if scope:
            s = s.filter("term", province_slug=scope)
        text = " ".join(terms)
        s = s.query(Q("bool", minimum_should_match=1, should=[
            Q("match_bool_prefix", **{field: {"query": text, "operator": "and"}})
            for field in ("title", "title_en")
        ])).source(["title", "title_en", "url"]).sort(
            {"_score": {"order": "desc"}}, {"product_id": {"order": "asc"}}
        )[:limit]
        try:
            body = self.client.search(self.alias, s.to_dict())
        except self.client.errors as exc:
            raise self._unavailable(exc) from exc
        return [suggestion(h["_source"]) for h in body["hits"]["hits"]]

    # -- writes --------------------------------------------------------------------------

    def _indices_behind_alias(self) -> list[str]:
        try:
            return self.client.aliased(self.alias)
        except self.client.not_found:
            return []

    def create_index(self) -> str:
        name = f"{self.alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"
        self.client.create_index(name, index_definition(name).to_dict())
        return name

    def _bulk(self, actions: Iterable[dict], progress: Progress | None = None, **kwargs) -> int:
        written = 0
        for ok, item in self.client.bulk(actions, **kwargs):
            operation, result = next(iter(item.items()))
            if not ok and not (operation == "delete" and result.get("status") == 404):
                raise SearchUnavailable(f"bulk {operation} of {result.get('_id')} failed: {result}")
            if operation == "index":
                written += 1
                if progress and written % BULK_CHUNK == 0:
                    progress(BULK_CHUNK)
        if progress and written % BULK_CHUNK:
            progress(written % BULK_CHUNK)
        return written

    @staticmethod
    def _index_actions(index: str, documents: Iterable[ProductDocument]) -> Iterator[dict]:
        for document in documents:
            yield {"_op_type": "index", "_index": index, "_id": document.key,
                   "_source": source(document)}

    def _stored_keys(self, index: str, product_ids: list[int]) -> set[str]:
        """The ids of the documents these products have in ``index`` now."""
        body = self.client.search(index, {
            "query": {"terms": {"product_id": product_ids}}, "_source": False,
            "size": MAX_SEGMENTS * len(product_ids),
        })
        return {hit["_id"] for hit in body["hits"]["hits"]}

    def index_products(self, product_ids: Iterable[int], *, day: datetime.date) -> None:
        """Rewrite the documents of these products that are sellable, delete the others."""
        ids = sorted(set(product_ids))
        documents = list(documents_for(day=day, product_ids=ids))
        try:
            indices = self._indices_behind_alias()
            if not indices:
                indices = [self.create_index()]
                self.client.update_aliases([{"add": {"index": indices[0], "alias": self.alias}}])
            index = indices[-1]
            kept = {d.key for d in documents}
            gone = self._stored_keys(index, ids) - kept
            actions = [*self._index_actions(index, documents)] + [
                {"_op_type": "delete", "_index": index, "_id": key} for key in sorted(gone)
            ]
            self._bulk(actions, refresh="wait_for")
        except self.client.errors as exc:
            raise self._unavailable(exc) from exc

    def rebuild(self, *, day: datetime.date, total: int, progress: Progress | None = None) -> int:
        """Load a new index, then move the alias to it and drop the old ones."""
        try:
            new = self.create_index()
            try:
                written = self._bulk(self._index_actions(new, documents_for(day=day)), progress)
                self.client.refresh(new)
            except BaseException:
                self.client.delete_index(new, missing_ok=True)
                raise
            old = self._indices_behind_alias()
            self.client.update_aliases([
                *({"remove": {"index": name, "alias": self.alias}} for name in old),
                {"add": {"index": new, "alias": self.alias}},
            ])
            for name in old:
                self.client.delete_index(name)
        except self.client.errors as exc:
            raise self._unavailable(exc) from exc
        logger.info("search: rebuilt %s as %s with %d documents", self.alias, new, written)
        return written

    def health(self) -> str:
        try:
            self.client.ping(timeout=2)
        except self.client.errors as exc:
            return f"error: {self._unavailable(exc)}"
        return self.name


def parse_response(body: dict) -> Matches:
    """``Matches`` from a raw search response (hits' sources and the facet aggregations)."""
    aggregations = body.get("aggregations", {})
    return Matches(
        count=body["hits"]["total"]["value"],
        hits=[hit_from_document(hit["_source"]) for hit in body["hits"]["hits"]],
        facet_counts={
            name: {b["key"]: b["doc_count"] for b in aggregations.get(name, {}).get("values", {}).get("buckets", [])}
            for name in FACET_FIELDS
        },
    )
