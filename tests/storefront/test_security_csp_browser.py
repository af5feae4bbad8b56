"""The storefront's own JavaScript works in a real browser under the strict Content Security
Policy, and the browser reports no violation (Debian's Chromium driven by Playwright)."""

import pytest

from tests.factories import sellable_product


@pytest.fixture
def browser_page(browser, live_server):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.console_problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and page.console_problems.append(m.text))
    page.on("pageerror", lambda e: page.console_problems.append(f"page error: {e}"))
    return page


@pytest.fixture
def home_page(db):
    from wagtail.models import Page, Site

    from cms.models import HomePage

    home = Page.objects.get(depth=1).add_child(instance=HomePage(
        title="OCOP Việt Nam", slug="trang-chu-thu", hero_title="Đặc sản mỗi xã"))
    Site.objects.update(root_page=home)
    return home


def _csp_violations(page) -> list[str]:
    return [m for m in page.console_problems if "Content Security Policy" in m or "page error" in m]


def _suggestions_work(page, typed: str, expected: str) -> None:
    page.fill("#ocop-search-q", typed)
    page.wait_for_selector("#ocop-search-suggest a", state="visible", timeout=5000)
    assert expected in page.locator("#ocop-search-suggest").inner_text()


@pytest.mark.django_db(transaction=True)
def test_home_product_and_basket_run_their_scripts_without_a_csp_violation(browser_page, live_server, home_page):
    page = browser_page
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết", price=150000)

    # Home: the header's search suggestions (ocop/suggest.js).
    response = page.goto(f"{live_server.url}/")
    assert "script-src 'self';" in response.headers["content-security-policy"] + ";"
    _suggestions_work(page, "nuoc mam", "Nước mắm nhĩ Phan Thiết")

    # Product page: the province menu closes on Escape (ocop/ocop.js).
    page.goto(f"{live_server.url}{product.get_absolute_url()}")
    page.click("details.ocop-provinces summary")
    assert page.locator("details.ocop-provinces").get_attribute("open") == ""
    page.keyboard.press("Escape")
    assert page.locator("details.ocop-provinces").get_attribute("open") is None
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()

    # Basket: Oscar's basket script, started by ocop/oscar_init.js, opens the voucher form.
    page.goto(f"{live_server.url}/basket/")
    assert "Nước mắm nhĩ Phan Thiết" in page.locator("body").inner_text()
    assert not page.locator("#voucher_form_container").is_visible()
    page.click("#voucher_form_link a")
    assert page.locator("#voucher_form_container").is_visible()

    assert _csp_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_an_injected_inline_script_is_refused_by_the_browser(browser_page, live_server):
    """The policy really is enforced: a script that got into a page would not run."""
    page = browser_page
    page.goto(f"{live_server.url}/catalogue/")

    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true;';
        document.body.appendChild(s);
    }""")

    assert page.evaluate("() => window.__injected === true") is False
    assert any("Content Security Policy" in m for m in page.console_problems)


def _sign_in(page, url: str) -> None:
    page.goto(url)
    page.fill('input[name="username"]', "vanphong")
    page.fill('input[name="password"]', "mat-khau-thu-nghiem")
    page.locator("form [type=submit]").first.click()
    page.wait_for_load_state("networkidle")


@pytest.mark.django_db(transaction=True)
def test_the_back_office_works_under_its_own_policy(browser_page, live_server):
    """Why /dashboard/ and /cms/ allow inline script, and that Django's admin needs nothing."""
    from tests.factories import UserFactory

    UserFactory(username="vanphong", email="vanphong@example.vn", is_staff=True, is_superuser=True)
    page = browser_page

    _sign_in(page, f"{live_server.url}/admin/login/")
    page.goto(f"{live_server.url}/admin/catalogue/certificate/")
    assert _csp_violations(page) == []  # the strict policy: Django's admin runs no inline script

    page.goto(f"{live_server.url}/dashboard/")
    page.wait_for_load_state("networkidle")
    # Oscar's dashboard starts from inline scripts: with them allowed, jQuery and Oscar's
    # dashboard code run. It asks Google's CDN for jQuery first; the policy refuses that
    # (the only violation) and Oscar's inline fallback loads the local copy.
    assert page.evaluate("() => typeof window.jQuery === 'function' && typeof window.oscar.dashboard")\
        == "object"
    assert [m for m in _csp_violations(page) if "ajax.googleapis.com" not in m] == []

    page.console_problems.clear()
    page.goto(f"{live_server.url}/cms/pages/")
    page.wait_for_load_state("networkidle")
    assert _csp_violations(page) == []
    assert page.locator("[data-side-panel-toggle], #wagtail-sidebar").count() >= 1
