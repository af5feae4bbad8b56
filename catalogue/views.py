"""Storefront catalogue views: sellable-only listings by category and province, detail.

Oscar's own listing goes through Haystack (which lists nothing with the simple backend
and loads products one by one otherwise); these run the OCOP search with a fixed filter,
in a fixed number of queries per page. On a provincial site (``storefront.sites``) another
province's page and products are 404.
"""

from urllib.parse import unquote

from django.contrib import messages
from django.http import Http404, HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.apps.offer.views import OfferDetailView as OscarOfferDetailView
from oscar.apps.offer.views import RangeDetailView as OscarRangeDetailView
from oscar.core.loading import get_model

from catalogue import selectors
from catalogue.rules import today_in_vietnam
from catalogue.sellable import sellable_products, valid_certificate
from core.scope import scope
from search.views import ListingRedirect, results_context

Category = get_model("catalogue", "Category")
MAX_QUERY_LENGTH = 200


class SellableListView(View):
    """A listing runs the search page's search (one implementation of sort and facets),
    with its category or province as a fixed filter; sellable-only like every listing."""

    template_name = "oscar/catalogue/browse.html"
    summary = _("Tất cả sản phẩm OCOP")

    def get_filters(self) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        filters = self.get_filters()
        try:
            ctx, status = results_context(request, fixed={name: value.slug for name, value in filters.items()})
        except ListingRedirect:
            messages.error(request, _("Trang không tồn tại, đã chuyển về trang đầu."))
            return redirect(request.path)
        ctx.update(summary=self.summary, **filters)
        return TemplateResponse(request, self.template_name, ctx, status=status)


class CatalogueView(SellableListView):
    pass


class ProductCategoryView(SellableListView):
    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"], is_public=True)
        expected = self.category.get_absolute_url()
        if unquote(expected) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected)
        self.summary = self.category.get_name()
        return super().get(request, *args, **kwargs)

    def get_filters(self) -> dict:
        return {"category": self.category}


class ProvinceView(SellableListView):
    def get(self, request, *args, **kwargs):
        self.province = selectors.province_by_slug(kwargs["province_slug"])
        if not selectors.province_in_scope(self.province, scope(request)):
            raise Http404("Tỉnh/thành phố này không thuộc cửa hàng này.")
        if self.province.is_current:
            self.summary = _("Sản phẩm OCOP %(province)s") % {"province": self.province.name}
        else:
            self.summary = _("Sản phẩm OCOP %(former)s (nay thuộc %(current)s)") % {
                "former": self.province.name,
                "current": self.province.merged_into.name,
            }
        return super().get(request, *args, **kwargs)

    def get_filters(self) -> dict:
        return {"province": self.province}


class ProductDetailView(OscarProductDetailView):
    def get_queryset(self):
        return selectors.in_scope(selectors.product_detail_queryset(), scope(self.request))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        day = today_in_vietnam()
        ctx["certificate"] = valid_certificate(product, day)
        owner = product.parent if product.is_child else product
        ctx["latest_certificate"] = next(iter(owner.certificates.all()), None)
        ctx["producer"] = product.ocop_producer
        return ctx


class SellableOnlyMixin:
    """Oscar's range and offer pages list a range's products; here only the sellable ones,
    and on a provincial site only its province's."""

    def get_queryset(self):
        products = super().get_queryset()
        sellable = selectors.in_scope(sellable_products(day=today_in_vietnam()), scope(self.request))
        return products.filter(pk__in=sellable.values("pk"))


class RangeDetailView(SellableOnlyMixin, OscarRangeDetailView):
    pass


class OfferDetailView(SellableOnlyMixin, OscarOfferDetailView):
    pass


def retired_search(request):
    """Oscar's Haystack search page is retired: its queries go to the OCOP search."""
    query = QueryDict(mutable=True)
    if request.GET.get("q", "").strip():
        query["q"] = request.GET["q"][:MAX_QUERY_LENGTH]
    target = reverse("ocop_search")
    return HttpResponsePermanentRedirect(f"{target}?{query.urlencode()}" if query else target)
