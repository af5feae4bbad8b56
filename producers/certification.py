"""Certification: certificates and who may decide them, producers' suspension. Every
decision of the program office writes an entry in the append-only audit log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.freshness import catalogue_changed
from producers.audit import audit_record
from producers.models import AuditEntry

Certificate = get_model("catalogue", "Certificate")
Producer = get_model("catalogue", "Producer")

DECIDE_PERMISSION = "catalogue.change_certificate"
MANAGE_PRODUCERS_PERMISSION = "catalogue.change_producer"


def check_can_decide(*, user, certificate) -> None:
    """Only the program office decides; a producer's own users never do, even if staff."""
    if not (user.is_authenticated and user.has_perm(DECIDE_PERMISSION)):
        raise PermissionDenied(_("Chỉ Văn phòng điều phối OCOP được xác minh hoặc thu hồi chứng nhận."))
    producer = certificate.product.ocop_producer
    if producer is not None and producer.partner.users.filter(pk=user.pk).exists():
        raise PermissionDenied(_("Chủ thể không được tự xác minh chứng nhận của mình."))


def certificate_submit(*, product, user, **printed) -> "Certificate":
    """A producer submits a certificate as printed; it waits for the office as pending."""
    certificate = Certificate(product=product, submitted_by=user, **printed)
    certificate.status = Certificate.Status.PENDING
    certificate.full_clean()
    certificate.save()
    return certificate


@transaction.atomic
def certificate_verify(*, certificate, user) -> "Certificate":
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    check_can_decide(user=user, certificate=certificate)
    if certificate.status == Certificate.Status.REVOKED:
        raise ValidationError({"status": _("Chứng nhận đã thu hồi không thể xác minh lại.")})
    certificate.status = Certificate.Status.VERIFIED
    certificate.decided_by = user
    certificate.decided_at = timezone.now()
    certificate.full_clean()
    certificate.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=user, action=AuditEntry.Action.CERTIFICATE_VERIFIED, obj=certificate,
                 producer=certificate.product.producer)
    catalogue_changed([certificate.product_id])
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate, user, reason: str) -> "Certificate":
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    check_can_decide(user=user, certificate=certificate)
    if not reason.strip():
        raise ValidationError({"revoked_reason": _("Thu hồi phải có lý do.")})
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_reason = reason.strip()
    certificate.decided_by = user
    certificate.decided_at = timezone.now()
    certificate.save(update_fields=["status", "revoked_reason", "decided_by", "decided_at"])
    audit_record(actor=user, action=AuditEntry.Action.CERTIFICATE_REVOKED, obj=certificate,
                 producer=certificate.product.producer, reason=certificate.revoked_reason)
    catalogue_changed([certificate.product_id])
    return certificate


@transaction.atomic
def certificate_reject(*, certificate, user, reason: str) -> "Certificate":
    """A pending certificate the office does not accept; the producer sees the reason."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    check_can_decide(user=user, certificate=certificate)
    if certificate.status != Certificate.Status.PENDING:
        raise ValidationError({"status": _("Chỉ từ chối được chứng nhận đang chờ xác minh.")})
    if not reason.strip():
        raise ValidationError({"rejection_reason": _("Từ chối phải có lý do.")})
    certificate.status = Certificate.Status.REJECTED
    certificate.rejection_reason = reason.strip()
    certificate.decided_by = user
    certificate.decided_at = timezone.now()
    certificate.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
    audit_record(actor=user, action=AuditEntry.Action.CERTIFICATE_REJECTED, obj=certificate,
                 producer=certificate.product.producer, reason=certificate.rejection_reason)
    catalogue_changed([certificate.product_id])
    return certificate


def check_can_manage_producers(*, user) -> None:
    if not (user.is_authenticated and user.has_perm(MANAGE_PRODUCERS_PERMISSION)):
        raise PermissionDenied(_("Chỉ Văn phòng điều phối OCOP được quản lý chủ thể."))


def _producer_product_ids(producer) -> list[int]:
    return list(producer.products.values_list("pk", flat=True))


@transaction.atomic
def producer_suspend(*, producer, user, reason: str) -> "Producer":
    """All of the producer's products leave sale at once (the rule checks suspension)."""
    check_can_manage_producers(user=user)
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    if not reason.strip():
        raise ValidationError({"suspension_reason": _("Tạm đình chỉ phải có lý do.")})
    if producer.is_suspended:
        raise ValidationError({"suspension_reason": _("Chủ thể đang bị tạm đình chỉ.")})
    producer.suspended_at = timezone.now()
    producer.suspension_reason = reason.strip()
    producer.save(update_fields=["suspended_at", "suspension_reason"])
    audit_record(actor=user, action=AuditEntry.Action.PRODUCER_SUSPENDED, obj=producer,
                 producer=producer, reason=producer.suspension_reason)
    catalogue_changed(_producer_product_ids(producer))
    return producer


@transaction.atomic
def producer_reinstate(*, producer, user, reason: str = "") -> "Producer":
    check_can_manage_producers(user=user)
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    if not producer.is_suspended:
        raise ValidationError({"suspension_reason": _("Chủ thể không bị tạm đình chỉ.")})
    producer.suspended_at = None
    producer.suspension_reason = ""
    producer.save(update_fields=["suspended_at", "suspension_reason"])
    audit_record(actor=user, action=AuditEntry.Action.PRODUCER_REINSTATED, obj=producer,
                 producer=producer, reason=reason.strip())
    catalogue_changed(_producer_product_ids(producer))
    return producer
