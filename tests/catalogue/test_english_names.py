"""English category names under /en/, English words in the search text (both engines),
the dashboard's English category fields and the seed that fills them."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from catalogue.models import Category, SearchDocument
from catalogue.reference import ENGLISH_NAMES, ensure_reference_data
from tests.factories import UserFactory, sellable_product
from tests.search_engines import osmem_url, search_engine  # noqa: F401  fixtures

pytestmark = [pytest.mark.django_db]


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def fish_sauce(reference_data):
    """A sellable fish sauce with an English title, filed under "Nước mắm và gia vị"."""
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết", title_en="Phan Thiết first-press fish sauce")
    product.categories.add(Category.objects.get(slug="nuoc-mam-va-gia-vi"))
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
    return product


# -- the model and the reference data ---------------------------------------------------

def test_get_name_follows_the_language_and_falls_back_to_vietnamese(reference_data):
    coffee = Category.objects.get(slug="ca-phe-va-ca-cao")
    unnamed = Category.add_root(name="Quà tặng", slug="qua-tang")

    with translation.override("en"):
        assert (coffee.get_name(), unnamed.get_name()) == ("Coffee and cocoa", "Quà tặng")
    with translation.override("vi"):
        assert coffee.get_name() == "Cà phê và ca cao"


def test_every_ocop_category_has_an_english_name(reference_data):
    assert list(Category.objects.filter(name_en="").values_list("name", flat=True)) == []
    assert Category.objects.get(slug="nuoc-mam-va-gia-vi").name_en == "Fish sauce and spices"


def test_the_seed_fills_blank_english_names_and_keeps_an_editors(reference_data):
    Category.objects.filter(slug="tra").update(name_en="")
    Category.objects.filter(slug="mat-ong").update(name_en="Wild honey")

    ensure_reference_data()
    ensure_reference_data()  # idempotent

    assert Category.objects.get(slug="tra").name_en == "Tea"
    assert Category.objects.get(slug="mat-ong").name_en == "Wild honey"
    assert Category.objects.count() == len(ENGLISH_NAMES)


# -- what a shopper sees under /en/ -------------------------------------------------------

def test_menu_breadcrumb_and_product_page_name_categories_in_english_under_en(client, fish_sauce):
    url = fish_sauce.get_absolute_url()
    english, vietnamese = text(client.get("/en" + url)), text(client.get(url))

    assert '<a href="/en/catalogue/category/thuc-pham_' in english  # the menu and breadcrumb link
    assert ">Food</a>" in english and ">Fish sauce and spices</a>" in english
    assert ">Drinks</a>" in english  # a menu group the product is not in
    assert "Nước mắm và gia vị" not in english and ">Thực phẩm</a>" not in english
    assert ">Thực phẩm</a>" in vietnamese and ">Nước mắm và gia vị</a>" in vietnamese
    assert "Fish sauce and spices" not in vietnamese


def test_category_listing_title_h1_breadcrumb_and_subcategories_in_english(client, fish_sauce):
    group_url = Category.objects.get(slug="thuc-pham").get_absolute_url()
    sub_url = Category.objects.get(slug="nuoc-mam-va-gia-vi").get_absolute_url()

    group_page, sub_page = text(client.get("/en" + group_url)), text(client.get("/en" + sub_url))

    assert "<title>Food |" in group_page
    assert '<h1 class="ocop-results__title">Food</h1>' in group_page
    assert '">Fish sauce and spices</a></li>' in group_page  # subcategory chip
    assert '<h1 class="ocop-results__title">Fish sauce and spices</h1>' in sub_page
    assert '<li class="breadcrumb-item"><a href="/en/catalogue/category/thuc-pham_' in sub_page
    assert "Thực phẩm" not in sub_page
    vietnamese = text(client.get(sub_url))
    assert '<h1 class="ocop-results__title">Nước mắm và gia vị</h1>' in vietnamese


def test_search_facets_and_the_active_category_filter_are_english_under_en(client, fish_sauce):
    english = text(client.get("/en/tim-kiem/", {"q": "nuoc mam", "category": "thuc-pham"}))
    vietnamese = text(client.get("/tim-kiem/", {"q": "nuoc mam"}))

    assert "Food" in english and "Thực phẩm" not in english
    assert "Phan Thiết first-press fish sauce" in english  # the result card
    assert "Thực phẩm" in vietnamese and "Food" not in vietnamese


def test_the_english_search_box_asks_for_english_suggestions(client, fish_sauce):
    english = text(client.get("/en/catalogue/"))
    vietnamese = text(client.get("/catalogue/"))

    assert 'data-suggest-url="/api/search/suggest/?lang=en"' in english
    assert 'data-suggest-url="/api/search/suggest/"' in vietnamese


# -- English words in the search text, both engines -----------------------------------------

@pytest.fixture
def coffee(reference_data, search_engine):
    """Coffee whose Vietnamese title does not say "coffee", filed under honey to keep the
    category's English name ("Coffee and cocoa") out of it; and a honey in "Mật ong"."""
    product = sellable_product(title="Cà phê Robusta Buôn Ma Thuột", title_en="Buôn Ma Thuột Robusta coffee")
    product.categories.add(Category.objects.get(slug="tra"))
    honey = sellable_product(title="Mật ong rừng U Minh")
    honey.categories.add(Category.objects.get(slug="mat-ong"))
    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
    return {"coffee": product, "honey": honey}


def _api_titles(client, **params) -> list[str]:
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return [r["title"] for r in response.json()["results"]]


@pytest.mark.parametrize("q", ["coffee", "Robusta coffee", "COFFEE"])
def test_the_english_title_is_searched(client, coffee, q):
    assert _api_titles(client, q=q) == ["Cà phê Robusta Buôn Ma Thuột"]


def test_the_english_category_name_is_searched(client, coffee):
    assert _api_titles(client, q="honey") == ["Mật ong rừng U Minh"]
    assert _api_titles(client, q="tea") == ["Cà phê Robusta Buôn Ma Thuột"]


def test_coffee_is_found_on_both_languages_search_pages_with_the_english_title_under_en(client, coffee):
    english = text(client.get("/en/tim-kiem/", {"q": "coffee"}))
    vietnamese = text(client.get("/tim-kiem/", {"q": "coffee"}))

    assert "Buôn Ma Thuột Robusta coffee" in english and "Mật ong rừng" not in english
    assert "Cà phê Robusta Buôn Ma Thuột" in vietnamese and "Mật ong rừng" not in vietnamese


def test_suggestions_match_the_english_title_and_answer_in_the_asked_language(client, coffee):
    url = coffee["coffee"].get_absolute_url()

    english = client.get("/api/search/suggest/", {"q": "robusta cof", "lang": "en"}).json()
    vietnamese = client.get("/api/search/suggest/", {"q": "robusta cof"}).json()
    unknown = client.get("/api/search/suggest/", {"q": "robusta cof", "lang": "xx"}).json()

    assert english["suggestions"] == [{"title": "Buôn Ma Thuột Robusta coffee",
                                       "url": "/en" + url}]
    assert vietnamese["suggestions"] == [{"title": "Cà phê Robusta Buôn Ma Thuột",
                                          "url": url}]
    assert unknown == vietnamese


def test_a_new_english_title_is_searched_after_commit(client, coffee, django_capture_on_commit_callbacks):
    honey = coffee["honey"]
    assert _api_titles(client, q="wildflower") == []

    with django_capture_on_commit_callbacks(execute=True):
        honey.title_en = "U Minh wildflower honey"
        honey.save()

    assert _api_titles(client, q="wildflower") == ["Mật ong rừng U Minh"]


def test_a_new_english_category_name_is_searched_after_commit(client, coffee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        category = Category.objects.get(slug="mat-ong")
        category.name_en = "Bee products"
        category.save()

    assert _api_titles(client, q="bee") == ["Mật ong rừng U Minh"]


def test_search_documents_built_under_en_keep_the_vietnamese_url(coffee, search_engine):
    if search_engine != "database":
        pytest.skip("the stored URL is read from the database table")
    product = coffee["coffee"]

    with translation.override("en"):
        call_command("search_index", "--rebuild", "--no-progress", verbosity=0)

    assert SearchDocument.objects.get(product=product).url == product.get_absolute_url()


# -- the dashboard's category form --------------------------------------------------------

@pytest.fixture
def office_client(client, reference_data):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _category_form(client, category, **changes) -> dict:
    """The update form as the dashboard shows it (its place in the tree kept), with changes."""
    form = client.get(reverse("dashboard:catalogue-category-update", kwargs={"pk": category.pk})).context["form"]
    data = {name: form[name].value() for name in (
        "name", "name_en", "slug", "description", "description_en", "meta_title", "meta_description",
        "treebeard_position", "treebeard_ref_node")}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["is_public"] = "on"
    data.update(changes)
    return data


def test_the_dashboard_form_shows_and_saves_the_english_name_and_description(office_client):
    category = Category.objects.get(slug="tra")
    url = reverse("dashboard:catalogue-category-update", kwargs={"pk": category.pk})

    form = text(office_client.get(url))
    response = office_client.post(url, _category_form(
        office_client, category, name_en="Teas", description_en="Green, black and herbal teas."))

    assert 'name="name_en"' in form and 'value="Tea"' in form and 'name="description_en"' in form
    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.name, category.name_en, category.description_en) == (
        "Trà", "Teas", "Green, black and herbal teas.")
    assert category.get_parent().slug == "do-uong"  # still under "Đồ uống"


@pytest.mark.parametrize("changes", [
    pytest.param({"name_en": "Tea\x00"}, id="nul-name"),
    pytest.param({"description_en": "\x00"}, id="nul-description"),
    pytest.param({"name_en": "x" * 300}, id="long-name"),
])
def test_bad_english_input_is_refused_and_changes_nothing(office_client, changes):
    category = Category.objects.get(slug="tra")
    url = reverse("dashboard:catalogue-category-update", kwargs={"pk": category.pk})

    response = office_client.post(url, _category_form(office_client, category, **changes))

    if "\x00" in next(iter(changes.values())):  # the middleware refuses NUL before any form
        assert response.status_code == 400
    else:
        assert response.status_code == 200
        assert response.context["form"].errors.get("name_en")
    category.refresh_from_db()
    assert category.name_en == "Tea" and category.description_en == ""



@pytest.mark.parametrize("path", ["/catalogue/", "/tim-kiem/?q=nuoc+mam", "/catalogue/category/thuc-pham_{pk}/"])
def test_english_names_cost_no_query_over_the_vietnamese_page(client, fish_sauce, path):
    path = path.format(pk=Category.objects.get(slug="thuc-pham").pk)
    client.get(path), client.get("/en" + path)  # warm the per-language caches
    with CaptureQueriesContext(connection) as vietnamese:
        text(client.get(path))
    with CaptureQueriesContext(connection) as english:
        text(client.get("/en" + path))

    # Fewer on the search page: without an English home page no Wagtail page is looked up.
    assert len(english) <= len(vietnamese)
