"""A Saleor checkout: the API's persisted cart, tied to an Oscar basket.

The UUID token is the checkout's pk and, base64 in its global ID, the shopper's only
credential (as in Saleor): unguessable, never listed."""

import uuid

from django.conf import settings
from django.db import models


class ApiCheckout(models.Model):
    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    basket = models.OneToOneField("basket.Basket", on_delete=models.CASCADE, related_name="api_checkout")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    channel = models.CharField(max_length=64, default="default-channel")
    email = models.EmailField(blank=True)
    # Validated Vietnamese addresses: {first_name, phone_number, line1, province (slug), ward (code)}
    shipping_address = models.JSONField(null=True, blank=True)
    billing_address = models.JSONField(null=True, blank=True)
    delivery_method = models.CharField(max_length=64, blank=True)  # a shipping method's code
    payment_method = models.CharField(max_length=32, blank=True)  # checkout.payments.methods.Method
    metadata = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "API checkout"
