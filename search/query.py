"""What a shopper asks and what search answers, as dataclasses, and the GET parameters
that become a query (with the 400 messages that name the bad parameter).

Both backends take a ``SearchQuery`` and return a ``SearchResult``; nothing else crosses
the boundary between the storefront and a backend.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import Mapping

from django.utils.translation import gettext as _

from catalogue.rules import STARS_MAX, STARS_MIN
from core.text import fold

SORTS = ("relevance", "price", "-price", "-stars", "newest")
DEFAULT_PAGE_SIZE = 24
MAX_PAGE_SIZE = 100
# Elasticsearch's default max_result_window: deeper pages are refused by every backend alike.
MAX_RESULT_WINDOW = 10_000
# A 500-character paste still searches, on its first words only.
MAX_TERMS = 16
MAX_SLUG_LENGTH = 128

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PriceBand:
    """A price range of the price facet, whole đồng: ``low <= price < high`` (no high: and up)."""

    slug: str
    low: int
    high: int | None


PRICE_BANDS = (
    PriceBand("duoi-100k", 0, 100_000),
    PriceBand("100k-200k", 100_000, 200_000),
    PriceBand("200k-500k", 200_000, 500_000),
    PriceBand("tu-500k", 500_000, None),
)
PRICE_BAND_BY_SLUG = {band.slug: band for band in PRICE_BANDS}


class InvalidSearchParameter(ValueError):
    """A GET parameter the search cannot take; ``parameter`` names it for the 400 answer."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


class SearchUnavailable(RuntimeError):
    """The search engine cannot answer (Elasticsearch down or refusing)."""


def search_terms(text: str) -> tuple[str, ...]:
    """The folded words of ``text``: 'Nước mắm, Phan-Thiết!' → ('nuoc', 'mam', 'phan', 'thiet')."""
    return tuple(_WORD.findall(fold(text).replace("_", " ")))[:MAX_TERMS]


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    province: str = ""
    stars: int | None = None
    min_stars: int | None = None
    category: str = ""
    producer: str = ""
    price: str = ""  # a PRICE_BANDS slug
    # The site's province (a current one): a fixed filter of a provincial shop, not a facet.
    scope: str = ""
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # The day whose certificates count; set by the caller (today in Vietnam).
    day: datetime.date | None = None

    @property
    def price_band(self) -> PriceBand | None:
        return PRICE_BAND_BY_SLUG.get(self.price)

    @property
    def terms(self) -> tuple[str, ...]:
        return search_terms(self.text)

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())

    @property
    def matches_nothing(self) -> bool:
        """Text of symbols only ('!!!') has no word to find: no product matches it."""
        return self.has_text and not self.terms

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def ranks_by_text(self) -> bool:
        return bool(self.terms)


@dataclass(frozen=True)
class Ref:
    slug: str
    name: str


@dataclass(frozen=True)
class CertificateRef:
    number: str
    expires_on: datetime.date


@dataclass(frozen=True)
class Hit:
    id: int
    title: str
    url: str
    price: int
    currency: str
    stars: int
    province: Ref
    former_province: Ref | None
    producer: Ref
    category: Ref | None
    image: str | None
    certificate: CertificateRef


@dataclass(frozen=True)
class FacetValue:
    value: str | int
    label: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    count: int
    page: int
    page_size: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str


def _integer(params: Mapping[str, str], name: str, default: int | None, low: int, high: int,
             message: str) -> int | None:
    raw = params.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidSearchParameter(name, message) from None
    if not low <= value <= high:
        raise InvalidSearchParameter(name, message)
    return value


def _slug(params: Mapping[str, str], name: str, known: Mapping[str, object] | None, message: str) -> str:
    value = params.get(name, "").strip()
    if value == "":
        return ""
    if len(value) > MAX_SLUG_LENGTH or (known is not None and value not in known):
        raise InvalidSearchParameter(name, message % {"value": value[:MAX_SLUG_LENGTH]})
    return value


def parse_query(params: Mapping[str, str], *, provinces: Mapping[str, object],
                categories: Mapping[str, object], day: datetime.date, scope: str = "") -> SearchQuery:
    """A ``SearchQuery`` from GET parameters; raises ``InvalidSearchParameter`` naming the first
    bad one. Unknown parameters are ignored. ``provinces`` and ``categories`` are the known
    slugs (current and former provinces; OCOP groups and their subcategories)."""
    sort = params.get("sort", "").strip() or "relevance"
    if sort not in SORTS:
        raise InvalidSearchParameter(
            "sort", _("Tham số sort phải là một trong: %(sorts)s.") % {"sorts": ", ".join(SORTS)}
        )
    stars_message = _("Tham số %(name)s phải là số sao từ %(low)d đến %(high)d.")
    stars = _integer(params, "stars", None, STARS_MIN, STARS_MAX,
                     stars_message % {"name": "stars", "low": STARS_MIN, "high": STARS_MAX})
    min_stars = _integer(params, "min_stars", None, STARS_MIN, STARS_MAX,
                         stars_message % {"name": "min_stars", "low": STARS_MIN, "high": STARS_MAX})
    page_size = _integer(
        params, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE,
        _("Tham số page_size phải là số nguyên từ 1 đến %(max)d.") % {"max": MAX_PAGE_SIZE},
    )
    last_page = MAX_RESULT_WINDOW // page_size
    page = _integer(
        params, "page", 1, 1, last_page,
        _("Tham số page phải là số nguyên từ 1 đến %(last)d với page_size=%(size)d.")
        % {"last": last_page, "size": page_size},
    )
    province = _slug(params, "province", provinces,
                     _("Tham số province: không có tỉnh/thành phố '%(value)s'."))
    category = _slug(params, "category", categories,
                     _("Tham số category: không có nhóm sản phẩm '%(value)s'."))
    producer = _slug(params, "producer", None, _("Tham số producer quá dài: '%(value)s'."))
    price = _slug(params, "price", PRICE_BAND_BY_SLUG,
                  _("Tham số price phải là một trong: %(bands)s.") % {"bands": ", ".join(PRICE_BAND_BY_SLUG)})
    return SearchQuery(
        text=params.get("q", "").strip(),
        province=province,
        stars=stars,
        min_stars=min_stars,
        category=category,
        producer=producer,
        price=price,
        scope=scope,
        sort=sort,
        page=page,
        page_size=page_size,
        day=day,
    )
