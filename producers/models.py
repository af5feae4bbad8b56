"""Records of the producer area: the append-only audit log, invitations, fulfilment of
order lines (carrier, tracking, cash collected) and product imports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """An audit entry is written once and never changed or removed."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be updated")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """One decision of the program office: who, when, what, on which object, why."""

    class Action(models.TextChoices):
        CERTIFICATE_VERIFIED = "certificate.verified", _("Xác minh chứng nhận")
        CERTIFICATE_REJECTED = "certificate.rejected", _("Từ chối chứng nhận")
        CERTIFICATE_REVOKED = "certificate.revoked", _("Thu hồi chứng nhận")
        PRODUCER_CREATED = "producer.created", _("Tạo chủ thể")
        PRODUCER_SUSPENDED = "producer.suspended", _("Tạm đình chỉ chủ thể")
        PRODUCER_REINSTATED = "producer.reinstated", _("Khôi phục chủ thể")
        PRODUCER_INVITED = "producer.invited", _("Mời tài khoản chủ thể")

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    # PROTECT, not SET_NULL: clearing the link would be an update of an append-only row.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    action = models.CharField(_("hành động"), max_length=32, choices=Action.choices)
    object_type = models.CharField(_("đối tượng"), max_length=32)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("mô tả đối tượng"), max_length=255)
    producer = models.ForeignKey(
        "catalogue.Producer", verbose_name=_("chủ thể"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    reason = models.TextField(_("lý do"), blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("nhật ký quyết định")
        verbose_name_plural = _("nhật ký quyết định")
        default_permissions = ("add", "view")  # no change or delete permission exists

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise AppendOnlyError("audit entries cannot be updated")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")


class Invitation(models.Model):
    """An e-mail invitation for a producer's account (the link sets the password)."""

    producer = models.ForeignKey("catalogue.Producer", on_delete=models.CASCADE,
                                 related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("email"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lời mời")
        verbose_name_plural = _("lời mời")


class LineStatus(models.TextChoices):
    """Statuses of an order line, moved by its producer (``OSCAR_LINE_STATUS_PIPELINE``).
    Blank, Oscar's initial line status, means new: not confirmed yet."""

    NEW = "", _("Mới")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    PACKED = "packed", _("Đã đóng gói")
    SHIPPED = "shipped", _("Đã giao vận chuyển")
    DELIVERED = "delivered", _("Đã giao")
    CANCELLED = "cancelled", _("Đã hủy")


class LineFulfilment(models.Model):
    """What the producer records while shipping one order line."""

    line = models.OneToOneField("order.Line", on_delete=models.CASCADE, related_name="fulfilment")
    carrier = models.CharField(_("đơn vị vận chuyển"), max_length=64, blank=True)
    tracking_number = models.CharField(_("mã vận đơn"), max_length=64, blank=True)
    cash_collected = models.DecimalField(_("tiền đã thu (COD)"), max_digits=12, decimal_places=0,
                                         null=True, blank=True)
    cash_reference = models.CharField(_("số phiếu thu"), max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("giao hàng dòng đơn")
        verbose_name_plural = _("giao hàng dòng đơn")


class ProductImport(models.Model):
    """One bulk import run (command or upload): what was imported, by whom, the outcome."""

    producer = models.ForeignKey("catalogue.Producer", on_delete=models.CASCADE,
                                 related_name="imports")
    filename = models.CharField(_("tệp"), max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    created = models.PositiveIntegerField(_("tạo mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    succeeded = models.BooleanField(_("thành công"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lần nhập sản phẩm")
        verbose_name_plural = _("lần nhập sản phẩm")


class ExpiryReminder(models.Model):
    """A reminder e-mail sent for a certificate (once per threshold)."""

    certificate = models.ForeignKey("catalogue.Certificate", on_delete=models.CASCADE,
                                    related_name="+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["certificate", "days_before"],
                                               name="one_reminder_per_threshold")]
