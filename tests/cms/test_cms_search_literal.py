"""Every text typed into a search box reaches the search engines as literal words, never
as query syntax: the storefront search page's stories and combos (Wagtail's search, FTS5
on SQLite, tsquery on PostgreSQL), the editorial API's ?search=, and the product search."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.search import search_editorial
from tests.cms_support import page_tree, story

pytestmark = pytest.mark.django_db

FTS_SYNTAX = ['a"b', 'mật ong"', '"', '""', '*', 'mật*', '-mật', 'NEAR(mật ong)', 'NEAR', '(', ')', 'a:b',
              '^mật', 'mật AND', 'OR', 'NOT ong', "'", "mật''ong", "\\", "%s", "%", "{title}: mật", "a & b | !c",
              "mật ong:*", "<->", "title:mật", "+mật", "AND OR NOT", "　", "ＡＮＤ"]


@pytest.fixture
def honey_story():
    return story(page_tree(), slug="mat-ong-rung", title="Mật ong rừng U Minh")


@pytest.mark.parametrize("text", FTS_SYNTAX)
def test_search_syntax_in_the_search_box_answers_the_page(client, honey_story, text):
    response = client.get("/tim-kiem/", {"q": text})

    assert response.status_code == 200


@pytest.mark.parametrize("text", FTS_SYNTAX)
def test_search_syntax_in_the_editorial_apis_search_answers(client, honey_story, text):
    response = client.get("/api/cms/v2/pages/", {"search": text})

    assert response.status_code in (200, 400)
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("text", ['mật ong"', '"mật ong"', "mật* ong", "(mật) ong", "mật ong:", "-mật ong"])
def test_the_words_around_the_syntax_still_find_the_story(honey_story, text):
    found = search_editorial(text=text, language="vi", limit=6)

    assert [page.pk for page in found] == [honey_story.pk]


def test_syntax_alone_finds_nothing_and_does_not_fail(honey_story):
    assert search_editorial(text='"*()^:-', language="vi", limit=6) == []


def test_an_unknown_search_operator_in_the_editorial_api_is_a_400(client, honey_story):
    response = client.get("/api/cms/v2/pages/", {"search": "mật ong", "search_operator": "xor"})

    assert response.status_code == 400
    assert response.json() == {"message": "search_operator must be 'and' or 'or'"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=60))
def test_any_text_in_any_search_box_is_never_a_server_error(client, honey_story, text):
    for path, parameter in [("/tim-kiem/", "q"), ("/api/search/", "q"), ("/api/search/suggest/", "q"),
                            ("/api/cms/v2/pages/", "search")]:
        response = client.get(path, {parameter: text})

        # A NUL byte is refused before any view (400); anything else is answered.
        assert response.status_code == (400 if "\x00" in text else 200), (path, text)
