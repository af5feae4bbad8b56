"""The theme on a phone and a desktop in a real browser (Debian's Chromium through Playwright):
the checkout step bar stays one row at 390 px, the search filters start closed on a phone and
open on a desktop, and no page of the journey scrolls sideways."""

import pytest
from django.urls import reverse

from tests.factories import sellable_product

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_step_bar_is_one_row_and_nothing_scrolls_sideways(browser, live_server, reference_data):
    product = sellable_product(title="Cà phê Robusta rang mộc Buôn Ma Thuột")
    page = browser.new_context(viewport=PHONE).new_page()

    page.goto(f"{live_server.url}{product.get_absolute_url()}")
    assert not scrolls_sideways(page)
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()
    page.goto(f"{live_server.url}{reverse('basket:summary')}")
    assert not scrolls_sideways(page)
    page.goto(f"{live_server.url}{reverse('checkout:index')}")
    page.fill('input[name="username"]', "khach@example.vn")
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url("**/shipping-address/")

    tops = page.eval_on_selector_all(".ocop-steps__item", "items => items.map(i => i.getBoundingClientRect().top)")
    assert len(tops) == 5 and len(set(tops)) == 1
    bar = page.eval_on_selector(".ocop-steps", "bar => bar.getBoundingClientRect().height")
    assert bar < 80
    assert not scrolls_sideways(page)
    assert page.locator('.ocop-steps__item[aria-current="step"]').inner_text().strip().endswith("Địa chỉ")


@pytest.mark.django_db(transaction=True)
def test_search_filters_are_closed_on_a_phone_and_open_on_a_desktop(browser, live_server):
    sellable_product(title="Cà phê Robusta rang mộc")
    url = f"{live_server.url}/tim-kiem/?q=ca+phe"
    filters = ".ocop-filters details, details.ocop-filters"

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(url)
    phone.wait_for_load_state("load")
    assert phone.eval_on_selector(filters, "d => d.open") is False
    first_card = phone.locator(".ocop-card").first.bounding_box()
    assert first_card["y"] < PHONE["height"]  # a result shows on the first screen

    desktop = browser.new_context(viewport=DESKTOP).new_page()
    desktop.goto(url)
    desktop.wait_for_load_state("load")
    assert desktop.eval_on_selector(filters, "d => d.open") is True
