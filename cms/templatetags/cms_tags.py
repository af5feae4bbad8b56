from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.models import Page, ReferenceIndex

from cms.models import ProductStoryPage, ProvincePage
from cms.search import search_editorial

register = template.Library()

PROVINCE_URLS_KEY = "cms:province-page-urls"


@register.filter
def card_product(card_products, product):
    """The card's product as the page loaded it (live card data), or None when deleted."""
    if product is None or not card_products:
        return None
    return card_products.get(product.pk)


def _province_page_paths() -> dict:
    """province id → its live ProvincePage's path (relative to the site), cached until a
    province page is published, unpublished or deleted (``cms.receivers``)."""
    key = f"{PROVINCE_URLS_KEY}:{get_language()}"
    paths = cache.get(key)
    if paths is None:
        paths = {}
        pages = ProvincePage.objects.live().filter(locale__language_code=get_language())
        for page in pages.only("id", "url_path", "province_id", "locale_id").select_related(None):
            # The path within the site: every site shares the root page, and get_url()
            # without a request would name one site's host once there are two.
            parts = page.get_url_parts()
            if parts:
                paths[page.province_id] = parts[2]
        cache.set(key, paths, 3600)
    return paths


@register.simple_tag
def province_url(province) -> str:
    """The storefront's link for a province: its editorial page (a former province: the
    page of the province it joined), else the catalogue's listing."""
    if province is None:
        return ""
    paths = _province_page_paths()
    url = paths.get(province.pk) or paths.get(province.merged_into_id)
    return url or reverse("catalogue:province", kwargs={"province_slug": province.slug})


@register.simple_tag
def stories_featuring(product) -> list:
    """Live stories whose body or panels reference ``product`` (Wagtail's reference index),
    in one query."""
    referencing = ReferenceIndex.get_references_to(product).filter(
        base_content_type=ContentType.objects.get_for_model(Page),
    ).annotate(page_id=Cast("object_id", IntegerField())).values("page_id")
    return list(ProductStoryPage.objects.live().filter(pk__in=referencing)
                .only("id", "title", "url_path").order_by("-first_published_at"))


@register.simple_tag
def editorial_search(query: str, limit: int = 6) -> list:
    """Live stories and combos for the storefront search page's "Stories" section."""
    return search_editorial(text=(query or "")[:200], language=get_language(), limit=limit)
