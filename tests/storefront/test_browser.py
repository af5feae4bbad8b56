"""A shopper's journey in a real browser (Debian's Chromium driven by Playwright)."""

import pytest

from catalogue.freshness import catalogue_changed
from catalogue.models import Certificate
from tests.factories import ProducerFactory, sellable_product


@pytest.fixture
def page(browser, live_server):
    return browser.new_context(viewport={"width": 390, "height": 844}).new_page()


@pytest.mark.django_db(transaction=True)
def test_shopper_finds_a_certified_product_and_puts_it_in_the_basket(page, live_server):
    producer = ProducerFactory(name="HTX Nước mắm Hưng Thịnh")
    sellable_product(title="Nước mắm nhĩ Phan Thiết", producer=producer, price=150000, stars=4)
    revoked = sellable_product(title="Kẹo dừa đã thu hồi")
    Certificate.objects.filter(product=revoked).update(status="revoked", revoked_reason="Vi phạm")
    catalogue_changed([revoked.pk])  # as every write path does: listings read search documents

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


@pytest.mark.django_db(transaction=True)
def test_guest_pays_cash_on_delivery_through_the_whole_checkout(page, live_server):
    from oscar.core.loading import get_model

    from catalogue.models import Ward
    from catalogue.reference import ensure_reference_data

    ensure_reference_data()
    product = sellable_product(title="Kẹo dừa sáp dứa", price=60000, num_in_stock=3)
    ward = Ward.objects.filter(province__slug="vinh-long").order_by("code").first()

    page.goto(f"{live_server.url}{product.get_absolute_url()}")
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()
    page.goto(f"{live_server.url}/checkout/")
    page.fill('input[name="username"]', "khach@example.vn")
    page.check('input[name="options"][value="anonymous"]')
    page.locator('form:has(input[name="username"]) button[type="submit"]').first.click()

    page.fill('input[name="first_name"]', "Trần Văn An")
    page.fill('input[name="phone_number"]', "0912 345 678")
    page.fill('input[name="line1"]', "45 Đồng Khởi")
    page.select_option('select[name="province"]', "vinh-long")
    page.wait_for_function(
        "code => [...document.querySelectorAll('select[name=ward] option')].some(o => o.value === code)",
        arg=ward.code)
    page.select_option('select[name="ward"]', ward.code)
    page.locator('form:has(input[name="line1"]) button[type="submit"]').first.click()

    if page.locator('input[name="method_code"], button[name="method_code"]').count():
        page.locator('form:has([name="method_code"]) button[type="submit"]').first.click()
    page.check('input[name="payment_method"][value="cod"]')
    page.get_by_role("button", name="Tiếp tục").click()
    page.locator('form:has(input[value="place_order"]) button[type="submit"]').first.click()

    page.wait_for_url("**/checkout/thank-you/")
    Order = get_model("order", "Order")
    order = Order.objects.get()
    assert order.number in page.locator("body").inner_text()
    assert order.shipping_address.state == "Vĩnh Long"
    assert product.stockrecords.get().num_allocated == 1
