"""Slugs keep Vietnamese letters folded ("Đặc sản Đắk Lắk" → dac-san-dak-lak) wherever one is
made: a blank slug filled on the server, a producer's story, and the admin's slug field as the
editor types the title (in Chromium)."""

import pytest
from playwright.sync_api import expect
from django.urls import reverse

from cms.models import ProductStoryPage
from cms.services import story_draft_by_producer
from cms.slugs import VIETNAMESE_FORMATTERS
from tests.cms_support import page_tree
from tests.editor_support import editor, signed_in_page  # noqa: F401  fixtures
from tests.factories import sellable_product


@pytest.mark.django_db
@pytest.mark.parametrize("title,slug", [
    ("Đặc sản Đắk Lắk", "dac-san-dak-lak"),
    ("Nước mắm Phú Quốc ưu đãi", "nuoc-mam-phu-quoc-uu-dai"),
    ("Cà phê – Buôn Ma Thuột!", "ca-phe-buon-ma-thuot"),
], ids=["d-and-stacked-tones", "horn-letters", "punctuation"])
def test_a_blank_slug_is_filled_from_the_title_with_letters_folded(reference_data, title, slug):
    stories = page_tree().stories

    page = stories.add_child(instance=ProductStoryPage(title=title, slug=""))

    assert page.slug == slug


@pytest.mark.django_db
def test_a_second_page_with_the_same_title_gets_a_numbered_slug(reference_data):
    stories = page_tree().stories
    stories.add_child(instance=ProductStoryPage(title="Đặc sản Đắk Lắk", slug=""))

    page = stories.add_child(instance=ProductStoryPage(title="Đặc sản Đắk Lắk", slug=""))

    assert page.slug == "dac-san-dak-lak-2"


@pytest.mark.django_db
def test_a_producers_story_gets_a_folded_slug(reference_data):
    page_tree()
    product = sellable_product(title="Cà phê Robusta")

    page = story_draft_by_producer(producer=product.producer, user=None, title="Đặc sản Đắk Lắk",
                                   intro="", text="Chuyện cà phê.", products=[product])

    assert page.slug == "dac-san-dak-lak"


def test_the_browser_formatters_cover_every_vietnamese_vowel_and_d():
    letters = "".join(chars for chars, _base in VIETNAMESE_FORMATTERS)

    for char in "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐƯƠ":
        assert char in letters, char


@pytest.mark.django_db(transaction=True)
def test_the_slug_follows_the_title_in_the_admin_with_letters_folded(browser, live_server, editor):
    from catalogue.reference import ensure_reference_data

    ensure_reference_data()
    stories = page_tree().stories
    page = signed_in_page(browser, live_server, editor)

    page.goto(live_server.url + reverse("wagtailadmin_pages:add", args=("cms", "productstorypage", stories.pk)))
    page.wait_for_load_state("networkidle")  # the admin's controllers connected
    page.locator("#id_title").click()
    page.locator("#id_title").press_sequentially("Đặc sản Đắk Lắk")
    page.locator("#id_title").blur()

    expect(page.locator("#id_slug")).to_have_value("dac-san-dak-lak")
    assert page.console_problems == []
