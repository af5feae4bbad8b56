"""What every search backend shares: the ``SearchBackend`` protocol, its ``Matches``
answer, and the conversions of a stored document into a hit or a suggestion."""

import datetime
from dataclasses import dataclass, field
from typing import Callable, Iterable, Protocol

from django.conf import settings
from django.utils.translation import get_language

from search.query import CertificateRef, Hit, Ref, SearchQuery, Suggestion

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Matches:
    count: int
    hits: list[Hit]
    # facet name → {value: count}, each computed without the facet's own filter
    facet_counts: dict[str, dict] = field(default_factory=dict)


class SearchBackend(Protocol):
    name: str

    def search(self, query: SearchQuery) -> Matches: ...

    def suggest(self, terms: tuple[str, ...], *, day: datetime.date, limit: int,
                scope: str = "") -> list[Suggestion]: ...

    def index_products(self, product_ids: Iterable[int], *, day: datetime.date) -> None: ...

    def rebuild(self, *, day: datetime.date, total: int, progress: Progress | None = None) -> int: ...

    def health(self) -> str: ...


def hit_from_document(doc: dict) -> Hit:
    """A result from a stored document (a database row's values or an Elasticsearch source)."""
    expires_on = doc["certificate_expires_on"]
    if isinstance(expires_on, str):
        expires_on = datetime.date.fromisoformat(expires_on[:10])
    return Hit(
        id=int(doc["product_id"]),
        title=doc["title"],
        url=doc["url"],
        price=int(doc["price"]),
        currency=doc["currency"],
        stars=int(doc["stars"]),
        province=Ref(doc["province_slug"], doc["province_name"]),
        former_province=(
            Ref(doc["former_province_slug"], doc["former_province_name"])
            if doc.get("former_province_slug") else None
        ),
        producer=Ref(doc["producer_slug"], doc["producer_name"]),
        category=_category(doc),
        image=doc.get("image") or None,
        certificate=CertificateRef(doc["certificate_number"], expires_on),
    )


def suggestion(doc: dict) -> Suggestion:
    """A suggestion from a stored document, in the active language: the English title and
    the /en/ address under English (documents hold the Vietnamese, unprefixed URL)."""
    language = get_language()
    if language == settings.LANGUAGE_CODE:
        return Suggestion(title=doc["title"], url=doc["url"])
    # i18n_patterns(prefix_default_language=False): the other languages add their prefix.
    return Suggestion(title=doc.get("title_en") or doc["title"], url=f"/{language}{doc['url']}")


def _category(doc: dict) -> Ref | None:
    if doc.get("category_slug"):
        return Ref(doc["category_slug"], doc["category_name"])
    return None
