"""The office's order page in the dashboard (in Chromium): no script error on a visit, the
lines' select-all box works, and Oscar's Vietnamese there reads right."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.editor_support import signed_in_page
from tests.factories import UserFactory, sellable_product
from tests.producer_support import make_order


@pytest.mark.django_db(transaction=True)
def test_the_order_page_runs_without_a_script_error_and_selects_every_line(browser, live_server):
    from catalogue.reference import ensure_reference_data

    ensure_reference_data()
    order = make_order([(sellable_product(title="Nước mắm nhĩ", price=Decimal("150000")), 2),
                        (sellable_product(title="Mực một nắng", price=Decimal("390000")), 1)])
    page = signed_in_page(browser, live_server, UserFactory(is_staff=True, is_superuser=True))

    page.goto(live_server.url + reverse("dashboard:order-detail", kwargs={"number": order.number}))
    page.wait_for_load_state("networkidle")
    page.get_by_label("Chọn tất cả các dòng").check()

    lines = page.locator('#order_lines_form input[name="selected_line"]')
    assert lines.count() == 2
    assert all(lines.nth(i).is_checked() for i in range(2))
    # (Oscar's layout first tries jQuery from Google's CDN, which the CSP refuses; it then loads
    # its own copy. That console message is not an error of the page's scripts.)
    assert [p for p in page.console_problems if p.startswith("page error")] == []


@pytest.mark.django_db
@pytest.mark.parametrize("odd", ["Cam kết thực hiện", "thuêus", "kiểm tra như là một khách", "Tần số"])
def test_the_order_page_has_none_of_oscars_odd_vietnamese(client, reference_data, odd):
    order = make_order([(sellable_product(title="Nước mắm nhĩ"), 1)])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    html = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()

    assert "Giá chưa thuế (trước giảm giá)" in html
    assert odd not in html
