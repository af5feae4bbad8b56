"""A producer's day in a real browser (Debian's Chromium driven by Playwright): add a
product, ship a line. The area runs with no inline script of its own."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import sellable_product
from tests.producer_support import make_order, producer_with_user


@pytest.fixture
def browser_context(browser, live_server):
    return browser.new_context(viewport={"width": 1200, "height": 900})


def _signed_in_page(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url}])
    return context.new_page()


@pytest.mark.django_db(transaction=True)
def test_producer_adds_a_product_and_ships_a_line(browser_context, live_server, settings, tmp_path):
    from catalogue.reference import ensure_reference_data

    settings.MEDIA_ROOT = tmp_path
    ensure_reference_data()
    producer, user = producer_with_user(name="HTX Trà Shan Tuyết")
    order = make_order([(sellable_product(producer=producer, title="Trà Shan tuyết cổ thụ"), 2)])
    page = _signed_in_page(browser_context, live_server, user)

    page.goto(f"{live_server.url}/nha-san-xuat/")
    assert page.locator("svg.ocop-chart").count() == 1
    page.get_by_role("link", name="Sản phẩm", exact=True).click()
    page.get_by_role("link", name="Thêm sản phẩm").click()
    page.get_by_label("Tên sản phẩm").fill("Mật ong hoa cà phê")
    page.get_by_label("Nhóm sản phẩm OCOP").select_option(label="Thực phẩm › Mật ong")
    page.get_by_label("Mã hàng (SKU)").fill("MO-01")
    page.get_by_label("Giá (đồng)").fill("180000")
    page.get_by_label("Tồn kho").fill("12")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã lưu sản phẩm “Mật ong hoa cà phê”.").is_visible()
    assert page.get_by_text("Sản phẩm chưa có chứng nhận OCOP còn hiệu lực").first.is_visible()

    page.goto(f"{live_server.url}/nha-san-xuat/don-hang/{order.number}/")
    for step in ("Đã xác nhận", "Đã đóng gói"):
        page.get_by_role("button", name=step).click()
    page.get_by_placeholder("Đơn vị vận chuyển").fill("Viettel Post")
    page.get_by_placeholder("Mã vận đơn").fill("VTP0001")
    page.get_by_role("button", name="Đã giao vận chuyển").click()
    page.screenshot(path=str(tmp_path / "order.png"), full_page=True)

    assert page.get_by_text("Viettel Post VTP0001").is_visible()
    assert order.lines.get().status == "shipped"
