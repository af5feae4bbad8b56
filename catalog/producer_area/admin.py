from django.contrib import admin

from catalog.producer_area.models import AuditEntry


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
