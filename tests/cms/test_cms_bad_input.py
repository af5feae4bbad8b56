"""Hostile text in every editorial field reaches the page inert: no script element, no event
attribute, no javascript: URL; a bad API or form value is refused, never a 500."""

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from cms.models import ProductStoryPage
from tests.cms_support import combo, page_tree, province_page, publish, story
from tests.factories import sellable_product

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
IMG = '<img src=x onerror="alert(1)">'
LINK = '<a href="javascript:alert(1)">bấm</a>'
SVG = '<svg onload="alert(1)"></svg>'
PAYLOAD = f"{SCRIPT}{IMG}{LINK}{SVG}"


class _ActiveParts(HTMLParser):
    """Collects what a browser would run: script text, event attributes, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.found.append(f"<script>{data}")


def _assert_inert(html: str) -> None:
    parser = _ActiveParts()
    parser.feed(html)
    assert parser.found == []


@pytest.fixture
def tree(reference_data):
    return page_tree()


def test_every_text_field_and_block_of_a_story_renders_inert(client, tree):
    product = sellable_product(title="Nước mắm nhĩ")
    page = story(tree, slug="xss", title=f"Chuyện {PAYLOAD}", intro=PAYLOAD, seo_title=PAYLOAD,
                 search_description=PAYLOAD, body=[
                     ("heading", {"text": PAYLOAD}),
                     ("paragraph", f"<p onclick=\"alert(1)\">Đoạn {PAYLOAD}</p>"),
                     ("quote", {"text": PAYLOAD, "attribution": PAYLOAD}),
                     ("product_card", {"product": product, "note": PAYLOAD}),
                 ])
    page.tags.add(SCRIPT)  # tag names are at most 100 characters
    page.save()

    html = client.get(page.url).content.decode()

    _assert_inert(html)
    assert "Đoạn" in html  # the text itself survives
    assert "&lt;script&gt;" in html  # plain-text fields show the payload as text


def test_rich_text_is_sanitised_when_stored(tree):
    page = story(tree, slug="luu", body=[("paragraph", f"<p>Chữ {PAYLOAD}</p>")])

    stored = ProductStoryPage.objects.get(pk=page.pk).body.raw_data[0]["value"]

    assert "<script" not in stored and "onerror" not in stored and "javascript:" not in stored
    assert "Chữ" in stored


def test_home_province_and_combo_fields_render_inert(client, tree, settings):
    from catalogue.models import Province

    a, b = sellable_product(title="A"), sellable_product(title="B")
    tree.home.hero_title = PAYLOAD
    tree.home.hero_text = PAYLOAD
    tree.home.body = [("paragraph", f"<p>{PAYLOAD}</p>")]
    tree.home.save_revision().publish()
    province = province_page(tree, Province.objects.get(slug="lam-dong"), intro=PAYLOAD,
                             body=[("heading", {"text": PAYLOAD})])
    gift = combo(tree, (a, 1), (b, 1), title=f"Combo {PAYLOAD}", intro=PAYLOAD,
                 body=[("paragraph", f"<p>{PAYLOAD}</p>")], combo_price=Decimal("200000"))

    for url in (tree.home.url, province.url, gift.url, tree.stories.url, tree.combos.url):
        response = client.get(url)
        assert response.status_code == 200
        _assert_inert(response.content.decode())


@pytest.mark.parametrize("url_name, kwargs", [
    ("cms_combo_add", {"page_id": 999999}),
])
def test_adding_a_missing_combo_is_a_404(client, url_name, kwargs):
    assert client.post(reverse(url_name, kwargs=kwargs)).status_code == 404


def test_adding_a_combo_takes_post_only(client, tree):
    a, b = sellable_product(title="A"), sellable_product(title="B")
    gift = combo(tree, (a, 1), (b, 1))

    assert client.get(reverse("cms_combo_add", kwargs={"page_id": gift.pk})).status_code == 405


@pytest.mark.parametrize("query", [
    {"tinh": "khong-co"}, {"dip": "<script>"}, {"page": "-1"}, {"page": "abc"}, {"tinh": "binh-thuan"},
], ids=["unknown-province", "bad-occasion", "negative-page", "text-page", "former-province"])
def test_index_filters_ignore_bad_values(client, tree, query):
    for index in (tree.stories, tree.combos):
        response = client.get(index.url, query)
        assert response.status_code == 200
        _assert_inert(response.content.decode())


def test_the_api_refuses_bad_parameters_with_400(client, tree):
    assert client.get("/api/cms/v2/pages/", {"type": "cms.KhongCo"}).status_code == 400
    assert client.get("/api/cms/v2/pages/", {"limit": "abc"}).status_code == 400
