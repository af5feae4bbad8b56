"""The storefront's search results page, ``/tim-kiem/``: facets, active filters, sort, pages.

The view only orchestrates: the query comes from ``service.query_from_params``, the answer
from ``service.search``; links are built here so the template stays plain.
"""

from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from oscar.core.loading import get_model

from catalog.search import service
from catalog.selectors import with_card_data
from catalog.search.query import InvalidSearchParameter, SearchUnavailable

Product = get_model("catalogue", "Product")

FILTER_PARAMS = ("province", "stars", "min_stars", "category", "producer")
SORT_LABELS = {
    "relevance": _("Phù hợp nhất"),
    "price": _("Giá tăng dần"),
    "-price": _("Giá giảm dần"),
    "-stars": _("Nhiều sao nhất"),
    "newest": _("Mới nhất"),
}
FACET_TITLES = {"province": _("Tỉnh/thành phố"), "stars": _("Hạng sao OCOP"), "category": _("Nhóm sản phẩm")}


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


def _active_filters(params: QueryDict, labels: dict) -> list[dict]:
    active = []
    for name in FILTER_PARAMS:
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


@require_GET
def search_page(request):
    params = request.GET
    ctx = {"q": params.get("q", "").strip(), "error": None, "result": None}
    status = 200
    try:
        query = service.query_from_params(params)
        result = service.search(query)
    except InvalidSearchParameter as error:
        ctx["error"], status = error.message, 400
    except SearchUnavailable:
        ctx["error"], status = _("Tìm kiếm tạm thời gián đoạn, vui lòng thử lại sau ít phút."), 503
    else:
        ref = service.reference()
        labels = {("province", s): n for s, n in ref.provinces.items()}
        labels.update({("category", s): n for s, n in ref.categories.items()})
        labels.update({(p, str(v)): _("%(stars)s sao") % {"stars": v} for p in ("stars",) for v in (3, 4, 5)})
        labels.update({("min_stars", str(v)): _("Từ %(stars)s sao") % {"stars": v} for v in (3, 4, 5)})
        ctx.update(
            result=result,
            products=_cards(result, query.day),
            query=query,
            facets=_facets(params, result),
            active_filters=_active_filters(params, labels),
            sorts=[
                {"label": label, "url": _link(params, sort=None if key == "relevance" else key),
                 "selected": query.sort == key}
                for key, label in SORT_LABELS.items()
            ],
            previous_url=_link(params, page=query.page - 1) if query.page > 1 else None,
            next_url=_link(params, page=query.page + 1) if query.page < result.num_pages else None,
        )
    return TemplateResponse(request, "catalog/search.html", ctx, status=status)
