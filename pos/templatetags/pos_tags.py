from django import template

from pos import documents, selectors

register = template.Library()


@register.simple_tag
def product_stamp(product):
    """The product page's QR to its verification page, and where it is on a shelf."""
    certificate = selectors.product_verify_certificate(product)
    url = documents.verify_url(certificate.number) if certificate else ""
    return {
        "certificate": certificate, "url": url, "svg": documents.qr_svg(url, scale=3) if url else "",
        "points_of_sale": selectors.points_of_sale_with_stock(product),
    }
