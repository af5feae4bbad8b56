"""The certified-only rule at its edges, and the listing query agreeing with it."""

import datetime

import pytest

from catalogue.models import Certificate
from catalogue.rules import add_months, stars_for_score
from catalogue.sellable import (
    SellableVerdict,
    check_certified,
    check_sellable,
    is_sellable,
    sellable_products,
)
from tests.factories import CertificateFactory, ProductFactory, StockRecordFactory

ISSUED = datetime.date(2024, 3, 10)
LAST_DAY = datetime.date(2027, 3, 10)


def _product(*, status=Certificate.Status.VERIFIED, num_in_stock=5, **certificate):
    product = ProductFactory()
    StockRecordFactory(product=product, num_in_stock=num_in_stock)
    CertificateFactory(product=product, issued_on=ISSUED, status=status,
                       revoked_reason="Vi phạm an toàn thực phẩm" if status == "revoked" else "",
                       **certificate)
    return product


def _verdict(product, day):
    return check_sellable(product, stockrecord=product.stockrecords.first(), day=day)


@pytest.mark.smoke
@pytest.mark.django_db
@pytest.mark.parametrize(
    "day, sellable",
    [
        pytest.param(ISSUED - datetime.timedelta(days=1), False, id="day-before-issue"),
        pytest.param(ISSUED, True, id="issue-day"),
        pytest.param(LAST_DAY, True, id="last-valid-day"),
        pytest.param(LAST_DAY + datetime.timedelta(days=1), False, id="day-after-expiry"),
    ],
)
def test_validity_window_is_inclusive_of_both_ends(day, sellable):
    product = _product()

    assert Certificate.objects.get(product=product).expires_on == LAST_DAY
    assert _verdict(product, day).sellable is sellable
    assert sellable_products(day=day).filter(pk=product.pk).exists() is sellable


@pytest.mark.smoke
@pytest.mark.django_db
@pytest.mark.parametrize(
    "status",
    [Certificate.Status.PENDING, Certificate.Status.REVOKED],
    ids=["pending", "revoked"],
)
def test_unverified_or_revoked_certificate_is_not_sellable(status):
    product = _product(status=status)
    day = ISSUED + datetime.timedelta(days=30)

    verdict = _verdict(product, day)

    assert verdict.sellable is False
    assert "chứng nhận OCOP" in verdict.reason
    assert not sellable_products(day=day).filter(pk=product.pk).exists()


@pytest.mark.django_db
def test_out_of_stock_is_not_sellable_and_says_so():
    product = _product(num_in_stock=0)
    day = ISSUED + datetime.timedelta(days=30)

    verdict = _verdict(product, day)

    assert verdict.sellable is False
    assert verdict.reason == "Sản phẩm đã hết hàng."
    assert not sellable_products(day=day).filter(pk=product.pk).exists()


@pytest.mark.django_db
def test_fully_allocated_stock_is_not_sellable():
    product = _product(num_in_stock=3)
    product.stockrecords.update(num_allocated=3)
    day = ISSUED + datetime.timedelta(days=30)

    assert is_sellable(product, stockrecord=product.stockrecords.first(), day=day) is False
    assert not sellable_products(day=day).filter(pk=product.pk).exists()


@pytest.mark.django_db
def test_product_without_stockrecord_is_not_sellable():
    product = ProductFactory()
    CertificateFactory(product=product, issued_on=ISSUED)

    assert is_sellable(product, stockrecord=None, day=ISSUED) is False
    assert not sellable_products(day=ISSUED).filter(pk=product.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("capacity, sellable", [(12, True), (0, False)], ids=["open", "fully-booked"])
def test_tourism_voucher_sells_while_capacity_remains(reference_data, capacity, sellable):
    from tests.factories import TourismClassFactory

    product = ProductFactory(product_class=TourismClassFactory())
    StockRecordFactory(product=product, num_in_stock=capacity)
    CertificateFactory(product=product, issued_on=ISSUED)

    assert product.get_product_class().requires_shipping is False
    assert _verdict(product, ISSUED).sellable is sellable
    assert sellable_products(day=ISSUED).filter(pk=product.pk).exists() is sellable


@pytest.mark.django_db
def test_a_renewed_certificate_keeps_the_product_on_sale():
    product = _product()
    CertificateFactory(product=product, issued_on=LAST_DAY + datetime.timedelta(days=1),
                       stars=5, score=92, level=Certificate.Level.CENTRAL)
    after = LAST_DAY + datetime.timedelta(days=10)

    verdict = _verdict(product, after)

    assert verdict.sellable is True
    assert verdict.certificate.stars == 5


@pytest.mark.parametrize(
    "score, stars",
    [(0, None), (49, None), (50, 3), (69, 3), (70, 4), (89, 4), (90, 5), (100, 5)],
)
def test_stars_for_score_bands(score, stars):
    assert stars_for_score(score) == stars


def test_add_months_clamps_to_month_end():
    assert add_months(datetime.date(2024, 2, 29), 36) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2023, 11, 30), 3) == datetime.date(2024, 2, 29)


@pytest.mark.django_db
def test_points_one_to_three_hold_whatever_the_online_stock_and_the_full_rule_adds_it():
    # given a certified product whose online stock is sold out
    product = _product(num_in_stock=0)
    certificate = Certificate.objects.get(product=product)
    day = ISSUED + datetime.timedelta(days=30)

    # then points 1-3 hold with its certificate, and the online rule refuses it for its stock
    assert check_certified(product, day=day) == SellableVerdict(True, certificate=certificate)
    assert _verdict(product, day) == SellableVerdict(False, "Sản phẩm đã hết hàng.", certificate)


@pytest.mark.django_db
@pytest.mark.parametrize("change, reason", [
    ({"is_public": False}, "Sản phẩm không được bày bán."),
    ({"suspended": True}, "Chủ thể OCOP của sản phẩm đang bị tạm đình chỉ bán hàng."),
    ({"revoked": True}, "Sản phẩm chưa có chứng nhận OCOP còn hiệu lực nên tạm ngừng bán."),
], ids=["not-public", "producer-suspended", "certificate-revoked"])
def test_points_one_to_three_refuse_with_the_same_reason_as_the_full_rule(change, reason):
    from django.utils import timezone

    product = _product()
    if "is_public" in change:
        product.is_public = False
    if "suspended" in change:
        product.producer.suspended_at = timezone.now()
    if "revoked" in change:
        product.certificates.update(status=Certificate.Status.REVOKED, revoked_reason="Vi phạm")
    day = ISSUED + datetime.timedelta(days=30)

    assert check_certified(product, day=day) == SellableVerdict(False, reason)
    assert _verdict(product, day) == SellableVerdict(False, reason)
