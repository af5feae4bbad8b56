"""The storefront theme as a shopper meets it: every page in our templates without Bootstrap or
jQuery, one h1, natural Vietnamese, the checkout step bar, a basket that works without
JavaScript, the home page's weight budget, friendly error pages and the second theme."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import loader
from django.test import override_settings
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.models import Site

from cms.models import StorefrontSettings
from tests.checkout_support import add_to_basket, address, checkout_to_preview, place_order
from tests.cms_support import page_tree
from tests.factories import UserFactory, sellable_product

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

HOME_BUDGET_BYTES = 150 * 1024
# What stock Oscar and its Vietnamese catalogue put in front of shoppers (issue 11).
STIFF_STRINGS = ("tạo một tài khoản trước khi thoát", "liên quan dến", "Oops", "Trong kho (", "có sẵn)")
THEMES = Path(settings.BASE_DIR) / "themes"


def assert_theme_page(response):
    """Our layout, no framework assets, one h1, a title and the page language."""
    assert response.status_code == 200, response
    html = response.content.decode()
    assert "/static/ocop/ocop.css" in html
    for asset in ("bootstrap", "jquery", "oscar/css/", "oscar/js/", "fontawesome"):
        assert asset not in html.lower(), asset
    assert len(re.findall(r"<h1[\s>]", html)) == 1, re.findall(r"<h1[^>]*>.*?</h1>", html, re.S)
    assert re.search(r"<title>\s*\S", html)
    assert '<html lang="vi">' in html
    assert " style=" not in html and "<style" not in html  # the policy's promise: no inline styles
    for stiff in STIFF_STRINGS:
        assert stiff not in html, stiff
    return html


def guest_to_thank_you(client, product):
    add_to_basket(client, product)
    checkout_to_preview(client, method="cod")
    place_order(client)
    return Order.objects.get()


@pytest.mark.django_db
def test_home_listing_product_and_basket_use_the_theme(client):
    page_tree()
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết", price=150000)

    assert_theme_page(client.get("/"))
    assert_theme_page(client.get(reverse("catalogue:index")))
    detail = assert_theme_page(client.get(product.get_absolute_url()))
    assert "Thêm vào giỏ hàng</button>" in detail
    assert "Còn hàng: 20 sản phẩm" in detail
    add_to_basket(client, product, quantity=2)
    basket = assert_theme_page(client.get(reverse("basket:summary")))
    assert "Nước mắm nhĩ Phan Thiết" in basket and "300.000" in basket


@pytest.mark.django_db
def test_every_checkout_step_uses_the_theme_and_the_step_bar(client, reference_data):
    add_to_basket(client, sellable_product())

    gateway = assert_theme_page(client.get(reverse("checkout:index")))
    assert "Mua không cần tài khoản" in gateway
    client.post(reverse("checkout:index"), {"username": "khach@example.vn", "options": "anonymous"})
    shipping = assert_theme_page(client.get(reverse("checkout:shipping-address")))
    assert_step_bar(shipping, current=1)
    client.post(reverse("checkout:shipping-address"), address())
    client.post(reverse("checkout:shipping-method"), {"method_code": "giao-tieu-chuan"})
    payment = assert_theme_page(client.get(reverse("checkout:payment-method")))
    assert_step_bar(payment, current=3)
    client.post(reverse("checkout:payment-method"), {"payment_method": "cod"})
    preview = assert_theme_page(client.get(reverse("checkout:preview")))
    assert_step_bar(preview, current=4)
    place_order(client)
    thank_you = assert_theme_page(client.get(reverse("checkout:thank-you")))
    assert_step_bar(thank_you, current=5)
    assert Order.objects.get().number in thank_you


def assert_step_bar(html, *, current):
    """Five steps in one ordered list, the current one marked for assistive technology; the
    steps before it link back (except on the confirmation, where the order is placed)."""
    bar = re.search(r'<nav class="ocop-steps".*?</nav>', html, re.S).group(0)
    items = re.findall(r'<li class="ocop-steps__item[^"]*"[^>]*>.*?</li>', bar, re.S)
    assert len(items) == 5
    assert [("aria-current" in item) for item in items] == [n == current for n in range(1, 6)]
    links = [("<a " in item) for item in items]
    assert links[:current - 1] == [current < 5] * (current - 1)
    assert not any(links[current - 1:])


@pytest.mark.django_db
def test_invalid_address_errors_are_in_natural_vietnamese(client, reference_data):
    add_to_basket(client, sellable_product())
    client.post(reverse("checkout:index"), {"username": "khach@example.vn", "options": "anonymous"})

    response = client.post(reverse("checkout:shipping-address"), address(line1=""))

    html = assert_theme_page(response)
    assert "Vui lòng kiểm tra lại các ô được đánh dấu bên dưới." in html
    assert 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_account_pages_use_the_theme(client, reference_data):
    user = UserFactory()
    client.force_login(user)
    order = guest_to_thank_you(client, sellable_product())

    for name, kwargs in (("customer:profile-view", {}), ("customer:order-list", {}),
                         ("customer:order", {"order_number": order.number}), ("customer:address-list", {}),
                         ("customer:address-create", {}), ("customer:change-password", {}),
                         ("customer:profile-update", {})):
        assert_theme_page(client.get(reverse(name, kwargs=kwargs)))
    client.logout()
    login = assert_theme_page(client.get(reverse("customer:login")))
    assert 'name="login_submit"' in login and 'name="registration_submit"' in login
    assert_theme_page(client.get(reverse("password-reset")))


@pytest.mark.django_db
def test_the_basket_works_without_javascript(client):
    fish_sauce = sellable_product(title="Nước mắm nhĩ")
    squid = sellable_product(title="Mực một nắng")
    add_to_basket(client, fish_sauce)
    add_to_basket(client, squid)
    page = client.get(reverse("basket:summary"))
    formset = page.context["formset"]
    data = {f"form-{key}": value for key, value in formset.management_form.initial.items()}
    for i, form in enumerate(formset):
        data.update({f"form-{i}-id": form.instance.id, f"form-{i}-quantity": 3})
    removed = next(i for i, form in enumerate(formset) if form.instance.product == squid)
    html = page.content.decode()
    assert f'name="form-{removed}-DELETE" value="on"' in html  # the line's own "Xoá" button

    client.post(reverse("basket:summary"), {**data, f"form-{removed}-DELETE": "on"})

    basket = Basket.objects.get()
    assert [(line.product, line.quantity) for line in basket.all_lines()] == [(fish_sauce, 3)]
    indicator = re.search(r'<a class="ocop-basket".*?</a>', client.get("/catalogue/").content.decode(), re.S).group(0)
    assert "Giỏ hàng" in indicator and ">3<" in indicator


@pytest.mark.django_db
def test_home_weighs_at_most_150_kb_of_html_css_and_js(client):
    page_tree()
    for n in range(12):
        sellable_product(title=f"Đặc sản số {n}")

    html = client.get("/").content
    assets = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assets += re.findall(rb'<script src="/static/([^"]+)"', html)
    sizes = {path.decode(): Path(finders.find(path.decode())).stat().st_size for path in assets}
    total = len(html) + sum(sizes.values())

    print(f"\nhome: HTML {len(html)} B + " + " + ".join(f"{p} {s} B" for p, s in sizes.items())
          + f" = {total} B ({total / 1024:.1f} KB, budget 150 KB, uncompressed, before images and fonts)")
    assert "ocop/ocop.css" in sizes and "ocop/ocop.js" in sizes
    assert total <= HOME_BUDGET_BYTES


@pytest.mark.django_db
def test_unknown_address_gets_the_friendly_404(client):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and "/static/ocop/ocop.css" in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'role="search"' in html  # the header's search is there to recover


def test_500_renders_with_no_context_and_no_database():
    # No django_db mark: any query here would fail the test.
    html = loader.get_template("500.html").render()

    assert "<h1>Xin lỗi, cửa hàng đang gặp sự cố</h1>" in html
    assert "/static/ocop/ocop.css" in html
    assert '<html lang="vi">' in html


@pytest.mark.django_db
def test_lamdong_theme_changes_colours_and_logo_and_falls_back_for_the_rest(client):
    """The real mechanism: a Wagtail site whose setting names the lamdong theme."""
    tree = page_tree()
    sellable_product(title="Cà phê Cầu Đất")
    site = Site.objects.create(hostname="lamdong.localhost", port=80, root_page=tree.home)
    StorefrontSettings.objects.create(site=site, theme="lamdong")

    html = assert_theme_page(client.get("/", HTTP_HOST="lamdong.localhost"))
    assert finders.find("lamdong/lamdong.css") and finders.find("lamdong/img/logo.svg")
    assert "lamdong/lamdong.css" not in assert_theme_page(client.get("/"))  # the default site

    assert html.index("ocop/ocop.css") < html.index("lamdong/lamdong.css")  # overrides come last
    assert "lamdong/img/logo.svg" in html and "OCOP Lâm Đồng" in html
    assert "ocop/img/logo.svg\" alt" not in html
    assert "Cà phê Cầu Đất" in html and 'class="ocop-footer"' in html  # the default theme's templates
    overridden = sorted(str(p.relative_to(THEMES / "lamdong")) for p in (THEMES / "lamdong").rglob("*") if p.is_file())
    assert overridden == ["static/lamdong/img/logo.svg", "static/lamdong/lamdong.css",
                          "templates/ocop/partials/theme_head.html", "templates/oscar/partials/brand.html"]
    css = re.sub(r"/\*.*?\*/", "", (THEMES / "lamdong" / "static" / "lamdong" / "lamdong.css").read_text(), flags=re.S)
    properties = re.findall(r"([\w-]+)\s*:", css)
    assert properties and all(p.startswith("--ocop-") for p in properties)  # variables only


def test_the_webfont_comes_from_the_npm_package_with_vietnamese_coverage():
    package = json.loads((Path(settings.BASE_DIR) / "package.json").read_text())
    assert "@fontsource/be-vietnam-pro" in package["devDependencies"]
    css = Path(finders.find("ocop/ocop.css")).read_text()
    fonts = re.findall(r'url\("(fonts/[^"]+\.woff2)"\)', css)
    assert fonts and all(finders.find(f"ocop/{font}") for font in fonts)
    assert any("vietnamese" in font for font in fonts)
    assert css.count("font-display: swap") == len(fonts)
    assert finders.find("ocop/fonts/LICENSE.txt")
    assert "http" not in " ".join(re.findall(r"url\(([^)]*)\)", css)).replace("http://www.w3.org/2000/svg", "")
