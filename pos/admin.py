"""The program office manages points of sale and their staff in Django's admin (permissions
``pos.*``); a point of sale's stock records are Oscar stock records of its partner."""

from django.contrib import admin

from pos.models import PointOfSale, PosSale, PosStaff, PosStockRecord


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


@admin.register(PosStockRecord)
class PosStockRecordAdmin(admin.ModelAdmin):
    """Only points of sale's stock records: the producers' online stock is theirs to edit."""

    list_display = ["product", "partner", "partner_sku", "price", "num_in_stock", "num_allocated"]
    list_filter = ["partner__point_of_sale"]
    search_fields = ["partner_sku", "product__title", "product__upc"]
    raw_id_fields = ["product"]
    fields = ["partner", "product", "partner_sku", "price_currency", "price", "num_in_stock"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(partner__point_of_sale__isnull=False).select_related(
            "product", "partner")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "partner":
            from django.apps import apps

            kwargs["queryset"] = apps.get_model("partner", "Partner").objects.filter(point_of_sale__isnull=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
