from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F401,F403  Oscar's catalogue admin
from oscar.core.loading import get_model

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


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "product", "stars", "status", "issued_on", "expires_on")
    list_filter = ("status", "stars", "level")
    search_fields = ("number", "product__title")
    raw_id_fields = ("product",)
    readonly_fields = ("decided_by", "decided_at", "submitted_by")
