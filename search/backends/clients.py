"""The two official clients the search backend speaks through, behind one small interface.

``SEARCH_ENGINE=elasticsearch`` uses the ``elasticsearch`` client (Elasticsearch 8/9);
``SEARCH_ENGINE=opensearch`` uses ``opensearch-py``, OpenSearch's own client, which sends
the plain JSON OpenSearch expects and checks no Elasticsearch product header. Request bodies
are built by ``elasticsearch.dsl`` either way (plain dicts); only the sending differs, so
each class here is a thin translation of the calls the backend makes, and what each raises
when the engine fails is named in ``errors`` and ``not_found``.
"""

from collections.abc import Iterable, Iterator

import elasticsearch
import elastic_transport
import opensearchpy
from elasticsearch import helpers as es_helpers
from opensearchpy import helpers as os_helpers

BULK_CHUNK = 500
BULK_TIMEOUT = 120  # seconds: loading is background work, a slow bulk is waited for


class EngineClient:
    """What both clients share: the index calls whose Python signature is the same."""

    def __init__(self, raw):
        self.raw = raw

    def exists(self, index: str) -> bool:
        return bool(self.raw.indices.exists(index=index))

    def create_index(self, name: str, body: dict) -> None:
        self.raw.indices.create(index=name, body=body)

    def delete_index(self, name: str, *, missing_ok: bool = False) -> None:
        if missing_ok:
            self.raw.indices.delete(index=name, ignore_unavailable=True)
        else:
            self.raw.indices.delete(index=name)


class ElasticsearchClient(EngineClient):
    engine = "elasticsearch"
    errors = (elastic_transport.TransportError, elasticsearch.ApiError)
    not_found = elasticsearch.NotFoundError

    @classmethod
    def connect(cls, url: str, *, timeout: float) -> "ElasticsearchClient":
        return cls(elasticsearch.Elasticsearch(url, request_timeout=timeout, max_retries=1, retry_on_timeout=False))

    def search(self, index: str, body: dict) -> dict:
        return self.raw.search(index=index, body=body).body

    def aliased(self, alias: str) -> list[str]:
        return sorted(self.raw.indices.get_alias(name=alias).body)

    def update_aliases(self, actions: list[dict]) -> None:
        self.raw.indices.update_aliases(actions=actions)

    def refresh(self, index: str) -> None:
        self.raw.options(request_timeout=BULK_TIMEOUT).indices.refresh(index=index)

    def bulk(self, actions: Iterable[dict], **kwargs) -> Iterator[tuple[bool, dict]]:
        return es_helpers.streaming_bulk(self.raw.options(request_timeout=BULK_TIMEOUT), actions,
                                         chunk_size=BULK_CHUNK, raise_on_error=False, **kwargs)

    def ping(self, *, timeout: float) -> None:
        self.raw.options(request_timeout=timeout).info()


class OpenSearchClient(EngineClient):
    engine = "opensearch"
    errors = (opensearchpy.TransportError, opensearchpy.ImproperlyConfigured)
    not_found = opensearchpy.NotFoundError

    @classmethod
    def connect(cls, url: str, *, timeout: float) -> "OpenSearchClient":
        return cls(opensearchpy.OpenSearch(url, timeout=timeout, max_retries=1, retry_on_timeout=False))

    def search(self, index: str, body: dict) -> dict:
        return self.raw.search(index=index, body=body)

    def aliased(self, alias: str) -> list[str]:
        return sorted(self.raw.indices.get_alias(name=alias))

    def update_aliases(self, actions: list[dict]) -> None:
        self.raw.indices.update_aliases(body={"actions": actions})

    def refresh(self, index: str) -> None:
        self.raw.indices.refresh(index=index, request_timeout=BULK_TIMEOUT)

    def bulk(self, actions: Iterable[dict], **kwargs) -> Iterator[tuple[bool, dict]]:
        return os_helpers.streaming_bulk(self.raw, actions, chunk_size=BULK_CHUNK, raise_on_error=False,
                                         request_timeout=BULK_TIMEOUT, **kwargs)

    def ping(self, *, timeout: float) -> None:
        self.raw.info(request_timeout=timeout)


CLIENTS = {"elasticsearch": ElasticsearchClient, "opensearch": OpenSearchClient}
