"""A signed-in user without the right to a page meets the shop's own 403 page, in the URL's
language, not Django's bare "403 Forbidden"."""

import pytest

from tests.factories import UserFactory
from tests.producer_support import client_for, producer_with_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path,title,lang", [
    ("/van-phong/", "Bạn không có quyền xem trang này", "vi"),
    ("/van-phong/chung-nhan/", "Bạn không có quyền xem trang này", "vi"),
    ("/en/van-phong/", "You may not see this page", "en"),
    ("/en/nha-san-xuat/", "You may not see this page", "en"),
], ids=["office-vi", "office-list-vi", "office-en", "producer-area-en"])
def test_a_shopper_gets_the_themed_403_in_the_url_language(path, title, lang):
    response = client_for(UserFactory(username="khach-le")).get(path)

    html = response.content.decode()
    assert response.status_code == 403
    assert f"<h1>{title}</h1>" in html
    assert f'<html lang="{lang}"' in html
    assert "khach-le" in html
    assert "ocop.css" in html
    assert "Forbidden" not in html


def test_a_producer_in_the_office_gets_the_same_page(reference_data):
    response = client_for(producer_with_user()[1]).get("/van-phong/chung-nhan/")

    assert response.status_code == 403
    assert "Bạn không có quyền xem trang này" in response.content.decode()
