"""Template helpers for the OCOP theme. They read only what the view already loaded
(prefetched certificates and images), so a listing page costs no query per product."""

from django import template
from django.templatetags.static import static

from catalogue.rules import today_in_vietnam
from catalogue.sellable import valid_certificate

register = template.Library()

PLACEHOLDER_IMAGE = "ocop/img/placeholder.svg"


@register.simple_tag
def ocop_certificate(product):
    """The product's best certificate valid today in Vietnam, or None.

    Usage: ``{% ocop_certificate product as certificate %}``
    """
    return valid_certificate(product, today_in_vietnam())


@register.filter
def star_glyphs(stars) -> str:
    """``4`` → ``★★★★`` (the count is also printed as text next to it)."""
    try:
        count = int(stars)
    except (TypeError, ValueError):
        return ""
    return "★" * max(0, min(count, 5))


@register.simple_tag
def ocop_image_url(image) -> str:
    """URL of a product image's original file, or the theme's placeholder.

    ``image`` is a ProductImage or the dict Oscar's ``primary_image`` returns when a
    product has no image (``is_missing``). Templates use it for the placeholder and
    as the fallback when ``oscar_thumbnail`` gives nothing (thumbnail errors are
    logged, not raised, when DEBUG is off).
    """
    if not image:
        return static(PLACEHOLDER_IMAGE)
    if isinstance(image, dict):
        return static(PLACEHOLDER_IMAGE)
    original = getattr(image, "original", None)
    if not original:
        return static(PLACEHOLDER_IMAGE)
    try:
        return original.url
    except ValueError:  # a file field with no file attached
        return static(PLACEHOLDER_IMAGE)


@register.simple_tag
def ocop_images(product) -> list:
    """All of a product's images (prefetched on detail), in display order."""
    return list(product.get_all_images())


@register.filter
def short_group_name(name) -> str:
    """Menu label of an OCOP group: the long tourism group name up to its first comma."""
    return str(name).split(",")[0].strip()


# Font Awesome 5 (shipped with Oscar's styles) icons for the six OCOP groups, by slug prefix.
_GROUP_ICONS = (
    ("thuc-pham", "fa-utensils"),
    ("do-uong", "fa-mug-hot"),
    ("thao-duoc", "fa-leaf"),
    ("thu-cong", "fa-hands"),
    ("sinh-vat-canh", "fa-seedling"),
    ("dich-vu", "fa-map-marked-alt"),
)


@register.filter
def group_icon(category) -> str:
    slug = getattr(category, "slug", "") or ""
    for prefix, icon in _GROUP_ICONS:
        if slug.startswith(prefix):
            return icon
    return "fa-star"


@register.simple_tag
def ocop_category_trail(product, roots=None) -> list:
    """Breadcrumb categories of a product from its prefetched categories and the cached
    root groups (``ocop_nav.categories``): no tree query. Deepest category last."""
    categories = list(product.categories.all())
    if not categories:
        return []
    deepest = max(categories, key=lambda c: (c.depth, c.path))
    trail = {}
    for category in list(roots or []) + categories:
        if deepest.path.startswith(category.path):
            trail[category.path] = category
    return [trail[path] for path in sorted(trail, key=len)]


@register.simple_tag
def ocop_certificate_state(certificate) -> str:
    """Why a certificate does or does not cover today: ``valid``, ``expired``,
    ``not_yet_valid``, ``revoked``, ``pending`` (for wording only; selling is decided
    by the Strategy)."""
    if certificate is None:
        return ""
    today = today_in_vietnam()
    if certificate.is_valid_on(today):
        return "valid"
    if certificate.status == certificate.Status.REVOKED:
        return "revoked"
    if certificate.status == certificate.Status.PENDING:
        return "pending"
    if certificate.issued_on > today:
        return "not_yet_valid"
    return "expired"
