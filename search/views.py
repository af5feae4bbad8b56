"""The storefront's search results page, ``/tim-kiem/``: facets, active filters, sort, pages;
the category and province listings (``catalogue.views``) use the same ``results_context``.

The view only orchestrates: the query comes from ``service.query_from_params``, the answer
from ``service.search``; links are built here so the template stays plain.
"""

from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model

from catalogue.selectors import with_card_data
from core.scope import scope
from search import service
from search.query import PRICE_BANDS, InvalidSearchParameter, SearchUnavailable

Product = get_model("catalogue", "Product")

FILTER_PARAMS = ("province", "stars", "min_stars", "category", "price", "producer")
# Lazy: module-level labels must follow the language of each request.
SORT_LABELS = {
    "relevance": gettext_lazy("Phù hợp nhất"),
    "price": gettext_lazy("Giá tăng dần"),
    "-price": gettext_lazy("Giá giảm dần"),
    "-stars": gettext_lazy("Nhiều sao nhất"),
    "newest": gettext_lazy("Mới nhất"),
}
FACET_TITLES = {"province": gettext_lazy("Tỉnh/thành phố"), "stars": gettext_lazy("Hạng sao OCOP"),
                "category": gettext_lazy("Nhóm sản phẩm"), "price": gettext_lazy("Khoảng giá")}


def _link(params: QueryDict, **changes) -> str:
    """``?…`` with ``changes`` applied (None removes a parameter); any change but the page
    goes back to page 1."""
    updated = params.copy()
    if "page" not in changes:
        updated.pop("page", None)
    for name, value in changes.items():
        updated.pop(name, None)
        if value not in (None, ""):
            updated[name] = str(value)
    return f"?{updated.urlencode()}" if updated else "?"


def _facets(params: QueryDict, result) -> list[dict]:
    facets = []
    for name, values in result.facets.items():
        entries = []
        for facet in values:
            selected = params.get(name, "") == str(facet.value)
            entries.append({
                "label": facet.label,
                "count": facet.count,
                "selected": selected,
                "url": _link(params, **{name: None if selected else facet.value}),
            })
        facets.append({"name": name, "title": FACET_TITLES[name], "values": entries})
    return facets


def _active_filters(params: QueryDict, labels: dict, fixed) -> list[dict]:
    active = []
    for name in FILTER_PARAMS:
        if name in fixed:
            continue
        value = params.get(name, "").strip()
        if value:
            active.append({
                "label": labels.get((name, value), value),
                "url": _link(params, **{name: None}),
            })
    return active


def _cards(result, day) -> list:
    """The page's hits as Products with everything a product card needs, in hit order,
    in a fixed number of queries (a product gone since indexing is left out)."""
    ids = [hit.id for hit in result.hits]
    by_id = {p.pk: p for p in with_card_data(Product.objects.filter(pk__in=ids), day=day)}
    return [by_id[pk] for pk in ids if pk in by_id]


class ListingRedirect(Exception):
    """A listing's page number past the last page: the view sends the shopper to the first."""


def results_context(request, *, fixed: dict[str, str] | None = None) -> tuple[dict, int]:
    """Context and status of a results page for the request's GET parameters: the search
    page, and the category and province listings, which pass their category or province as
    a ``fixed`` filter (it cannot be changed or removed, and its facet is not shown). Links
    keep the page's own path and parameters. Raises ``ListingRedirect`` for a page past the end.
    """
    listing = fixed is not None
    fixed = fixed or {}
    params = request.GET
    ctx = {"q": params.get("q", "").strip(), "error": None, "result": None}
    query_params = params.copy()
    for name, value in fixed.items():
        query_params[name] = value
    try:
        query = service.query_from_params(query_params, scope=scope(request))
        result = service.search(query)
    except InvalidSearchParameter as error:
        if error.parameter == "page" and listing:
            raise ListingRedirect from error
        return {**ctx, "error": error.message}, 400
    except SearchUnavailable:
        return {**ctx, "error": _("Tìm kiếm tạm thời gián đoạn, vui lòng thử lại sau ít phút.")}, 503
    if listing and query.page > result.num_pages:
        raise ListingRedirect
    ref = service.reference()
    labels = {("province", s): n for s, n in ref.provinces.items()}
    labels.update({("category", s): n for s, n in ref.categories.items()})
    labels.update({("stars", str(v)): _("%(stars)s sao") % {"stars": v} for v in (3, 4, 5)})
    labels.update({("min_stars", str(v)): _("Từ %(stars)s sao") % {"stars": v} for v in (3, 4, 5)})
    labels.update({("price", band.slug): service.price_band_label(band) for band in PRICE_BANDS})
    # Without words to rank by, "most relevant" is the newest: offer it once.
    sort = "newest" if query.sort == "relevance" and not query.ranks_by_text else query.sort
    ctx.update(
        result=result,
        products=_cards(result, query.day),
        query=query,
        facets=[f for f in _facets(params, result) if f["name"] not in fixed],
        active_filters=_active_filters(params, labels, fixed),
        sorts=[
            {"label": label, "url": _link(params, sort=None if key == "relevance" else key),
             "selected": sort == key}
            for key, label in SORT_LABELS.items()
            if query.ranks_by_text or key != "relevance"
        ],
        previous_url=_link(params, page=query.page - 1) if query.page > 1 else None,
        next_url=_link(params, page=query.page + 1) if query.page < result.num_pages else None,
    )
    return ctx, 200


@require_GET
def search_page(request):
    ctx, status = results_context(request)
    return TemplateResponse(request, "catalog/search.html", ctx, status=status)
