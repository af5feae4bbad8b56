"""Writes of the OCOP domain: certificates and who may decide them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.freshness import catalogue_changed

Certificate = get_model("catalogue", "Certificate")

DECIDE_PERMISSION = "catalogue.change_certificate"


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
    catalogue_changed([certificate.product_id])
    return certificate
