"""One rule, proved one: for generated products (0–3 certificates of every status, stars and
dates around the day, stock levels, visibility, suspension, stock held by another partner)
and several days D, the Python form (``check_sellable`` through the Strategy), the SQL form
(``sellable_products``) and the search documents (indexed once, queried for each D) name
the same products, and search shows the same stars as the product page. Points 1–3 alone
(``check_certified``, what a counter asks before its own shelf's stock) agree with the same
conditions as a query, and the online rule is them plus online stock."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.models import Certificate, Product
from catalogue.sellable import check_certified, check_sellable, sellable_products
from partner.strategy import OcopStrategy
from search.backends import get_backend
from search.query import SearchQuery
from tests.factories import (
    PartnerFactory,
    ProducerFactory,
    ProductFactory,
    StockRecordFactory,
)
from tests.search_engines import osmem_url  # noqa: F401  fixture

BASE = datetime.date(2026, 3, 1)
DAYS = [BASE + datetime.timedelta(days=n) for n in (0, 1, 9, 10, 30, 31, 59, 60, 61, 120)]
SCORE = {3: 60, 4: 80, 5: 95}
LEVEL = {3: Certificate.Level.PROVINCE, 4: Certificate.Level.PROVINCE, 5: Certificate.Level.CENTRAL}

certificates = st.lists(
    st.fixed_dictionaries({
        # weighted towards the interesting case: several verified certificates overlapping
        "status": st.sampled_from([*list(Certificate.Status), "verified", "verified", "verified"]),
        "stars": st.sampled_from([3, 4, 5]),
        # days from BASE, and days of validity after the issue day: around the tested days
        "starts": st.one_of(st.sampled_from([-60, -30, -1, 0, 1, 9, 10, 11, 30, 60]),
                            st.integers(-90, 90)),
        "length": st.one_of(st.sampled_from([0, 1, 8, 9, 29, 30, 59, 60, 200, 200, 200]),
                            st.integers(0, 90)),
    }),
    max_size=3,
)
products = st.lists(
    st.fixed_dictionaries({
        "certificates": certificates,
        "is_public": st.sampled_from([True, True, True, False]),
        "suspended": st.sampled_from([False, False, False, True]),
        "stock": st.sampled_from(["free", "free", "free", "none", "sold-out", "all-allocated",
                                  "other-partner"]),
    }),
    min_size=1, max_size=4,
)


def _make(spec: dict) -> Product:
    producer = ProducerFactory(suspended_at=timezone.now() if spec["suspended"] else None)
    product = ProductFactory(producer=producer, is_public=spec["is_public"])
    stock = spec["stock"]
    if stock == "free":
        StockRecordFactory(product=product, num_in_stock=3, num_allocated=1)
    elif stock == "sold-out":
        StockRecordFactory(product=product, num_in_stock=0)
    elif stock == "all-allocated":
        StockRecordFactory(product=product, num_in_stock=2, num_allocated=2)
    elif stock == "other-partner":  # a point of sale's shelf, not online stock
        StockRecordFactory(product=product, partner=PartnerFactory(), num_in_stock=5)
    for c in spec["certificates"]:
        issued = BASE + datetime.timedelta(days=c["starts"])
        Certificate.objects.create(
            product=product, number=f"P-{uuid.uuid4().hex[:12]}", stars=c["stars"],
            score=SCORE[c["stars"]], level=LEVEL[c["stars"]], issuing_body="UBND tỉnh",
            issuing_place="Lâm Đồng", decision_reference="1/QĐ", issued_on=issued,
            expires_on=issued + datetime.timedelta(days=c["length"]), status=c["status"],
            revoked_reason="Vi phạm" if c["status"] == "revoked" else "",
            rejection_reason="Hồ sơ thiếu" if c["status"] == "rejected" else "",
        )
    return product


def _python_form(ids, day) -> dict[int, int]:
    """{product id: stars shown} by check_sellable, for products loaded afresh."""
    strategy = OcopStrategy()
    sellable = {}
    for product in Product.objects.filter(pk__in=ids).select_related("producer"):
        verdict = check_sellable(product, stockrecord=strategy.select_stockrecord(product), day=day)
        if verdict.sellable:
            sellable[product.pk] = verdict.certificate.stars
    return sellable


def _certified_form(ids, day) -> dict[int, int]:
    """{product id: stars} by check_certified (points 1–3: whatever the stock)."""
    certified = {}
    for product in Product.objects.filter(pk__in=ids).select_related("producer"):
        verdict = check_certified(product, day=day)
        if verdict.sellable:
            certified[product.pk] = verdict.certificate.stars
    return certified


def _certified_sql(ids, day) -> set[int]:
    """Points 1–3 as a query: public, standalone, producer not suspended, a valid certificate."""
    return set(Product.objects.filter(
        pk__in=ids, is_public=True, structure=Product.STANDALONE, producer__suspended_at__isnull=True,
    ).filter(Exists(Certificate.objects.valid_on(day).filter(product=OuterRef("pk")))).values_list("pk", flat=True))


def _search_form(backend, ids, day, text="") -> dict[int, int]:
    result = backend.search(SearchQuery(day=day, page_size=100, text=text))
    return {hit.id: hit.stars for hit in result.hits if hit.id in ids}


def _check_parity(specs) -> None:
    backend = get_backend()
    with transaction.atomic():
        ids = {_make(spec).pk for spec in specs}
        backend.index_products(ids, day=BASE)  # indexed once; the days move on without it
        for day in DAYS:
            python = _python_form(ids, day)
            sql = set(sellable_products(day=day).filter(pk__in=ids).values_list("pk", flat=True))
            assert set(python) == sql, f"Python and SQL disagree on {day}"
            certified = _certified_form(ids, day)
            assert set(certified) == _certified_sql(ids, day), f"points 1-3 disagree on {day}"
            assert python.items() <= certified.items(), f"sellable online but not certified on {day}"
            assert _search_form(backend, ids, day) == python, f"search disagrees on {day}"
            # every factory title is "Nước mắm cá cơm số N": a text search finds the same set
            assert _search_form(backend, ids, day, text="nuoc mam") == python, f"text search, {day}"
        backend.index_products(ids, day=BASE)  # leave nothing behind in an external engine
        Product.objects.filter(pk__in=ids).update(is_public=False)
        backend.index_products(ids, day=BASE)
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=products)
def test_rule_python_sql_and_database_search_agree(specs):
    _check_parity(specs)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=products)
def test_rule_python_sql_and_opensearch_agree(specs, osmem_url, settings):  # noqa: F811
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_ENGINE = "opensearch"
    settings.ELASTICSEARCH_URL = osmem_url
    settings.ELASTICSEARCH_INDEX = "test-ocop-parity"
    _check_parity(specs)


@pytest.mark.django_db
def test_a_product_whose_better_certificate_lapses_stays_in_search_with_the_lesser_stars():
    """The finding: a 5★ certificate lapsing while a 3★ one runs used to drop the product."""
    spec = {"is_public": True, "suspended": False, "stock": "free", "certificates": [
        {"status": "verified", "stars": 5, "starts": -10, "length": 20},
        {"status": "verified", "stars": 3, "starts": -5, "length": 80},
    ]}
    backend = get_backend()
    product = _make(spec)
    backend.index_products([product.pk], day=BASE)

    assert _search_form(backend, {product.pk}, BASE + datetime.timedelta(days=10)) == {product.pk: 5}
    assert _search_form(backend, {product.pk}, BASE + datetime.timedelta(days=11)) == {product.pk: 3}
    assert _search_form(backend, {product.pk}, BASE + datetime.timedelta(days=76)) == {}


@pytest.mark.django_db
def test_a_certificate_issued_in_the_future_enters_search_on_its_issue_day():
    spec = {"is_public": True, "suspended": False, "stock": "free", "certificates": [
        {"status": "verified", "stars": 4, "starts": 7, "length": 300},
    ]}
    backend = get_backend()
    product = _make(spec)
    backend.index_products([product.pk], day=BASE)

    assert _search_form(backend, {product.pk}, BASE + datetime.timedelta(days=6)) == {}
    assert _search_form(backend, {product.pk}, BASE + datetime.timedelta(days=7)) == {product.pk: 4}
