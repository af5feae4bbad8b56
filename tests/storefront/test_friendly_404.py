"""With DEBUG on (the demo), an unknown address shows the theme's 404 page, never Django's
technical page with the list of URL patterns."""

import pytest

TECHNICAL = ("Using the URLconf", "Raised by:", "Django tried these URL patterns")


@pytest.fixture
def theme_404(settings):
    """DEBUG on, as in the demo; the page is themes/ocop/templates/404.html."""
    settings.DEBUG = True


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    "/khong-co-trang-nay/",        # Wagtail's catch-all finds no page (Http404 from a view)
    "/khong-co-tep.txt",           # no URL pattern matches at all
    "/catalogue/khong-co_999999/",  # Oscar's product view finds no product
])
def test_an_unknown_address_shows_the_themes_404_page(client, theme_404, path):
    response = client.get(path)

    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page
    assert not [marker for marker in TECHNICAL if marker in page]


@pytest.mark.django_db
def test_the_trailing_slash_is_still_added(client, theme_404):
    response = client.get("/catalogue")

    assert response.status_code == 301
    assert response["Location"] == "/catalogue/"


@pytest.mark.django_db
def test_the_page_still_passes_through_the_outer_middleware(client, theme_404):
    response = client.get("/khong-co-trang-nay/")

    # (django-csp leaves 404s without a policy under DEBUG by design; production has one.)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
