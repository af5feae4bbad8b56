"""Certificate and product validation: bad input is refused with a message naming the field."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from catalogue.models import Certificate, Product
from producers.certification import certificate_revoke, certificate_submit, certificate_verify
from tests.factories import (
    CertificateFactory,
    ProductClassFactory,
    ProductFactory,
    UserFactory,
)


def _certificate(**overrides) -> Certificate:
    values = dict(
        product=ProductFactory(), number="LD-2025-0001", stars=4, score=75,
        level=Certificate.Level.PROVINCE, issuing_body="UBND tỉnh Lâm Đồng",
        issuing_place="Lâm Đồng", decision_reference="123/QĐ-UBND",
        issued_on=datetime.date(2025, 8, 1),
    )
    values.update(overrides)
    return Certificate(**values)


def _errors(certificate) -> dict:
    with pytest.raises(ValidationError) as caught:
        certificate.full_clean()
    return caught.value.message_dict


@pytest.mark.smoke
@pytest.mark.django_db
@pytest.mark.parametrize("stars", [0, 2, 6], ids=["zero", "two", "six"])
def test_stars_outside_three_to_five_are_refused(stars):
    errors = _errors(_certificate(stars=stars))

    assert errors["stars"] == ["Số sao phải từ 3 đến 5."]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "stars, score, message",
    [
        (4, 65, "Điểm 65 tương ứng 3 sao, không khớp với 4 sao."),
        (3, 70, "Điểm 70 tương ứng 4 sao, không khớp với 3 sao."),
        (3, 49, "Điểm 49 dưới 50: sản phẩm chưa đạt OCOP."),
    ],
    ids=["4-stars-65", "3-stars-70", "below-50"],
)
def test_score_must_match_the_stars(stars, score, message):
    assert _errors(_certificate(stars=stars, score=score))["score"] == [message]


@pytest.mark.django_db
def test_expiry_before_issue_is_refused():
    errors = _errors(_certificate(expires_on=datetime.date(2025, 7, 31)))

    assert errors["expires_on"] == ["Ngày hết hạn không được trước ngày cấp."]


@pytest.mark.django_db
def test_duplicate_certificate_number_is_refused():
    CertificateFactory(number="LD-2025-0001")

    assert _errors(_certificate(number="LD-2025-0001"))["number"] == ["Số chứng nhận này đã tồn tại."]


@pytest.mark.django_db
def test_five_stars_must_come_from_the_central_council():
    errors = _errors(_certificate(stars=5, score=93, level=Certificate.Level.PROVINCE))

    assert errors["level"] == ["Sản phẩm 5 sao do Hội đồng Trung ương công nhận."]


@pytest.mark.django_db
def test_expiry_defaults_to_36_months_and_keeps_printed_issuer():
    certificate = _certificate(level=Certificate.Level.DISTRICT, stars=3, score=60,
                               issuing_body="UBND huyện Hàm Thuận Bắc",
                               issuing_place="Hàm Thuận Bắc, Bình Thuận",
                               issued_on=datetime.date(2023, 5, 20))
    certificate.full_clean()
    certificate.save()
    certificate.refresh_from_db()

    assert certificate.expires_on == datetime.date(2026, 5, 20)
    assert certificate.issuing_body == "UBND huyện Hàm Thuận Bắc"


@pytest.mark.django_db
def test_database_refuses_a_score_that_does_not_match_even_without_validation():
    with pytest.raises(IntegrityError), transaction.atomic():
        _certificate(stars=5, score=60, level=Certificate.Level.CENTRAL).save()


@pytest.mark.smoke
@pytest.mark.django_db
def test_a_product_without_a_producer_cannot_be_saved():
    product = Product(title="Mật ong rừng", product_class=ProductClassFactory(),
                      structure=Product.STANDALONE)

    with pytest.raises(ValidationError) as caught:
        product.full_clean()
    assert caught.value.message_dict["producer"] == ["Sản phẩm phải có chủ thể OCOP."]
    with pytest.raises(IntegrityError), transaction.atomic():
        product.save()


@pytest.mark.django_db
def test_producer_submits_pending_and_cannot_verify_their_own_certificate():
    product = ProductFactory()
    owner = UserFactory(is_staff=True)
    product.producer.partner.users.add(owner)

    certificate = certificate_submit(
        product=product, user=owner, number="LD-2026-0042", stars=3, score=58,
        level=Certificate.Level.PROVINCE, issuing_body="UBND tỉnh Lâm Đồng",
        issuing_place="Lâm Đồng", decision_reference="42/QĐ-UBND",
        issued_on=datetime.date(2026, 1, 5), status=Certificate.Status.VERIFIED,
    )
    assert certificate.status == Certificate.Status.PENDING

    with pytest.raises(PermissionDenied):
        certificate_verify(certificate=certificate, user=owner)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.PENDING


@pytest.mark.django_db
def test_program_office_verifies_and_revokes_with_a_reason():
    office = UserFactory(is_superuser=True, is_staff=True)
    certificate = CertificateFactory(status=Certificate.Status.PENDING)

    certificate_verify(certificate=certificate, user=office)
    certificate.refresh_from_db()
    assert (certificate.status, certificate.decided_by) == (Certificate.Status.VERIFIED, office)

    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, user=office, reason="   ")
    certificate_revoke(certificate=certificate, user=office, reason="Bao bì không đúng hồ sơ")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_reason == "Bao bì không đúng hồ sơ"


@pytest.mark.django_db
def test_admin_verifies_through_the_service_and_cannot_edit_status_directly(client):
    office = UserFactory(is_superuser=True, is_staff=True)
    certificate = CertificateFactory(status=Certificate.Status.PENDING)
    client.force_login(office)

    client.post("/admin/catalogue/certificate/", {
        "action": "verify", "_selected_action": [certificate.pk]})

    certificate.refresh_from_db()
    assert (certificate.status, certificate.decided_by) == (Certificate.Status.VERIFIED, office)
    form = client.get(f"/admin/catalogue/certificate/{certificate.pk}/change/").context["adminform"].form
    assert "status" not in form.fields
