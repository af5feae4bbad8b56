from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from oscar.core.loading import get_model

from producers.certification import certificate_revoke, certificate_verify
from producers.models import AuditEntry

Certificate = get_model("catalogue", "Certificate")
Producer = get_model("catalogue", "Producer")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, for superusers too."""

    list_display = ("created_at", "actor_name", "action", "object_repr", "reason")
    list_filter = ("action",)
    search_fields = ("object_repr", "actor_name", "reason")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "province", "former_province")
    list_filter = ("kind", "province")
    search_fields = ("name", "slug")
    raw_id_fields = ("partner", "ward")
    # Suspension only through /van-phong/ (producer_suspend), which writes the audit log.
    readonly_fields = ("suspended_at", "suspension_reason")


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "product", "stars", "status", "issued_on", "expires_on")
    list_filter = ("status", "stars", "level")
    search_fields = ("number", "product__title")
    raw_id_fields = ("product",)
    # Status changes only through the services, which check who may decide.
    readonly_fields = ("status", "decided_by", "decided_at", "submitted_by")
    actions = ["verify", "revoke"]

    @admin.action(description="Xác minh các chứng nhận đã chọn")
    def verify(self, request, queryset):
        self._decide(request, queryset, lambda c: certificate_verify(certificate=c, user=request.user))

    @admin.action(description="Thu hồi (theo lý do đã ghi trên từng chứng nhận)")
    def revoke(self, request, queryset):
        self._decide(request, queryset, lambda c: certificate_revoke(
            certificate=c, user=request.user, reason=c.revoked_reason))

    def _decide(self, request, queryset, decide):
        for certificate in queryset:
            try:
                decide(certificate)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"{certificate.number}: {exc}", messages.ERROR)
            else:
                self.message_user(request, f"{certificate.number}: đã cập nhật.", messages.SUCCESS)
