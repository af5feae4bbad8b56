"""``GET /api/search/`` and ``GET /api/search/suggest/`` (the public contract: docs/search.md)."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from core.scope import scope
from search import service
from search.query import Hit, InvalidSearchParameter, SearchResult, SearchUnavailable


def hit_json(hit: Hit) -> dict:
    return {
        "id": hit.id,
        "title": hit.title,
        "url": hit.url,
        "price": hit.price,
        "currency": hit.currency,
        "stars": hit.stars,
        "province": {"slug": hit.province.slug, "name": hit.province.name},
        "former_province": hit.former_province.slug if hit.former_province else None,
        "producer": {"slug": hit.producer.slug, "name": hit.producer.name},
        "category": {"slug": hit.category.slug, "name": hit.category.name} if hit.category else None,
        "image": hit.image,
        "certificate": {
            "number": hit.certificate.number,
            "expires_on": hit.certificate.expires_on.isoformat(),
        },
    }


def result_json(result: SearchResult) -> dict:
    return {
        "count": result.count,
        "page": result.page,
        "results": [hit_json(hit) for hit in result.hits],
        "facets": {
            name: [{"value": f.value, "label": f.label, "count": f.count} for f in values]
            for name, values in result.facets.items()
        },
    }


def invalid_parameter(error: InvalidSearchParameter) -> JsonResponse:
    return JsonResponse(
        {"error": "invalid_parameter", "parameter": error.parameter, "message": error.message},
        status=400,
    )


def unavailable(error: SearchUnavailable) -> JsonResponse:
    return JsonResponse({"error": "search_unavailable", "message": str(error)}, status=503)


@require_GET
def search(request):
    try:
        query = service.query_from_params(request.GET, scope=scope(request))
        result = service.search(query)
    except InvalidSearchParameter as error:
        return invalid_parameter(error)
    except SearchUnavailable as error:
        return unavailable(error)
    return JsonResponse(result_json(result))


# The API lives outside /en/; the English search box asks for English with ?lang=en.
SUGGEST_LANGUAGES = {"en"}


@require_GET
def suggest(request):
    language = request.GET.get("lang", "")
    try:
        with translation.override(language if language in SUGGEST_LANGUAGES else settings.LANGUAGE_CODE):
            suggestions = service.suggest(request.GET.get("q", ""), scope=scope(request))
    except SearchUnavailable as error:
        return unavailable(error)
    return JsonResponse({"suggestions": [{"title": s.title, "url": s.url} for s in suggestions]})
