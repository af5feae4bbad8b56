"""The program office manages points of sale and their staff in Django's admin (permissions
``pos.*``); a point of sale's stock records are Oscar stock records of its partner."""

from django.contrib import admin
from oscar.core.loading import get_model

from catalog.pos.models import PointOfSale, PosSale, PosStaff

StockRecord = get_model("partner", "StockRecord")


class PosStaffInline(admin.TabularInline):
    model = PosStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(PointOfSale)
class PointOfSaleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "opening_hours", "is_active"]
    list_filter = ["kind", "province", "is_active"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["partner", "ward"]
    inlines = [PosStaffInline]


@admin.register(PosSale)
class PosSaleAdmin(admin.ModelAdmin):
    list_display = ["order", "point_of_sale", "payment", "date_created"]
    list_filter = ["point_of_sale", "payment"]
    raw_id_fields = ["order", "delivery_order", "sold_by"]
