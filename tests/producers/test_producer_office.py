"""The program office: verification queue, producer management, append-only audit log."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import IntegrityError, InternalError, connection, transaction
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.sellable import sellable_products
from producers import certification as services
from producers.models import AppendOnlyError, AuditEntry
from tests.factories import CertificateFactory, UserFactory, sellable_product
from tests.office_support import office_user  # noqa: F401  fixture
from tests.producer_support import client_for, producer_with_user

Certificate = get_model("catalogue", "Certificate")
Producer = get_model("catalogue", "Producer")

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(reference_data):
    product = sellable_product()
    return CertificateFactory(product=product, status=Certificate.Status.PENDING, number="CHO-1")


def test_queue_lists_pending_certificates_for_the_office_only(office_user, pending):
    assert "CHO-1" in client_for(office_user).get("/van-phong/").content.decode()
    assert client_for(UserFactory(is_staff=True)).get("/van-phong/").status_code == 403


@pytest.mark.parametrize("action,status", [("verify", "verified"), ("reject", "rejected"),
                                           ("revoke", "revoked")])
def test_one_step_decision_is_recorded_in_the_audit_log(office_user, pending, action, status):
    response = client_for(office_user).post(
        reverse("producer_area_office:certificate", args=[pending.pk]),
        {"action": action, "reason": "Hồ sơ không khớp bản gốc"})

    pending.refresh_from_db()
    assert response.status_code == 302
    assert pending.status == status
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_id) == (office_user, f"certificate.{status}", str(pending.pk))
    assert entry.producer == pending.product.producer
    assert entry.reason == ("" if action == "verify" else "Hồ sơ không khớp bản gốc")


@pytest.mark.parametrize("action", ["reject", "revoke"])
def test_reject_or_revoke_without_a_reason_is_a_form_error(office_user, pending, action):
    response = client_for(office_user).post(
        reverse("producer_area_office:certificate", args=[pending.pk]), {"action": action, "reason": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    pending.refresh_from_db()
    assert pending.status == Certificate.Status.PENDING
    assert not AuditEntry.objects.exists()


def test_a_revoked_certificate_cannot_be_verified_again_form_error_not_500(office_user, pending):
    client = client_for(office_user)
    url = reverse("producer_area_office:certificate", args=[pending.pk])
    client.post(url, {"action": "revoke", "reason": "Sai"})

    response = client.post(url, {"action": "verify"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    pending.refresh_from_db()
    assert pending.status == Certificate.Status.REVOKED


def test_a_producer_cannot_decide_even_with_the_permission(reference_data, office_user):
    producer, user = producer_with_user()
    user.groups.add(*office_user.groups.all())
    certificate = CertificateFactory(product=sellable_product(producer=producer),
                                     status=Certificate.Status.PENDING)

    response = client_for(user).post(reverse("producer_area_office:certificate", args=[certificate.pk]),
                                      {"action": "verify"})

    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.PENDING


def test_suspending_a_producer_takes_its_products_off_sale_at_once(office_user, reference_data):
    product = sellable_product()
    producer = product.producer
    assert product in sellable_products()

    response = client_for(office_user).post(
        reverse("producer_area_office:producer-detail", args=[producer.pk]),
        {"action": "suspend", "reason": "Vi phạm an toàn thực phẩm"})

    assert response.status_code == 302
    assert product not in sellable_products()
    producer.refresh_from_db()
    assert producer.suspension_reason == "Vi phạm an toàn thực phẩm"
    assert AuditEntry.objects.get().action == AuditEntry.Action.PRODUCER_SUSPENDED
    client_for(office_user).post(reverse("producer_area_office:producer-detail", args=[producer.pk]),
                                 {"action": "reinstate"})
    assert product in sellable_products()


def test_suspension_without_a_reason_is_a_form_error(office_user, reference_data):
    producer = sellable_product().producer

    response = client_for(office_user).post(
        reverse("producer_area_office:producer-detail", args=[producer.pk]), {"action": "suspend", "reason": ""})

    assert response.status_code == 200
    assert response.context["suspend_form"].errors["reason"]
    producer.refresh_from_db()
    assert not producer.is_suspended


def test_office_creates_a_producer_and_invites_a_non_staff_account(office_user, reference_data,
                                                                  django_capture_on_commit_callbacks):
    from catalogue.models import Province

    client = client_for(office_user)
    response = client.post(reverse("producer_area_office:producer-create"), {
        "name": "HTX Chè Thái Nguyên", "kind": "cooperative",
        "province": Province.objects.get(slug="thai-nguyen").pk})
    producer = Producer.objects.get(name="HTX Chè Thái Nguyên")
    assert response.status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("producer_area_office:producer-detail", args=[producer.pk]),
                    {"action": "invite", "email": "chu@htx-che.vn"})

    account = producer.partner.users.get()
    assert account.email == "chu@htx-che.vn"
    assert not account.is_staff and not account.has_usable_password()
    assert len(mail.outbox) == 1 and "/password-reset/confirm/" in mail.outbox[0].body
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == ["producer.created", "producer.invited"]


def test_audit_entries_cannot_be_changed_or_deleted(office_user, pending):
    services.certificate_verify(certificate=pending, user=office_user)
    entry = AuditEntry.objects.get()

    entry.reason = "sửa"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert not Permission.objects.filter(codename__in=["change_auditentry", "delete_auditentry"]).exists()


def test_on_postgresql_the_table_itself_refuses_updates(postgres_only, office_user, pending):
    services.certificate_verify(certificate=pending, user=office_user)

    with pytest.raises((InternalError, IntegrityError, Exception)) as raised:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE producer_area_auditentry SET reason = 'x'")
    assert "append-only" in str(raised.value)


def test_audit_csv_export_neutralises_formulas(office_user, reference_data):
    producer = sellable_product().producer
    services.producer_suspend(producer=producer, user=office_user, reason="=HYPERLINK(\"http://x\")")

    response = client_for(office_user).get(reverse("producer_area_office:audit-log") + "?format=csv")

    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "thoi_diem"
    assert rows[1][7] == "'=HYPERLINK(\"http://x\")"
    assert rows[1][2] == "producer.suspended"


def test_audit_log_page_shows_who_what_why(office_user, reference_data):
    producer = sellable_product().producer
    services.producer_suspend(producer=producer, user=office_user, reason="Lý do rõ ràng")

    html = client_for(office_user).get(reverse("producer_area_office:audit-log")).content.decode()

    assert "Lan" in html and "Lý do rõ ràng" in html and "Tạm đình chỉ chủ thể" in html


def test_office_scan_view_is_an_attachment(office_user, pending, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    pending.scan.save("a.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)

    response = client_for(office_user).get(reverse("producer_area_office:certificate-scan", args=[pending.pk]))

    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_even_a_superuser_cannot_change_or_delete_an_entry_in_django_admin(office_user, pending):
    services.certificate_verify(certificate=pending, user=office_user)
    entry = AuditEntry.objects.get()
    admin = client_for(UserFactory(is_staff=True, is_superuser=True))

    change = admin.post(f"/admin/producer_area/auditentry/{entry.pk}/change/", {"reason": "sửa"})
    delete = admin.post(f"/admin/producer_area/auditentry/{entry.pk}/delete/", {"post": "yes"})

    assert change.status_code == 403 and delete.status_code == 403
    entry = AuditEntry.objects.get()
    assert entry.reason == ""
