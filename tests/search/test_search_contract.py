"""The search contract, the same tests against every backend available: the database
backend always, OpenSearch (osmem-server, in OpenSearch mode) and a real cluster when
ELASTICSEARCH_URL is set. Engines' scores differ, so these assert membership, counts,
facets and orders that are unambiguous, never scores."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalogue.models import Category, Certificate, Producer, Province
from catalogue.rules import today_in_vietnam
from search import service
from search.query import SearchQuery
from tests.factories import PartnerFactory, ProducerFactory, sellable_product
from tests.search_engines import osmem_url, search_engine  # noqa: F401  fixtures

pytestmark = [pytest.mark.django_db]

TITLES = {
    "nuoc-mam": "Nước mắm Phan Thiết",
    "ca-phe": "Cà phê Robusta Buôn Ma Thuột",
    "mat-ong": "Mật ong hoa cà phê",
    "thanh-long": "Thanh long ruột đỏ",
    "tra-atiso": "Trà Atiso Đà Lạt",
    "cha-ca": "Chả cá Phan Thiết",
}


def _producer(name: str, slug: str, province: str, former: str | None = None) -> Producer:
    return ProducerFactory(
        name=name, slug=slug, partner=PartnerFactory(name=name),
        province=Province.objects.get(slug=province),
        former_province=Province.objects.get(slug=former) if former else None,
    )


def _product(key: str, *, producer, category: str, stars: int, price: int, days_old: int,
             description: str = ""):
    score = {3: 60, 4: 80, 5: 95}[stars]
    product = sellable_product(title=TITLES[key], description=description, producer=producer,
                               price=Decimal(price), stars=stars, score=score)
    product.categories.add(Category.objects.get(slug=category))
    type(product).objects.filter(pk=product.pk).update(
        date_created=timezone.now() - datetime.timedelta(days=days_old)
    )
    return product


@pytest.fixture
def catalogue(reference_data, search_engine):
    """Six sellable products in three provinces, two not sellable, indexed by a rebuild."""
    hai_long = _producer("Cơ sở Hải Long", "hai-long", "lam-dong", former="binh-thuan")
    ea_tu = _producer("HTX Cà phê Ea Tu", "ea-tu", "dak-lak")
    langbiang = _producer("Công ty Atiso Langbiang", "langbiang", "lam-dong")
    products = {
        "nuoc-mam": _product("nuoc-mam", producer=hai_long, category="nuoc-mam-va-gia-vi",
                             stars=4, price=120_000, days_old=60,
                             description="Cá cơm ủ chượp mười hai tháng."),
        "ca-phe": _product("ca-phe", producer=ea_tu, category="ca-phe-va-ca-cao",
                           stars=5, price=250_000, days_old=50,
                           description="Rang mộc từ vườn cà phê Đắk Lắk."),
        "mat-ong": _product("mat-ong", producer=ea_tu, category="mat-ong",
                            stars=3, price=180_000, days_old=40,
                            description="Mật ong từ hoa cà phê."),
        "thanh-long": _product("thanh-long", producer=hai_long, category="trai-cay-tuoi-va-say",
                               stars=4, price=60_000, days_old=30,
                               description="Trái chín cây, chấm muối ớt hay nước mắm đường."),
        "tra-atiso": _product("tra-atiso", producer=langbiang, category="tra",
                              stars=5, price=95_000, days_old=20,
                              description="Trà túi lọc atiso."),
        "cha-ca": _product("cha-ca", producer=hai_long, category="thuy-hai-san-che-bien",
                           stars=3, price=80_000, days_old=10,
                           description="Cá thu quết tay, chiên vàng."),
    }
    expired = sellable_product(title="Nước mắm hết hạn chứng nhận", producer=hai_long)
    expired.certificates.update(issued_on=datetime.date(2020, 1, 1),
                                expires_on=datetime.date(2023, 1, 1))
    revoked = sellable_product(title="Nước mắm bị thu hồi", producer=hai_long)
    revoked.certificates.update(status=Certificate.Status.REVOKED, revoked_reason="Vi phạm")
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
    return products


def _search(client, **params) -> dict:
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def _titles(body: dict) -> list[str]:
    return [r["title"] for r in body["results"]]


def _ids(body: dict) -> set[int]:
    return {r["id"] for r in body["results"]}


def _keys(products, *keys) -> set[int]:
    return {products[k].pk for k in keys}


def _facet(body: dict, name: str) -> dict:
    return {f["value"]: f["count"] for f in body["facets"][name]}


# -- text matching ----------------------------------------------------------------------

def test_text_without_diacritics_finds_the_title_with_them(client, catalogue):
    body = _search(client, q="nuoc mam phan thiet")

    assert _titles(body) == ["Nước mắm Phan Thiết"]
    assert body["count"] == 1


@pytest.mark.parametrize("q", ["dak lak", "Đắk Lắk", "ĐẮK LẮK"], ids=["ascii", "vietnamese", "upper"])
def test_province_name_with_or_without_diacritics_finds_the_same_products(client, catalogue, q):
    body = _search(client, q=q)

    assert _ids(body) == _keys(catalogue, "ca-phe", "mat-ong")


@pytest.mark.parametrize("q", ["Bình Thuận", "binh thuan"], ids=["vietnamese", "ascii"])
def test_former_province_name_finds_products_now_in_lam_dong(client, catalogue, q):
    body = _search(client, q=q)

    assert _ids(body) == _keys(catalogue, "nuoc-mam", "thanh-long", "cha-ca")
    assert {r["province"]["slug"] for r in body["results"]} == {"lam-dong"}
    assert {r["former_province"] for r in body["results"]} == {"binh-thuan"}


def test_producer_name_finds_its_products(client, catalogue):
    body = _search(client, q="Langbiang")

    assert _ids(body) == _keys(catalogue, "tra-atiso")


def test_title_match_ranks_above_description_match(client, catalogue):
    body = _search(client, q="nước mắm")

    assert _titles(body) == ["Nước mắm Phan Thiết", "Thanh long ruột đỏ"]


def test_every_word_must_match(client, catalogue):
    assert _search(client, q="nuoc mam atiso")["count"] == 0


@pytest.mark.parametrize("q", ["!!! ??? ...", "—", "%_%"], ids=["punctuation", "dash", "like-wildcards"])
def test_query_of_symbols_only_answers_normally_with_nothing(client, catalogue, q):
    body = _search(client, q=q)

    assert body["count"] == 0
    assert body["results"] == []
    assert body["facets"] == {"province": [], "stars": [], "category": [], "price": []}


def test_a_500_character_query_answers_normally(client, catalogue):
    body = _search(client, q=("nước mắm " * 60)[:500])

    assert body["count"] == 2


# -- sellable only -----------------------------------------------------------------------

def test_only_sellable_products_are_found(client, catalogue):
    body = _search(client, q="nuoc mam", page_size=100)

    assert "Nước mắm hết hạn chứng nhận" not in _titles(body)
    assert "Nước mắm bị thu hồi" not in _titles(body)
    assert _search(client)["count"] == 6


def test_revoked_certificate_removes_the_product_after_commit(
    client, catalogue, django_capture_on_commit_callbacks
):
    certificate = catalogue["thanh-long"].certificates.get()

    with django_capture_on_commit_callbacks(execute=True):
        certificate.status = Certificate.Status.REVOKED
        certificate.revoked_reason = "Vi phạm an toàn thực phẩm"
        certificate.save()

    assert _search(client, q="thanh long")["count"] == 0
    assert _search(client)["count"] == 5


def test_out_of_stock_removes_the_product_after_commit(
    client, catalogue, django_capture_on_commit_callbacks
):
    stockrecord = catalogue["mat-ong"].stockrecords.get()

    with django_capture_on_commit_callbacks(execute=True):
        stockrecord.num_in_stock = 0
        stockrecord.save()

    assert _search(client, q="mat ong")["count"] == 0


def test_new_sellable_product_is_found_after_commit(
    client, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sellable_product(title="Gạo ST25 Sóc Trăng", producer=Producer.objects.get(slug="ea-tu"))

    assert _titles(_search(client, q="gao st25")) == ["Gạo ST25 Sóc Trăng"]


def test_expired_certificate_is_not_found_on_the_day_after_expiry(catalogue):
    expires_on = catalogue["tra-atiso"].certificates.get().expires_on
    day_after = expires_on + datetime.timedelta(days=1)
    everything_else = _keys(catalogue, "nuoc-mam", "ca-phe", "mat-ong", "thanh-long", "cha-ca")
    for product in everything_else:
        Certificate.objects.filter(product_id=product).update(expires_on=day_after)
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)

    on_last_day = service.search(SearchQuery(day=expires_on, page_size=100))
    after = service.search(SearchQuery(day=day_after, page_size=100))

    assert {h.id for h in on_last_day.hits} == everything_else | _keys(catalogue, "tra-atiso")
    assert {h.id for h in after.hits} == everything_else
    assert after.count == 5


# -- filters -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "params, expected",
    [
        pytest.param({"province": "dak-lak"}, {"ca-phe", "mat-ong"}, id="current-province"),
        pytest.param({"province": "binh-thuan"}, {"nuoc-mam", "thanh-long", "cha-ca"},
                     id="former-province"),
        pytest.param({"province": "lam-dong"}, {"nuoc-mam", "thanh-long", "cha-ca", "tra-atiso"},
                     id="current-province-includes-former"),
        pytest.param({"stars": "5"}, {"ca-phe", "tra-atiso"}, id="stars-exact"),
        pytest.param({"min_stars": "4"}, {"nuoc-mam", "ca-phe", "thanh-long", "tra-atiso"},
                     id="min-stars"),
        pytest.param({"category": "thuc-pham"}, {"nuoc-mam", "mat-ong", "thanh-long", "cha-ca"},
                     id="ocop-group"),
        pytest.param({"category": "tra"}, {"tra-atiso"}, id="subcategory"),
        pytest.param({"producer": "ea-tu"}, {"ca-phe", "mat-ong"}, id="producer"),
        pytest.param({"q": "phan thiet", "province": "lam-dong", "stars": "4"}, {"nuoc-mam"},
                     id="text-province-stars"),
    ],
)
def test_filter(client, catalogue, params, expected):
    body = _search(client, **params)

    assert _ids(body) == _keys(catalogue, *expected)
    assert body["count"] == len(expected)


# -- sorts -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "sort, expected",
    [
        pytest.param("price", ["thanh-long", "cha-ca", "tra-atiso", "nuoc-mam", "mat-ong", "ca-phe"],
                     id="price"),
        pytest.param("-price", ["ca-phe", "mat-ong", "nuoc-mam", "tra-atiso", "cha-ca", "thanh-long"],
                     id="-price"),
        pytest.param("newest", ["cha-ca", "tra-atiso", "thanh-long", "mat-ong", "ca-phe", "nuoc-mam"],
                     id="newest"),
        pytest.param("-stars", ["tra-atiso", "ca-phe", "thanh-long", "nuoc-mam", "cha-ca", "mat-ong"],
                     id="-stars-then-newest"),
        pytest.param("relevance", ["cha-ca", "tra-atiso", "thanh-long", "mat-ong", "ca-phe", "nuoc-mam"],
                     id="relevance-without-text-is-newest"),
    ],
)
def test_sort(client, catalogue, sort, expected):
    body = _search(client, sort=sort)

    assert [r["id"] for r in body["results"]] == [catalogue[k].pk for k in expected]


# -- facets ------------------------------------------------------------------------------

def test_facets_count_the_whole_catalogue_without_filters(client, catalogue):
    body = _search(client)

    assert body["facets"]["province"] == [
        {"value": "lam-dong", "label": "Lâm Đồng", "count": 4},
        {"value": "dak-lak", "label": "Đắk Lắk", "count": 2},
    ]
    assert body["facets"]["stars"] == [
        {"value": 5, "label": "5 sao", "count": 2},
        {"value": 4, "label": "4 sao", "count": 2},
        {"value": 3, "label": "3 sao", "count": 2},
    ]
    assert body["facets"]["category"] == [
        {"value": "thuc-pham", "label": "Thực phẩm", "count": 4},
        {"value": "do-uong", "label": "Đồ uống", "count": 2},
    ]


def test_a_facet_ignores_its_own_filter_but_follows_the_others(client, catalogue):
    body = _search(client, province="lam-dong", stars="4")

    # province facet: stars=4 applies, province does not
    assert _facet(body, "province") == {"lam-dong": 2}
    # stars facet: province applies, stars does not
    assert _facet(body, "stars") == {5: 1, 4: 2, 3: 1}
    # category facet: both apply
    assert _facet(body, "category") == {"thuc-pham": 2}
    assert body["count"] == 2


def test_facets_follow_the_text(client, catalogue):
    body = _search(client, q="ca phe")

    assert _ids(body) == _keys(catalogue, "ca-phe", "mat-ong")
    assert _facet(body, "category") == {"do-uong": 1, "thuc-pham": 1}
    assert _facet(body, "stars") == {5: 1, 3: 1}


# -- pagination and the result shape -----------------------------------------------------

def test_pages_split_a_stable_order(client, catalogue):
    pages = [_search(client, sort="price", page_size=4, page=n) for n in (1, 2, 3)]

    assert [p["count"] for p in pages] == [6, 6, 6]
    assert [p["page"] for p in pages] == [1, 2, 3]
    assert [len(p["results"]) for p in pages] == [4, 2, 0]
    assert [r["id"] for p in pages for r in p["results"]] == [
        catalogue[k].pk for k in ["thanh-long", "cha-ca", "tra-atiso", "nuoc-mam", "mat-ong", "ca-phe"]
    ]


def test_a_result_has_every_field_of_the_contract(client, catalogue):
    product = catalogue["nuoc-mam"]
    certificate = product.certificates.get()

    body = _search(client, q="nuoc mam phan thiet")

    assert body["results"] == [{
        "id": product.pk,
        "title": "Nước mắm Phan Thiết",
        "url": product.get_absolute_url(),
        "price": 120000,
        "currency": "VND",
        "stars": 4,
        "province": {"slug": "lam-dong", "name": "Lâm Đồng"},
        "former_province": "binh-thuan",
        "producer": {"slug": "hai-long", "name": "Cơ sở Hải Long"},
        "category": {"slug": "nuoc-mam-va-gia-vi", "name": "Nước mắm và gia vị"},
        "image": None,
        "certificate": {"number": certificate.number, "expires_on": certificate.expires_on.isoformat()},
    }]
    assert set(body) == {"count", "page", "results", "facets"}


# -- suggestions -------------------------------------------------------------------------

def test_suggestions_match_the_start_of_the_last_word(client, catalogue):
    response = client.get("/api/search/suggest/", {"q": "phan thi"})

    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert sorted(s["title"] for s in suggestions) == ["Chả cá Phan Thiết", "Nước mắm Phan Thiết"]
    assert {s["url"] for s in suggestions} == {
        catalogue["cha-ca"].get_absolute_url(), catalogue["nuoc-mam"].get_absolute_url()
    }


def test_suggestions_are_at_most_eight_and_sellable_only(client, catalogue):
    producer = Producer.objects.get(slug="langbiang")
    for n in range(10):
        sellable_product(title=f"Trà atiso túi lọc loại {n}", producer=producer)
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)

    suggestions = client.get("/api/search/suggest/", {"q": "tra ati"}).json()["suggestions"]
    none = client.get("/api/search/suggest/", {"q": "bi thu"}).json()["suggestions"]

    assert len(suggestions) == 8
    assert all(s["title"].startswith("Trà") for s in suggestions)
    assert none == []


def test_price_facet_counts_bands_cheapest_first_and_filters(client, catalogue):
    everything = _search(client)
    in_band = _search(client, price="100k-200k")
    in_lam_dong = _search(client, province="lam-dong", price="100k-200k")

    assert [(f["value"], f["label"], f["count"]) for f in everything["facets"]["price"]] == [
        ("duoi-100k", "Dưới 100.000 ₫", 3), ("100k-200k", "100.000–200.000 ₫", 2),
        ("200k-500k", "200.000–500.000 ₫", 1),
    ]
    assert _ids(in_band) == _keys(catalogue, "nuoc-mam", "mat-ong")
    # the price facet ignores its own filter and follows the province's
    assert _facet(in_lam_dong, "price") == {"duoi-100k": 3, "100k-200k": 1}
    assert _ids(in_lam_dong) == _keys(catalogue, "nuoc-mam")


def test_a_provincial_scope_narrows_results_facets_and_suggestions(catalogue):
    dak_lak = Province.objects.get(slug="dak-lak")

    result = service.search(SearchQuery(day=today_in_vietnam(), scope="dak-lak"))
    suggestions = service.suggest("nuoc", scope=dak_lak)
    everywhere = service.suggest("nuoc")

    assert {hit.id for hit in result.hits} == _keys(catalogue, "ca-phe", "mat-ong")
    assert [f.value for f in result.facets["province"]] == ["dak-lak"]
    assert suggestions == []
    assert [s.title for s in everywhere] == ["Nước mắm Phan Thiết"]


def test_html_page_lists_hits_and_facet_links(client, catalogue):
    response = client.get("/tim-kiem/", {"q": "phan thiet", "sort": "price"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Chả cá Phan Thiết" in html and "Nước mắm Phan Thiết" in html
    assert html.index("Chả cá Phan Thiết") < html.index("Nước mắm Phan Thiết")
    assert "?q=phan+thiet&amp;sort=price&amp;stars=3" in html
    assert "Thanh long" not in html


def test_today_is_vietnam_date_in_queries(catalogue):
    query = service.query_from_params({})

    assert query.day == today_in_vietnam()
