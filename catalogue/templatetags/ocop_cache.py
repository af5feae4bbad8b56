"""Cached fragments (catalogue/fragment_cache.py) for templates.

    {% load ocop_cache %}
    {% product_card product %}
    {% cached_include "oscar/partials/footer.html" %}
"""

from django import template
from django.utils.safestring import mark_safe

from catalogue.fragment_cache import fragment_key, render_cached

register = template.Library()

PRODUCT_CARD = "oscar/catalogue/partials/product.html"


@register.simple_tag(takes_context=True)
def product_card(context, product):
    """The card partial, rendered once per product until the catalogue changes."""
    key = fragment_key(context, "card", product.pk)
    return mark_safe(render_cached(context, PRODUCT_CARD, key, product=product))


@register.simple_tag(takes_context=True)
def cached_include(context, template_name):
    """A shared partial (menus, footer) that differs only by whether someone is signed in."""
    user = context.get("user")
    signed_in = bool(getattr(user, "is_authenticated", False))
    key = fragment_key(context, "include", template_name, signed_in)
    return mark_safe(render_cached(context, template_name, key))
