"""Wagtail's live preview panel shows the page being edited (in Chromium): the admin may frame
its own previews, and the storefront's pages still refuse every frame."""

import pytest
from django.urls import reverse

from tests.cms_support import page_tree, story
from tests.editor_support import editor, signed_in_page  # noqa: F401  fixtures
from tests.factories import sellable_product

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_preview_panel_renders_the_story_being_edited(browser, live_server, editor):
    from catalogue.reference import ensure_reference_data

    ensure_reference_data()
    page_obj = story(page_tree(), sellable_product(title="Nước mắm nhĩ"), title="Giọt mắm nhĩ Phan Thiết")
    page = signed_in_page(browser, live_server, editor)
    refused = []
    page.on("console", lambda m: "frame-ancestors" in m.text and refused.append(m.text))

    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[page_obj.pk]))
    page.wait_for_load_state("networkidle")
    page.locator('[data-side-panel-toggle="preview"]').click()
    frame = page.frame_locator("#w-preview-iframe")

    frame.locator("h1").wait_for(timeout=15000)
    assert frame.locator("h1").inner_text() == "Giọt mắm nhĩ Phan Thiết"
    assert refused == []


def test_a_storefront_page_cannot_be_framed_even_by_the_admin(browser, live_server, editor):
    from catalogue.reference import ensure_reference_data

    ensure_reference_data()
    page_obj = story(page_tree(), sellable_product(title="Nước mắm nhĩ"), title="Giọt mắm nhĩ Phan Thiết")
    page = signed_in_page(browser, live_server, editor)
    refused = []
    page.on("console", lambda m: "frame-ancestors" in m.text and refused.append(m.text))
    page.goto(live_server.url + reverse("wagtailadmin_home"))

    page.evaluate("""url => { const f = document.createElement('iframe'); f.src = url;
                              document.body.appendChild(f); }""", live_server.url + page_obj.url)
    page.wait_for_timeout(1500)

    assert refused, "the storefront page was framed"
