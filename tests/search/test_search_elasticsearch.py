"""The Elasticsearch backend at its boundary: what it sends over the transport (a recording
node stands in for the HTTP connection) and how it reads what comes back; then the same
client against a live OpenSearch-compatible server for the media-type switch and outages."""

import datetime
import json
from collections import deque
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node._base import NodeApiResponse
from elasticsearch import Elasticsearch

from catalogue.models import Category, Certificate, Province
from search.backends.clients import ElasticsearchClient, OpenSearchClient
from search.backends.elasticsearch import ElasticsearchBackend, parse_response
from search.query import CertificateRef, Hit, Ref, SearchQuery, SearchUnavailable
from tests.factories import ProducerFactory, sellable_product
from tests.search_engines import osmem_url  # noqa: F401  fixture

ALIAS = "ocop-products"
DAY = datetime.date(2026, 11, 23)


@dataclass
class Sent:
    method: str
    path: str
    headers: dict
    body: bytes | None

    def json(self):
        return json.loads(self.body)

    def ndjson(self):
        return [json.loads(line) for line in self.body.decode().splitlines() if line]


class Wire:
    """What the client sent, and the responses to play back in order (default: 200 {})."""

    def __init__(self):
        self.sent: list[Sent] = []
        self.responses: deque = deque()

    def reply(self, body: dict, status: int = 200):
        self.responses.append((status, body))


@pytest.fixture
def wire():
    recorded = Wire()

    class RecordingNode(BaseNode):
        def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
            recorded.sent.append(Sent(method, target, dict(headers or {}), body))
            status, answer = recorded.responses.popleft() if recorded.responses else (200, {})
            meta = ApiResponseMeta(
                status=status, http_version="1.1", duration=0.0, node=self.config,
                headers=HttpHeaders({"content-type": "application/json",
                                     "x-elastic-product": "Elasticsearch"}),
            )
            return NodeApiResponse(meta, json.dumps(answer).encode())

    recorded.client = Elasticsearch("http://search.test:9200", node_class=RecordingNode)
    return recorded


@pytest.fixture
def backend(wire):
    return ElasticsearchBackend(ElasticsearchClient(wire.client), alias=ALIAS, url="http://search.test:9200")


def test_index_creation_sends_the_folding_analyzer_and_keyword_facets(wire, backend):
    name = backend.create_index()

    (request,) = wire.sent
    assert (request.method, request.path) == ("PUT", f"/{name}")
    assert name.startswith(f"{ALIAS}-")
    body = request.json()
    assert body["settings"] == {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "analyzer": {"vietnamese_folding": {
                "type": "custom", "tokenizer": "standard",
                "char_filter": ["vietnamese_d"], "filter": ["lowercase", "asciifolding"],
            }},
            "char_filter": {"vietnamese_d": {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}},
        },
    }
    properties = body["mappings"]["properties"]
    folded = {"type": "text", "analyzer": "vietnamese_folding"}
    assert {f: properties[f] for f in ("title", "description", "folded_text", "province_name",
                                       "former_province_name", "producer_name")} == {
        f: folded for f in ("title", "description", "folded_text", "province_name",
                            "former_province_name", "producer_name")
    }
    assert {f: properties[f]["type"] for f in (
        "province_slug", "former_province_slug", "group_slug", "category_slug", "producer_slug",
        "stars", "price", "product_id", "created", "certificate_expires_on", "in_stock",
        "sellable_from", "sellable_until",
    )} == {
        "province_slug": "keyword", "former_province_slug": "keyword", "group_slug": "keyword",
        "category_slug": "keyword", "producer_slug": "keyword", "stars": "integer",
        "price": "long", "product_id": "integer", "created": "date",
        "certificate_expires_on": "date", "in_stock": "boolean",
        "sellable_from": "date", "sellable_until": "date",
    }


@pytest.mark.django_db
def test_bulk_payload_indexes_sellable_and_deletes_the_rest(wire, backend, reference_data):
    producer = ProducerFactory(slug="hai-long", name="Cơ sở Hải Long",
                               former_province=Province.objects.get(slug="binh-thuan"))
    product = sellable_product(title="Nước mắm Phan Thiết", producer=producer, stars=5, score=95,
                               description="Cá cơm")
    product.categories.add(Category.objects.get(slug="nuoc-mam-va-gia-vi"))
    revoked = sellable_product(title="Nước mắm bị thu hồi", producer=producer)
    revoked.certificates.update(status=Certificate.Status.REVOKED, revoked_reason="Vi phạm")
    certificate = product.certificates.get()
    key = f"{product.pk}:{DAY.isoformat()}"
    stale_key = f"{revoked.pk}:2025-06-01"
    wire.reply({f"{ALIAS}-1": {"aliases": {ALIAS: {}}}})
    wire.reply({"hits": {"total": {"value": 2, "relation": "eq"}, "hits": [
        {"_index": f"{ALIAS}-1", "_id": key}, {"_index": f"{ALIAS}-1", "_id": stale_key},
    ]}})
    wire.reply({"took": 1, "errors": False, "items": [
        {"index": {"_index": f"{ALIAS}-1", "_id": key, "status": 200}},
        {"delete": {"_index": f"{ALIAS}-1", "_id": stale_key, "status": 200}},
    ]})

    backend.index_products([product.pk, revoked.pk], day=DAY)

    alias_lookup, stored, bulk = wire.sent
    assert (alias_lookup.method, alias_lookup.path) == ("GET", f"/_alias/{ALIAS}")
    assert (stored.method, stored.path) == ("POST", f"/{ALIAS}-1/_search")
    assert stored.json() == {"query": {"terms": {"product_id": [product.pk, revoked.pk]}},
                             "_source": False, "size": 100}
    assert (bulk.method, bulk.path) == ("PUT", "/_bulk?refresh=wait_for")
    assert bulk.ndjson() == [
        {"index": {"_index": f"{ALIAS}-1", "_id": key}},
        {
            "product_id": product.pk,
            "title": "Nước mắm Phan Thiết",
            "title_en": "",
            "description": "Cá cơm",
            "url": product.get_absolute_url(),
            "producer_slug": "hai-long",
            "producer_name": "Cơ sở Hải Long",
            "producer_kind": "cooperative",
            "province_slug": "lam-dong",
            "province_name": "Lâm Đồng",
            "former_province_slug": "binh-thuan",
            "former_province_name": "Bình Thuận",
            "ward_name": None,
            "group_slug": "thuc-pham",
            "group_name": "Thực phẩm",
            "group_name_en": "Food",
            "category_slug": "nuoc-mam-va-gia-vi",
            "category_name": "Nước mắm và gia vị",
            "category_name_en": "Fish sauce and spices",
            "stars": 5,
            "price": 150000,
            "currency": "VND",
            "in_stock": True,
            "certificate_number": certificate.number,
            "certificate_expires_on": certificate.expires_on.isoformat(),
            "created": product.date_created.isoformat(),
            "image": None,
            "sellable_from": DAY.isoformat(),
            "sellable_until": certificate.expires_on.isoformat(),
            "folded_text": "nuoc mam phan thiet co so hai long lam dong binh thuan thuc pham "
                           "food nuoc mam va gia vi fish sauce and spices ca com",
        },
        {"delete": {"_index": f"{ALIAS}-1", "_id": stale_key}},
    ]


def test_filtered_query_sends_post_filter_and_facet_aggregations(wire, backend):
    wire.reply({"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": {}})
    query = SearchQuery(text="Nước mắm", province="binh-thuan", stars=4, category="thuc-pham",
                        producer="hai-long", sort="-price", page=2, page_size=10, day=DAY)

    backend.search(query)

    (request,) = wire.sent
    assert (request.method, request.path) == ("POST", f"/{ALIAS}/_search")
    province = {"bool": {"minimum_should_match": 1, "should": [
        {"term": {"province_slug": "binh-thuan"}}, {"term": {"former_province_slug": "binh-thuan"}},
    ]}}
    stars = {"bool": {"filter": [{"term": {"stars": 4}}]}}
    category = {"bool": {"minimum_should_match": 1, "should": [
        {"term": {"group_slug": "thuc-pham"}}, {"term": {"category_slug": "thuc-pham"}},
    ]}}
    assert request.json() == {
        "query": {"bool": {
            "filter": [
                {"range": {"sellable_from": {"lte": "2026-11-23"}}},
                {"range": {"sellable_until": {"gte": "2026-11-23"}}},
                {"term": {"producer_slug": "hai-long"}},
            ],
            "must": [{"match": {"folded_text": {"query": "nuoc mam", "operator": "and"}}}],
            "should": [{"match": {"title": {"query": "nuoc mam", "operator": "and", "boost": 3}}},
                       {"match": {"title_en": {"query": "nuoc mam", "operator": "and", "boost": 3}}}],
            "minimum_should_match": 0,
        }},
        "post_filter": {"bool": {"filter": [province, stars, category]}},
        "aggs": {
            "province": {"filter": {"bool": {"filter": [stars, category]}},
                         "aggs": {"values": {"terms": {"field": "province_slug", "size": 100}}}},
            "stars": {"filter": {"bool": {"filter": [province, category]}},
                      "aggs": {"values": {"terms": {"field": "stars", "size": 100}}}},
            "category": {"filter": {"bool": {"filter": [province, stars]}},
                         "aggs": {"values": {"terms": {"field": "group_slug", "size": 100}}}},
            "price": {"filter": {"bool": {"filter": [province, stars, category]}},
                      "aggs": {"values": {"range": {"field": "price", "ranges": [
                          {"key": "duoi-100k", "from": 0, "to": 100000},
                          {"key": "100k-200k", "from": 100000, "to": 200000},
                          {"key": "200k-500k", "from": 200000, "to": 500000},
                          {"key": "tu-500k", "from": 500000},
                      ]}}}},
        },
        "sort": [{"price": {"order": "desc"}}, {"product_id": {"order": "asc"}}],
        "track_total_hits": True,
        "from": 10,
        "size": 10,
    }


RECORDED_RESPONSE = {
    "took": 3, "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 2, "relation": "eq"}, "max_score": 4.1,
        "hits": [{
            "_index": "ocop-products-20261123101500000000", "_id": "17", "_score": 4.1,
            "_source": {
                "product_id": 17, "title": "Nước mắm Phan Thiết", "description": "Cá cơm",
                "url": "/catalogue/nuoc-mam-phan-thiet_17/", "producer_slug": "hai-long",
                "producer_name": "Cơ sở Hải Long", "producer_kind": "cooperative",
                "province_slug": "lam-dong", "province_name": "Tỉnh Lâm Đồng",
                "former_province_slug": "binh-thuan", "former_province_name": "Bình Thuận",
                "ward_name": None, "group_slug": "thuc-pham", "group_name": "Thực phẩm",
                "category_slug": "nuoc-mam-va-gia-vi", "category_name": "Nước mắm và gia vị",
                "stars": 4, "price": 120000, "currency": "VND", "in_stock": True,
                "certificate_number": "OCOP-LĐ-2025-0042", "certificate_expires_on": "2028-01-14",
                "created": "2025-01-15T03:00:00+00:00", "image": "/media/images/products/nm.jpg",
                "folded_text": "nuoc mam phan thiet",
            },
        }, {
            "_index": "ocop-products-20261123101500000000", "_id": "9", "_score": 1.2,
            "_source": {
                "product_id": 9, "title": "Cà phê Robusta", "description": "",
                "url": "/catalogue/ca-phe-robusta_9/", "producer_slug": "ea-tu",
                "producer_name": "HTX Ea Tu", "producer_kind": "cooperative",
                "province_slug": "dak-lak", "province_name": "Tỉnh Đắk Lắk",
                "former_province_slug": None, "former_province_name": None, "ward_name": None,
                "group_slug": None, "group_name": None, "category_slug": None, "category_name": None,
                "stars": 5, "price": 250000, "currency": "VND", "in_stock": True,
                "certificate_number": "OCOP-TW-2024-0007", "certificate_expires_on": "2027-06-30",
                "created": "2024-07-01T03:00:00+00:00", "image": None, "folded_text": "ca phe robusta",
            },
        }],
    },
    "aggregations": {
        "province": {"doc_count": 5, "values": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                     "buckets": [{"key": "lam-dong", "doc_count": 3}, {"key": "dak-lak", "doc_count": 2}]}},
        "stars": {"doc_count": 2, "values": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                  "buckets": [{"key": 5, "doc_count": 1}, {"key": 4, "doc_count": 1}]}},
        "category": {"doc_count": 1, "values": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                     "buckets": [{"key": "thuc-pham", "doc_count": 1}]}},
        "price": {"doc_count": 2, "values": {"buckets": [
            {"key": "duoi-100k", "from": 0.0, "to": 100000.0, "doc_count": 0},
            {"key": "100k-200k", "from": 100000.0, "to": 200000.0, "doc_count": 1},
            {"key": "200k-500k", "from": 200000.0, "to": 500000.0, "doc_count": 1},
            {"key": "tu-500k", "from": 500000.0, "doc_count": 0},
        ]}},
    },
}


def test_recorded_response_becomes_hits_and_facet_counts():
    matches = parse_response(RECORDED_RESPONSE)

    assert matches.count == 2
    assert matches.hits == [
        Hit(id=17, title="Nước mắm Phan Thiết", url="/catalogue/nuoc-mam-phan-thiet_17/",
            price=120000, currency="VND", stars=4,
            province=Ref("lam-dong", "Tỉnh Lâm Đồng"), former_province=Ref("binh-thuan", "Bình Thuận"),
            producer=Ref("hai-long", "Cơ sở Hải Long"),
            category=Ref("nuoc-mam-va-gia-vi", "Nước mắm và gia vị"),
            image="/media/images/products/nm.jpg",
            certificate=CertificateRef("OCOP-LĐ-2025-0042", datetime.date(2028, 1, 14))),
        Hit(id=9, title="Cà phê Robusta", url="/catalogue/ca-phe-robusta_9/", price=250000,
            currency="VND", stars=5, province=Ref("dak-lak", "Tỉnh Đắk Lắk"), former_province=None,
            producer=Ref("ea-tu", "HTX Ea Tu"), category=None, image=None,
            certificate=CertificateRef("OCOP-TW-2024-0007", datetime.date(2027, 6, 30))),
    ]
    assert matches.facet_counts == {
        "province": {"lam-dong": 3, "dak-lak": 2},
        "stars": {5: 1, 4: 1},
        "category": {"thuc-pham": 1},
        "price": {"duoi-100k": 0, "100k-200k": 1, "200k-500k": 1, "tu-500k": 0},
    }


@pytest.mark.django_db
def test_rebuild_loads_a_new_index_then_swaps_the_alias_and_drops_the_old(wire, backend, reference_data):
    product = sellable_product(title="Trà Atiso Đà Lạt")
    old = f"{ALIAS}-20250101000000000000"
    wire.reply({"acknowledged": True})  # create
    wire.reply({"errors": False, "items": [{"index": {"_id": str(product.pk), "status": 201}}]})
    wire.reply({})  # refresh
    wire.reply({old: {"aliases": {ALIAS: {}}}})  # alias lookup
    wire.reply({"acknowledged": True})  # alias swap
    wire.reply({"acknowledged": True})  # delete old

    written = backend.rebuild(day=DAY, total=1)

    new = wire.sent[0].path.lstrip("/")
    assert written == 1
    assert [(r.method, r.path) for r in wire.sent] == [
        ("PUT", f"/{new}"),
        ("PUT", "/_bulk"),
        ("POST", f"/{new}/_refresh"),
        ("GET", f"/_alias/{ALIAS}"),
        ("POST", "/_aliases"),
        ("DELETE", f"/{old}"),
    ]
    assert wire.sent[1].ndjson()[0] == {"index": {"_index": new, "_id": f"{product.pk}:{DAY.isoformat()}"}}
    assert wire.sent[4].json() == {"actions": [
        {"remove": {"index": old, "alias": ALIAS}},
        {"add": {"index": new, "alias": ALIAS}},
    ]}


@pytest.mark.django_db
def test_failed_bulk_load_drops_the_new_index_and_keeps_the_alias(wire, backend, reference_data):
    product = sellable_product(title="Trà Atiso Đà Lạt")
    wire.reply({"acknowledged": True})
    wire.reply({"errors": True, "items": [
        {"index": {"_id": str(product.pk), "status": 400, "error": {"type": "mapper_parsing_exception"}}},
    ]})

    with pytest.raises(SearchUnavailable):
        backend.rebuild(day=DAY, total=1)

    new = wire.sent[0].path.lstrip("/")
    assert [(r.method, r.path) for r in wire.sent] == [
        ("PUT", f"/{new}"), ("PUT", "/_bulk"), ("DELETE", f"/{new}?ignore_unavailable=true"),
    ]


def test_elasticsearch_mode_sends_the_compatibility_media_type(wire, backend):
    wire.reply({"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}})

    backend.search(SearchQuery(day=DAY))

    assert wire.sent[0].headers["content-type"] == "application/vnd.elasticsearch+json; compatible-with=8"


# -- against a live OpenSearch-compatible server ---------------------------------------

def test_opensearch_is_spoken_through_its_own_client_in_plain_json(osmem_url, settings):  # noqa: F811
    import opensearchpy

    settings.ELASTICSEARCH_URL = osmem_url
    settings.SEARCH_ENGINE = "opensearch"
    settings.ELASTICSEARCH_INDEX = "client-opensearch"
    backend = ElasticsearchBackend.from_settings()

    name = backend.create_index()

    assert isinstance(backend.client, OpenSearchClient)
    assert type(backend.client.raw) is opensearchpy.OpenSearch
    assert backend.client.exists(name) is True
    backend.client.delete_index(name)
    assert backend.client.exists(name) is False


def test_the_elasticsearch_client_is_refused_by_opensearch(osmem_url, settings):  # noqa: F811
    # The reason for two clients: Elasticsearch's sends its compatibility media type.
    settings.ELASTICSEARCH_URL = osmem_url
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_INDEX = "client-elasticsearch"
    backend = ElasticsearchBackend.from_settings()

    with pytest.raises(backend.client.errors) as error:
        backend.create_index()
    assert getattr(error.value, "status_code", None) in (406, 400)


def test_no_header_is_rewritten_in_the_backend():
    import search.backends.clients
    import search.backends.elasticsearch

    for module in (search.backends.elasticsearch, search.backends.clients):
        source = open(module.__file__).read()
        assert "perform_request" not in source and "x-elastic-product" not in source.lower()
