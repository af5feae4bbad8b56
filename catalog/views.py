"""Storefront catalogue views: sellable-only listings by category and province, detail.

Oscar's own listing goes through Haystack (which lists nothing with the simple backend
and loads products one by one otherwise); these read the database in a fixed number of
queries per page.
"""

from urllib.parse import unquote

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.apps.offer.views import OfferDetailView as OscarOfferDetailView
from oscar.apps.offer.views import RangeDetailView as OscarRangeDetailView
from oscar.core.loading import get_model

from catalog import selectors
from catalog.listing_cache import cached_count
from catalog.rules import today_in_vietnam
from catalog.sellable import sellable_products, valid_certificate

Category = get_model("catalogue", "Category")
MAX_QUERY_LENGTH = 200


class CountedPaginator(Paginator):
    """A paginator told its count, so it does not count again."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count


class SellableListView(ListView):
    context_object_name = "products"
    template_name = "oscar/catalogue/browse.html"
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    summary = _("Tất cả sản phẩm OCOP")

    def get(self, request, *args, **kwargs):
        self.day = today_in_vietnam()
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            if "page" not in request.GET:
                raise
            messages.error(request, _("Trang không tồn tại, đã chuyển về trang đầu."))
            return redirect(request.path)

    def get_filters(self) -> dict:
        return {}

    def get_queryset(self):
        return selectors.listing(day=self.day, **self.get_filters())

    def get_paginator(self, queryset, per_page, **kwargs):
        key = f"{self.day}:" + ":".join(
            f"{name}={getattr(value, 'pk', value)}" for name, value in sorted(self.get_filters().items())
        )
        return CountedPaginator(queryset, per_page, count=cached_count(queryset, key=key), **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["summary"] = self.summary
        ctx.update(self.get_filters())
        return ctx


class CatalogueView(SellableListView):
    pass


class ProductCategoryView(SellableListView):
    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(
            Category, pk=kwargs["pk"], is_public=True
        )
        expected = self.category.get_absolute_url()
        if unquote(expected) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected)
        self.summary = self.category.name
        return super().get(request, *args, **kwargs)

    def get_filters(self) -> dict:
        return {"category": self.category}


class ProvinceView(SellableListView):
    def get(self, request, *args, **kwargs):
        self.province = selectors.province_by_slug(kwargs["province_slug"])
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
        return selectors.product_detail_queryset()

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
    """Oscar's range and offer pages list a range's products; here only the sellable ones."""

    def get_queryset(self):
        products = super().get_queryset()
        return products.filter(pk__in=sellable_products(day=today_in_vietnam()).values("pk"))


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
