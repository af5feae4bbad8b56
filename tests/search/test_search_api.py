"""Bad input, outages and cost of /api/search/ and /tim-kiem/ (database backend unless said)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Certificate, SearchDocument
from search import service
from tests.factories import sellable_product

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def indexed(reference_data, settings):
    settings.SEARCH_BACKEND = "database"
    products = [sellable_product(title=f"Mật ong rừng số {n}") for n in range(30)]
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
    return products


@pytest.mark.smoke
@pytest.mark.parametrize(
    "params, parameter",
    [
        pytest.param({"sort": "cheapest"}, "sort", id="unknown-sort"),
        pytest.param({"page": "two"}, "page", id="page-not-integer"),
        pytest.param({"page": "0"}, "page", id="page-zero"),
        pytest.param({"page": "-1"}, "page", id="page-negative"),
        pytest.param({"page": "101", "page_size": "100"}, "page", id="page-past-result-window"),
        pytest.param({"page_size": "101"}, "page_size", id="page-size-over-100"),
        pytest.param({"page_size": "0"}, "page_size", id="page-size-zero"),
        pytest.param({"page_size": "1.5"}, "page_size", id="page-size-not-integer"),
        pytest.param({"stars": "2"}, "stars", id="stars-below-3"),
        pytest.param({"stars": "6"}, "stars", id="stars-above-5"),
        pytest.param({"stars": "4★"}, "stars", id="stars-not-integer"),
        pytest.param({"min_stars": "1"}, "min_stars", id="min-stars-out-of-range"),
        pytest.param({"province": "sai-gon"}, "province", id="unknown-province"),
        pytest.param({"category": "do-dien-tu"}, "category", id="unknown-category"),
    ],
)
def test_bad_parameter_gives_400_naming_it(client, reference_data, params, parameter):
    response = client.get("/api/search/", params)

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_parameter"
    assert body["parameter"] == parameter
    assert parameter in body["message"]


@pytest.mark.smoke
def test_html_page_shows_the_bad_parameter_message_without_500(client, reference_data):
    response = client.get("/tim-kiem/", {"q": "mật ong", "stars": "9"})

    assert response.status_code == 400
    assert "Tham số stars phải là số sao từ 3 đến 5." in response.content.decode()


@pytest.mark.smoke
def test_unknown_parameters_are_ignored(client, indexed):
    response = client.get("/api/search/", {"q": "mat ong", "colour": "red", "utm_source": "x"})

    assert response.status_code == 200
    assert response.json()["count"] == 30


@pytest.mark.smoke
def test_valid_edges_are_accepted(client, indexed):
    response = client.get("/api/search/", {"page": "100", "page_size": "100", "stars": "3",
                                           "min_stars": "5", "province": "binh-thuan",
                                           "category": "mat-ong"})

    assert response.status_code == 200
    # stars=3 with min_stars=5 contradict: nothing matches, and no facet value either
    assert response.json() == {"count": 0, "page": 100, "results": [],
                               "facets": {"province": [], "stars": [], "category": [], "price": []}}


@pytest.mark.smoke
def test_search_costs_two_queries_whatever_the_page_size(indexed, django_assert_num_queries):
    service.reference()  # cached for five minutes, like the menus

    with django_assert_num_queries(2):
        small = service.search(service.query_from_params({"q": "mat ong", "page_size": "5"}))
    with django_assert_num_queries(2):
        large = service.search(service.query_from_params({"q": "mat ong", "page_size": "30"}))

    assert (len(small.hits), len(large.hits)) == (5, 30)


@pytest.mark.smoke
def test_rebuild_keeps_only_sellable_products(indexed):
    Certificate.objects.filter(product=indexed[0]).update(status=Certificate.Status.PENDING)

    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)

    assert SearchDocument.objects.count() == 29
    assert not SearchDocument.objects.filter(product=indexed[0]).exists()


@pytest.mark.postgres
def test_postgres_matches_through_the_unaccented_vector(postgres_only, indexed):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')")
        extensions = sorted(row[0] for row in cursor.fetchall())

    assert extensions == ["pg_trgm", "unaccent"]
    assert SearchDocument.objects.filter(search_vector="mat & ong & rung").count() == 30
    with CaptureQueriesContext(connection) as queries:
        service.search(service.query_from_params({"q": "Mật ong"}))
    assert any("@@" in q["sql"] and "plainto_tsquery" in q["sql"] for q in queries.captured_queries)


# -- Elasticsearch down ---------------------------------------------------------------

@pytest.fixture
def elasticsearch_down(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_ENGINE = "opensearch"
    settings.ELASTICSEARCH_URL = "http://user:secret@127.0.0.1:9"  # discard port: refused
    settings.ELASTICSEARCH_TIMEOUT = 1


@pytest.mark.smoke
def test_search_api_answers_503_when_elasticsearch_is_down(client, reference_data, elasticsearch_down):
    response = client.get("/api/search/", {"q": "mật ong"})
    suggest = client.get("/api/search/suggest/", {"q": "mật"})

    assert response.status_code == 503
    assert response.json() == {
        "error": "search_unavailable",
        "message": "Elasticsearch at http://127.0.0.1:9 is unavailable (ConnectionError)",
    }
    assert suggest.status_code == 503


@pytest.mark.smoke
def test_search_page_says_search_is_down_without_500(client, reference_data, elasticsearch_down):
    response = client.get("/tim-kiem/", {"q": "mật ong"})

    assert response.status_code == 503
    assert "Tìm kiếm tạm thời gián đoạn" in response.content.decode()


@pytest.mark.smoke
def test_healthz_names_search_when_elasticsearch_is_down_and_stays_200(client, elasticsearch_down):
    response = client.get("/healthz")

    assert response.status_code == 200  # the shop still sells: listings fall back to the database
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "ok",
        "search": "error: Elasticsearch at http://127.0.0.1:9 is unavailable (ConnectionError)",
        "storage": "ok",
        "worker": "ok",
    }


@pytest.mark.smoke
def test_healthz_reports_the_database_backend(client, settings):
    settings.SEARCH_BACKEND = "database"

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["search"] == "ok"


@pytest.mark.smoke
def test_catalogue_writes_succeed_while_elasticsearch_is_down(
    reference_data, elasticsearch_down, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        product = sellable_product(title="Bánh pía Sóc Trăng")

    assert product.certificates.get().status == Certificate.Status.VERIFIED
    assert [r.getMessage() for r in caplog.records if r.name == "search.indexing"] == [
        "search: reindex of 1 products failed; run search_index --rebuild when the engine is back"
    ]
