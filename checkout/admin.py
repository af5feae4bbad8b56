from django.contrib import admin

from checkout.models import PaymentWebhookEvent


@admin.register(PaymentWebhookEvent)
class PaymentWebhookEventAdmin(admin.ModelAdmin):
    list_display = ["received_at", "event_type", "event_id", "order", "amount", "currency",
                    "outcome", "needs_attention"]
    list_filter = ["needs_attention", "outcome", "event_type"]
    search_fields = ["event_id", "object_id", "order__number"]
    readonly_fields = [f.name for f in PaymentWebhookEvent._meta.fields]
