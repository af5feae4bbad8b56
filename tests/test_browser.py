"""A shopper's journey in a real browser (Debian's Chromium driven by Playwright)."""

import os
import shutil

import pytest

from catalog.models import Certificate
from tests.factories import ProducerFactory, sellable_product

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="needs Debian's chromium (apt-get install chromium)"
)


@pytest.fixture
def page(live_server, monkeypatch):
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test
    # itself are synchronous and safe. Undone after the test (the deploy check refuses it).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 390, "height": 844})
        yield context.new_page()
        browser.close()


@pytest.mark.django_db(transaction=True)
def test_shopper_finds_a_certified_product_and_puts_it_in_the_basket(page, live_server):
    producer = ProducerFactory(name="HTX Nước mắm Hưng Thịnh")
    sellable_product(title="Nước mắm nhĩ Phan Thiết", producer=producer, price=150000, stars=4)
    revoked = sellable_product(title="Kẹo dừa đã thu hồi")
    Certificate.objects.filter(product=revoked).update(status="revoked", revoked_reason="Vi phạm")

    page.goto(f"{live_server.url}/catalogue/")
    assert page.get_by_text("Kẹo dừa đã thu hồi").count() == 0
    page.get_by_role("link", name="Nước mắm nhĩ Phan Thiết").first.click()

    page.wait_for_url("**/catalogue/nuoc-mam-nhi-phan-thiet_*/")
    assert page.get_by_text("4 sao OCOP").first.is_visible()
    assert page.get_by_text("HTX Nước mắm Hưng Thịnh").first.is_visible()
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()

    page.goto(f"{live_server.url}/basket/")
    basket = page.locator("body").inner_text().replace("\xa0", " ")  # babel puts a no-break space before ₫
    assert "Nước mắm nhĩ Phan Thiết" in basket
    assert "150.000 ₫" in basket
