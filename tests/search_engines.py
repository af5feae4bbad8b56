"""Search engines for the contract suite: the database backend always, an in-memory
OpenSearch-compatible server (``osmem-server``) spoken to through the official opensearch-py
client (``SEARCH_ENGINE=opensearch``, no header rewriting), and any real cluster named by
``ELASTICSEARCH_URL`` (with its ``SEARCH_ENGINE``). Imported by tests/conftest.py."""

import os
import uuid

import pytest

ENGINES = [
    pytest.param("database", id="database"),
    pytest.param("osmem", id="opensearch-osmem"),
    pytest.param("cluster", id="elasticsearch-url"),
]


@pytest.fixture(scope="session")
def osmem_url():
    """An osmem-server started for this test session on a free port, stopped at its end."""
    # A requirement (requirements-dev.txt): missing, the import fails the run, never a skip.
    from osmem_server import OsmemError, OsmemServer

    try:
        server = OsmemServer.start(japanese=False)
    except OsmemError as exc:
        pytest.skip(f"osmem-server could not start here: {exc}")
    yield server.url
    server.close()


def _drop_indices(alias: str) -> None:
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend.from_settings()
    for name in backend._indices_behind_alias():
        backend.client.delete_index(name)


@pytest.fixture(params=ENGINES)
def search_engine(request, settings):
    """Configures the search backend for one test; yields its name."""
    if request.param == "database":
        settings.SEARCH_BACKEND = "database"
        yield "database"
        return
    if request.param == "osmem":
        settings.ELASTICSEARCH_URL = request.getfixturevalue("osmem_url")
        settings.SEARCH_ENGINE = "opensearch"
    else:
        url = os.environ.get("ELASTICSEARCH_URL")
        if not url:
            pytest.skip("no ELASTICSEARCH_URL: no real Elasticsearch/OpenSearch cluster to test")
        settings.ELASTICSEARCH_URL = url
        settings.SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "elasticsearch")
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_INDEX = f"test-ocop-{uuid.uuid4().hex[:10]}"
    yield request.param
    _drop_indices(settings.ELASTICSEARCH_INDEX)
