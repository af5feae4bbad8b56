from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F401,F403  Oscar's catalogue admin
from oscar.core.loading import get_model

Province = get_model("catalogue", "Province")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("short_name", "slug", "code", "merged_into")
    search_fields = ("name", "slug")
