"""Wagtail's read API (v2) for a headless storefront: pages, images, documents."""

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.search import literal_text

SEARCH_OPERATORS = ("and", "or")


class LiteralSearchFilter(SearchFilter):
    """Wagtail's ``?search=``, given only the words of the text (cms.search): its own filter
    passed the text to the backend as typed (a quote was an FTS5 syntax error, a 500), and
    an unknown ``search_operator`` was a ValueError (a 500 too) instead of a 400."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator") or "and"
        if operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        text = literal_text(request.GET["search"])
        if not text:
            return queryset.none()
        request.GET = request.GET.copy()
        request.GET["search"] = text
        return super().filter_queryset(request, queryset, view)


def _literal_search(viewset):
    """The endpoint with its SearchFilter replaced by LiteralSearchFilter."""
    backends = [LiteralSearchFilter if f is SearchFilter else f for f in viewset.filter_backends]
    return type(viewset.__name__, (viewset,), {"filter_backends": backends})


api_router = WagtailAPIRouter("cms_api")
api_router.register_endpoint("pages", _literal_search(PagesAPIViewSet))
api_router.register_endpoint("images", _literal_search(ImagesAPIViewSet))
api_router.register_endpoint("documents", _literal_search(DocumentsAPIViewSet))
