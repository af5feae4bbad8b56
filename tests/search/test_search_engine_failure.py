"""The search engine dies mid-traffic (issue 18): listings, the search page and the search
API answer from the database's search table, kept beside the engine; checkout never asks
search. The engine is an osmem-server this module starts and kills."""

import logging
import uuid

import pytest
from oscar.core.loading import get_model

from tests.factories import reindex, sellable_product
from tests.resilience_support import browse, buy_cash_on_delivery, osmem_server, shopper  # noqa: F401

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine(osmem_server, settings):  # noqa: F811
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_ENGINE = "opensearch"
    settings.ELASTICSEARCH_URL = osmem_server.url
    settings.ELASTICSEARCH_INDEX = f"test-ocop-{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_TIMEOUT = 1
    return osmem_server


def _titles(response) -> list[str]:
    return sorted(hit["title"] for hit in response.json()["results"])


def test_listings_and_search_answer_from_the_database_while_the_engine_is_down(
    engine, shop, django_capture_on_commit_callbacks
):
    # given the catalogue indexed in the engine, and shoppers searching it
    reindex()
    coffee = ["Cà phê Arabica Cầu Đất", "Cà phê hạt Robusta Ea Tu", "Cà phê rang xay Buôn Ma Thuột"]
    assert _titles(shopper().get("/api/search/?q=ca+phe")) == coffee
    assert browse(shopper(), shop["coffee"]).server_errors == []

    # when the engine dies, and a product is added while it is down
    engine.process.kill()
    engine.process.wait(timeout=10)
    with django_capture_on_commit_callbacks(execute=True):
        sellable_product(title="Cà phê chồn Đắk Lắk")
    during = browse(shopper(), shop["coffee"])
    api = shopper().get("/api/search/?q=ca+phe")
    suggestions = shopper().get("/api/search/suggest/?q=ca+ph")
    placed = buy_cash_on_delivery(shopper(), shop["squid"])

    # then every page answers 200 from the database, the new product included, and the
    # shop still sells
    assert [status for _path, status in during.answers] == [200] * 6
    assert api.status_code == 200
    assert _titles(api) == sorted([*coffee, "Cà phê chồn Đắk Lắk"])
    assert suggestions.status_code == 200
    assert placed == 302
    assert Order.objects.count() == 1
    health = shopper().get("/healthz")
    assert health.status_code == 200
    assert health.json()["search"].startswith("error: Elasticsearch at")


def test_a_dead_engine_is_logged_once_and_not_waited_for_on_every_page(shop, settings, caplog):
    # given the database's table built, then an engine configured that refuses connections
    reindex()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_ENGINE = "opensearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # discard port: refused
    settings.ELASTICSEARCH_INDEX = f"test-ocop-{uuid.uuid4().hex[:10]}"

    # when shoppers search three times
    with caplog.at_level(logging.WARNING, logger="core.outage"):
        answers = [shopper().get("/api/search/", {"q": "ca phe", "page": page}) for page in (1, 2, 3)]

    # then each is answered from the database, and the outage is logged once
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert answers[0].json()["count"] == 3
    assert [r.getMessage().split(" (")[0] for r in caplog.records if r.name == "core.outage"] == [
        f"search: opensearch index {settings.ELASTICSEARCH_INDEX} failed"
    ]
