"""Text in the product search box is literal words on every engine: the database backend
(PostgreSQL tsquery, SQLite word match) and Elasticsearch/OpenSearch (osmem, or a cluster
named by ELASTICSEARCH_URL). Query syntax answers, and the words around it still find."""

import pytest
from django.core.management import call_command

from tests.factories import sellable_product
from tests.search_engines import osmem_url, search_engine  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db

SYNTAX = ['mật ong"', '"mật ong"', "mật* ong", "(mật ong", "mật ong:", "-mật ong", "mật ong^", "^mật ong",
          "mật & ong | !", "mật ong~", "mật ong/", "mật ong\\", ":mật ong", "mật' ong",
          "mật [ong]", "{mật} ong", "mật ong <->", "mật ong %", "mật ong _", "mật ong ?"]


@pytest.fixture
def honey(reference_data, search_engine):  # noqa: F811
    product = sellable_product(title="Mật ong rừng U Minh")
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
    return product


def test_query_syntax_around_the_words_still_finds_the_product(client, honey):
    for text in SYNTAX:
        response = client.get("/api/search/", {"q": text})

        assert response.status_code == 200, text
        assert [hit["id"] for hit in response.json()["results"]] == [honey.pk], text


def test_query_syntax_alone_finds_nothing_and_answers(client, honey):
    for text in ['"', "*", "(", ")", ":", "^", "-", "~", "\\", "&|!", "<->", "[]{}", "NEAR", "AND", "OR NOT"]:
        for path in ("/api/search/", "/api/search/suggest/", "/tim-kiem/"):
            assert client.get(path, {"q": text}).status_code == 200, (path, text)
