"""Unpublishing a Vietnamese story or combo takes its English copies off the shop too, so
/en/, the editorial API and GraphQL ``page(slug:)`` never show a withdrawn page (in its
Vietnamese text, as an untranslated copy reads); unpublishing only the English copy leaves
the Vietnamese page live."""

import pytest
from wagtail.models import Locale, Page

from tests.cms_support import combo, page_tree, story
from tests.factories import UserFactory, sellable_product
from tests.graphql_support import gql

pytestmark = pytest.mark.django_db

PAGE_BY_SLUG = "query($slug: String!) { page(slug: $slug) { id title } }"


@pytest.fixture
def english():
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def tree(english):
    tree = page_tree()
    for page in (tree.home, tree.stories, tree.combos):
        page.copy_for_translation(english).save_revision().publish()
    return tree


def _translated(page, english):
    copy = page.copy_for_translation(english)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def _answers(client, path: str, english_copy) -> dict:
    listed = client.get("/api/cms/v2/pages/", {"locale": "en", "type": type(english_copy)._meta.label})
    return {
        "page": client.get(path).status_code,
        "api-detail": client.get(f"/api/cms/v2/pages/{english_copy.pk}/").status_code,
        "api-list": [item["id"] for item in listed.json()["items"]],
        "graphql": gql(client, PAGE_BY_SLUG, {"slug": english_copy.slug})[1]["data"]["page"],
    }


def test_a_live_english_copy_answers_everywhere_before(client, tree, english):
    tale = story(tree, sellable_product(), slug="giot-mam")
    copy = _translated(tale, english)

    answers = _answers(client, "/en/cau-chuyen/giot-mam/", copy)

    assert (answers["page"], answers["api-detail"], answers["api-list"]) == (200, 200, [copy.pk])
    assert answers["graphql"] is not None


def test_unpublishing_a_vietnamese_story_takes_its_english_copy_off(client, tree, english):
    tale = story(tree, sellable_product(), slug="giot-mam")
    copy = _translated(tale, english)

    tale.unpublish()

    assert _answers(client, "/en/cau-chuyen/giot-mam/", copy) == {
        "page": 404, "api-detail": 404, "api-list": [], "graphql": None}
    assert client.get("/cau-chuyen/giot-mam/").status_code == 404
    assert Page.objects.get(pk=copy.pk).live is False


def test_unpublishing_a_vietnamese_combo_in_the_admin_takes_its_english_copy_off(client, tree, english):
    gift = combo(tree, (sellable_product(), 1), (sellable_product(), 1), slug="combo-tet")
    copy = _translated(gift, english)
    editor = UserFactory(username="bientap", is_staff=True, is_superuser=True)
    client.force_login(editor)

    response = client.post(f"/cms/pages/{gift.pk}/unpublish/")

    assert response.status_code == 302
    client.logout()
    assert _answers(client, "/en/combo-qua-tang/combo-tet/", copy) == {
        "page": 404, "api-detail": 404, "api-list": [], "graphql": None}
    assert Page.objects.get(pk=gift.pk).live is False


def test_unpublishing_only_the_english_copy_leaves_the_vietnamese_page_live(client, tree, english):
    tale = story(tree, sellable_product(), slug="giot-mam")
    copy = _translated(tale, english)

    copy.unpublish()

    assert client.get("/en/cau-chuyen/giot-mam/").status_code == 404
    assert client.get("/cau-chuyen/giot-mam/").status_code == 200
    assert Page.objects.get(pk=tale.pk).live is True
