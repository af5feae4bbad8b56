from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import ReferenceIndex

register = template.Library()


@register.filter
def card_product(card_products, product):
    """The card's product as the page loaded it (live card data), or None when deleted."""
    if product is None or not card_products:
        return None
    return card_products.get(product.pk)


def _province_page_urls(request) -> dict:
    """province id → its live ProvincePage URL, once per request (former provinces map to
    the page of the province they joined)."""
    cached = getattr(request, "_cms_province_urls", None)
    if cached is None:
        from cms.models import ProvincePage

        cached = {}
        for page in ProvincePage.objects.live().only("id", "url_path", "province_id"):
            cached[page.province_id] = page.get_url(request)
        if request is not None:
            request._cms_province_urls = cached
    return cached


@register.simple_tag(takes_context=True)
def province_url(context, province) -> str:
    """The storefront's link for a province: its editorial page, else the catalogue listing."""
    if province is None:
        return ""
    urls = _province_page_urls(context.get("request"))
    url = urls.get(province.pk) or urls.get(province.merged_into_id)
    return url or reverse("catalogue:province", kwargs={"province_slug": province.slug})


@register.simple_tag
def stories_featuring(product) -> list:
    """Live stories whose body or panels reference ``product`` (Wagtail's reference index)."""
    from cms.models import ProductStoryPage

    page_ids = ReferenceIndex.get_references_to(product).filter(
        base_content_type=ContentType.objects.get_by_natural_key("wagtailcore", "page"),
    ).values_list("object_id", flat=True)
    return list(ProductStoryPage.objects.live().filter(pk__in=[int(i) for i in page_ids])
                .only("id", "title", "url_path").order_by("-first_published_at"))
