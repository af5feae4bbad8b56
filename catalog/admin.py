from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from oscar.apps.catalogue.admin import *  # noqa: F401,F403  Oscar's catalogue admin
from oscar.core.loading import get_model

from catalog.services import certificate_revoke, certificate_verify

Certificate = get_model("catalogue", "Certificate")
Producer = get_model("catalogue", "Producer")
Province = get_model("catalogue", "Province")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("short_name", "slug", "code", "merged_into")
    search_fields = ("name", "slug")


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
