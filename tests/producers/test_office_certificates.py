"""The program office's certificate list (/van-phong/chung-nhan/): every certificate, found by
number, product, producer or province with or without diacritics, filtered by status, stars
and expiry, and decided from its row; only the office reaches it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory, UserFactory
from tests.office_support import office_user  # noqa: F401  fixture
from tests.producer_support import client_for, producer_with_user

Certificate = get_model("catalogue", "Certificate")
Province = get_model("catalogue", "Province")

pytestmark = pytest.mark.django_db
LIST = "/van-phong/chung-nhan/"


def _certificate(*, title="Cà phê rang xay", producer=None, **kwargs):
    product = ProductFactory(title=title, **({"producer": producer} if producer else {}))
    return CertificateFactory(product=product, **kwargs)


def _numbers(response) -> list[str]:
    return [c.number for c, _decisions in response.context["rows"]]


@pytest.fixture
def shelf(reference_data):
    """Four certificates that differ in everything the list searches and filters by."""
    today = today_in_vietnam()
    dak_lak = ProducerFactory(name="HTX Cà phê Ea Tu", province=Province.objects.get(slug="dak-lak"))
    former = ProducerFactory(name="Cơ sở Hải Nam", province=Province.objects.get(slug="lam-dong"),
                             former_province=Province.objects.get(slug="binh-thuan"))
    return {
        "coffee": _certificate(title="Cà phê Buôn Ma Thuột", producer=dak_lak, number="DL-2025-001",
                               stars=5, score=92, level=Certificate.Level.CENTRAL,
                               issued_on=today - datetime.timedelta(days=400),
                               expires_on=today + datetime.timedelta(days=20)),
        "fish_sauce": _certificate(title="Nước mắm nhĩ Phan Thiết", producer=former, number="BT-2024-017",
                                   issued_on=today - datetime.timedelta(days=600),
                                   expires_on=today + datetime.timedelta(days=60)),
        "expired": _certificate(title="Mực một nắng", producer=former, number="BT-2021-003", stars=3,
                                score=60, issued_on=today - datetime.timedelta(days=1200),
                                expires_on=today - datetime.timedelta(days=5)),
        "pending": _certificate(title="Mật ong hoa cà phê", producer=dak_lak, number="DL-2026-CHO",
                                status=Certificate.Status.PENDING, issued_on=today),
    }


def test_the_list_shows_every_status_not_only_the_pending_queue(office_user, shelf):
    response = client_for(office_user).get(LIST)

    assert response.status_code == 200
    assert sorted(_numbers(response)) == ["BT-2021-003", "BT-2024-017", "DL-2025-001", "DL-2026-CHO"]
    assert "Cà phê Buôn Ma Thuột" in response.content.decode()


@pytest.mark.parametrize("typed,expected", [
    ("bt-2024", ["BT-2024-017"]),
    ("nuoc mam", ["BT-2024-017"]),
    ("NƯỚC MẮM phan thiet", ["BT-2024-017"]),
    ("ea tu", ["DL-2026-CHO", "DL-2025-001"]),
    ("dak lak", ["DL-2026-CHO", "DL-2025-001"]),
    ("Đắk Lắk mật ong", ["DL-2026-CHO"]),
    ("binh thuan", ["BT-2021-003", "BT-2024-017"]),
    ("lâm đồng mực", ["BT-2021-003"]),
    ("khong co gi", []),
], ids=["number", "product-unaccented", "product-uppercase-mixed", "producer", "province-unaccented",
        "province-and-product", "former-province", "province-accented", "nothing"])
def test_search_by_number_product_producer_or_province_with_or_without_diacritics(
        office_user, shelf, typed, expected):
    response = client_for(office_user).get(LIST, {"q": typed})

    assert response.status_code == 200
    assert sorted(_numbers(response)) == sorted(expected)


@pytest.mark.parametrize("params,expected", [
    ({"status": "pending"}, ["DL-2026-CHO"]),
    ({"stars": "5"}, ["DL-2025-001"]),
    ({"stars": "3"}, ["BT-2021-003"]),
    ({"expiry": "30"}, ["DL-2025-001"]),
    ({"expiry": "90"}, ["BT-2024-017", "DL-2025-001"]),
    ({"expiry": "expired"}, ["BT-2021-003"]),
    ({"status": "verified", "q": "phan thiet", "expiry": "90"}, ["BT-2024-017"]),
], ids=["pending", "5-stars", "3-stars", "expiring-30", "expiring-90", "expired", "combined"])
def test_filters_by_status_stars_and_expiry(office_user, shelf, params, expected):
    response = client_for(office_user).get(LIST, params)

    assert sorted(_numbers(response)) == sorted(expected)


@pytest.mark.parametrize("params,field", [
    ({"stars": "9"}, "stars"),
    ({"stars": "1 OR 1=1"}, "stars"),
    ({"expiry": "36500"}, "expiry"),
    ({"status": "<script>"}, "status"),
    ({"q": "x" * 5000}, "q"),
], ids=["stars-out-of-range", "stars-injection", "expiry-not-offered", "status-unknown", "huge-text"])
def test_a_bad_filter_is_shown_as_an_error_and_left_out(office_user, shelf, params, field):
    response = client_for(office_user).get(LIST, params)

    assert response.status_code == 200
    assert response.context["filter_form"].errors[field]
    assert len(_numbers(response)) == 4


@pytest.mark.parametrize("who", ["anonymous", "shopper", "staff-without-rights", "producer"])
def test_only_the_office_sees_the_list(shelf, who):
    client = client_for(UserFactory()) if who == "shopper" else None
    if who == "anonymous":
        from django.test import Client
        client = Client()
    elif who == "staff-without-rights":
        client = client_for(UserFactory(is_staff=True))
    elif who == "producer":
        client = client_for(producer_with_user()[1])

    response = client.get(LIST, {"q": "dak lak"})

    assert response.status_code == (302 if who == "anonymous" else 403)
    assert "DL-2025-001" not in response.content.decode()


def test_a_decision_from_a_row_goes_back_to_the_same_filtered_list(office_user, shelf):
    back = f"{LIST}?q=nuoc+mam&expiry=90"

    response = client_for(office_user).post(
        reverse("producer_area_office:certificate", args=[shelf["fish_sauce"].pk]),
        {"action": "revoke", "reason": "Nhãn sai số quyết định", "next": back})

    assert response.status_code == 302
    assert response["Location"] == back
    shelf["fish_sauce"].refresh_from_db()
    assert (shelf["fish_sauce"].status, shelf["fish_sauce"].revoked_reason) == ("revoked", "Nhãn sai số quyết định")


@pytest.mark.parametrize("next_url", ["https://evil.example/van-phong/", "//evil.example/", "javascript:alert(1)"])
def test_a_decision_never_redirects_off_the_site(office_user, shelf, next_url):
    response = client_for(office_user).post(
        reverse("producer_area_office:certificate", args=[shelf["pending"].pk]),
        {"action": "verify", "next": next_url})

    assert response["Location"] == reverse("producer_area_office:queue")


def test_each_row_offers_only_the_decisions_its_status_allows_with_vietnamese_labels(office_user, shelf):
    response = client_for(office_user).get(LIST)

    offered = {c.number: [value for value, _label in decisions] for c, decisions in response.context["rows"]}
    assert offered == {"DL-2026-CHO": ["verify", "reject", "revoke"], "DL-2025-001": ["revoke"],
                       "BT-2024-017": ["revoke"], "BT-2021-003": ["revoke"]}
    html = response.content.decode()
    assert f'<select name="action" id="id_action_{shelf["pending"].pk}" class="form-control">' in html
    assert "Action" not in html


def test_the_decision_page_has_a_vietnamese_label_and_a_themed_select(office_user, shelf):
    response = client_for(office_user).get(reverse("producer_area_office:certificate", args=[shelf["pending"].pk]))

    html = response.content.decode()
    assert "Action:" not in html
    assert '<label for="id_action">Quyết định:</label>' in html
    assert '<select name="action" class="form-control"' in html


def test_a_producer_page_lists_its_certificates(office_user, shelf):
    producer = shelf["fish_sauce"].product.producer

    response = client_for(office_user).get(reverse("producer_area_office:producer-detail", args=[producer.pk]))

    numbers = [c.number for c in response.context["certificates"]]
    assert sorted(numbers) == ["BT-2021-003", "BT-2024-017"]
    assert "BT-2024-017" in response.content.decode()


def test_the_pager_keeps_the_filters(office_user, reference_data):
    producer = ProducerFactory(name="HTX Ea Tu")
    for n in range(51):
        _certificate(producer=producer, number=f"P-{n:03d}")

    html = client_for(office_user).get(LIST, {"q": "ea tu", "stars": "4"}).content.decode()

    assert 'href="?q=ea+tu&amp;stars=4&amp;page=2"' in html


def test_a_page_costs_the_same_queries_however_many_certificates(office_user, reference_data):
    client = client_for(office_user)
    producer = ProducerFactory(former_province=None)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST, {"q": "ca phe"})
        return len(response.context["rows"]), len(captured)

    client.get(LIST)  # the session and the site's settings, read once per client

    for n in range(3):
        _certificate(producer=producer, number=f"A-{n}")
    few = queries()
    for n in range(40):
        _certificate(producer=ProducerFactory(), number=f"B-{n}")
    many = queries()

    assert (few[0], many[0]) == (3, 43)
    assert few[1] == many[1]
