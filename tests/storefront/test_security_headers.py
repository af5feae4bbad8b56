"""Security headers on real pages: a strict Content Security Policy on the storefront (no
inline script), a looser one only for the back office, and the usual hardening headers."""

import pytest
from django.test import Client

from tests.factories import UserFactory, sellable_product

STOREFRONT_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
# The checkout (where the card page is) also loads Stripe.js and its frames.
CHECKOUT_CSP = {
    **STOREFRONT_CSP,
    "script-src": ["'self'", "https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": ["'self'", "https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["'self'", "https://api.stripe.com"],
}


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.fixture
def home_page(db):
    from wagtail.models import Page, Site

    from cms.models import HomePage

    home = Page.objects.get(depth=1).add_child(instance=HomePage(
        title="OCOP Việt Nam", slug="trang-chu-thu", hero_title="Đặc sản mỗi xã"))
    Site.objects.update(root_page=home)
    return home


@pytest.fixture
def storefront_pages(home_page):
    """Home, a product page, the basket and the checkout, as a guest with one item."""
    client = Client()
    product = sellable_product(title="Cà phê Robusta Đắk Lắk")
    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    return client, {
        "home": "/",
        "product": product.get_absolute_url(),
        "basket": "/basket/",
        "checkout": "/checkout/",
    }


@pytest.mark.django_db
def test_storefront_pages_have_the_strict_policy_and_the_hardening_headers(production, storefront_pages):
    client, pages = storefront_pages

    responses = {name: client.get(path, secure=True) for name, path in pages.items()}

    assert {name: r.status_code for name, r in responses.items()} == {
        "home": 200, "product": 200, "basket": 200, "checkout": 200}
    for name, response in responses.items():
        expected = CHECKOUT_CSP if name == "checkout" else STOREFRONT_CSP
        assert _directives(response["Content-Security-Policy"]) == expected, name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert response["X-Frame-Options"] == "DENY", name


@pytest.mark.django_db
def test_storefront_pages_carry_no_inline_script_or_event_handler(storefront_pages):
    client, pages = storefront_pages

    for name, path in pages.items():
        html = client.get(path).content.decode()
        scripts = html.count("<script")
        external = html.count("<script src=")
        json_data = html.count('<script type="application/json"')
        assert scripts == external + json_data, name
        for handler in (" onclick=", " onchange=", " onsubmit=", " onload=", "javascript:"):
            assert handler not in html, (name, handler)


@pytest.mark.parametrize("path", ["/dashboard/login/", "/cms/login/"], ids=["oscar-dashboard", "wagtail"])
@pytest.mark.django_db
def test_only_oscar_dashboard_and_wagtail_admin_allow_inline_script(production, path):
    response = Client().get(path, secure=True)

    directives = _directives(response["Content-Security-Policy"])
    assert response.status_code == 200
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_django_admin_runs_under_the_strict_policy(production):
    response = Client().get("/admin/login/", secure=True)

    assert response.status_code == 200
    assert _directives(response["Content-Security-Policy"]) == STOREFRONT_CSP
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_wagtail_may_frame_its_own_pages_for_preview_and_nothing_else_may(production):
    cms = Client().get("/cms/login/", secure=True)
    dashboard = Client().get("/dashboard/login/", secure=True)

    assert _directives(cms["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]
    assert _directives(dashboard["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_a_signed_in_customer_page_is_strict_too(production):
    client = Client()
    client.force_login(UserFactory())

    response = client.get("/accounts/profile/", secure=True)

    assert response.status_code == 200
    assert _directives(response["Content-Security-Policy"]) == STOREFRONT_CSP


@pytest.mark.django_db
def test_the_card_page_loads_stripe_js_from_files_under_the_checkout_policy(client, reference_data, stripe_http):
    from decimal import Decimal

    from tests.checkout_support import add_to_basket, checkout_to_preview, place_order

    product = sellable_product(price=Decimal("150000"), num_in_stock=3)
    add_to_basket(client, product)
    checkout_to_preview(client, method="card", province="ho-chi-minh")
    card_page = client.get(place_order(client)["Location"])

    html = card_page.content.decode()
    assert card_page.status_code == 200
    assert _directives(card_page["Content-Security-Policy"]) == CHECKOUT_CSP
    assert '<script src="https://js.stripe.com/v3/"></script>' in html
    assert '<script src="/static/ocop/card_payment.js"></script>' in html
    assert html.count("<script") == html.count("<script src=")
    assert 'data-client-secret="pi_fake_1_secret_fake"' in html
