"""What the checkout keeps of its own: every payment-provider webhook it received.

Orders, payment sources and payment events are Oscar's (``order``, ``payment``); this
table makes each provider event count once, and keeps the ones the office must look at
(unknown order, wrong amount, money for a cancelled order)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentWebhookEvent(models.Model):
    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Đã áp dụng")
        RECORDED = "recorded", _("Chỉ ghi nhận")
        UNKNOWN_ORDER = "unknown-order", _("Không tìm thấy đơn hàng")
        AMOUNT_MISMATCH = "amount-mismatch", _("Số tiền không khớp")
        IGNORED = "ignored", _("Bỏ qua (loại sự kiện không dùng)")

    provider = models.CharField(_("cổng thanh toán"), max_length=32, default="stripe")
    event_id = models.CharField(_("mã sự kiện"), max_length=255, unique=True)
    event_type = models.CharField(_("loại sự kiện"), max_length=128)
    object_id = models.CharField(_("mã giao dịch"), max_length=255, blank=True, db_index=True)
    order = models.ForeignKey(
        "order.Order", verbose_name=_("đơn hàng"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="payment_webhook_events",
    )
    amount = models.BigIntegerField(_("số tiền (đơn vị nhỏ nhất)"), null=True, blank=True)
    currency = models.CharField(_("tiền tệ"), max_length=8, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=32, choices=Outcome.choices)
    needs_attention = models.BooleanField(_("cần văn phòng kiểm tra"), default=False)
    detail = models.TextField(_("ghi chú"), blank=True)
    created_at_provider = models.DateTimeField(_("thời điểm tạo (cổng)"), null=True, blank=True)
    received_at = models.DateTimeField(_("thời điểm nhận"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("sự kiện thanh toán")
        verbose_name_plural = _("sự kiện thanh toán")

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"


class OrderNumber(models.Model):
    """Order numbers are handed out from this table's sequence: two placements, however
    concurrent, never get the same number (a number whose placement failed is not reused)."""

    id = models.BigAutoField(primary_key=True)
    basket_id = models.IntegerField(_("giỏ hàng"), null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("số đơn hàng")
        verbose_name_plural = _("số đơn hàng")

    # 8 digits from 10000001 on: unlike the 6–7 digit numbers of the first releases (100000 + basket id).
    FIRST = 10_000_000

    @property
    def number(self) -> str:
        return str(self.FIRST + self.id)


class RefundQuerySet(models.QuerySet):
    def shown(self):
        """What the shopper sees: refunds made and on their way, not failed attempts."""
        return self.exclude(state=Refund.State.FAILED)


class Refund(models.Model):
    """Money the office sends back for an order, whole or some lines. A card refund waits
    for Stripe (``PENDING``) and settles on its webhook; a cash or transfer refund is
    recorded as done at once, with the office's transfer reference. Pending and succeeded
    refunds count against what is left to refund; a failed one gives it back."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ cổng thanh toán xác nhận")
        SUCCEEDED = "succeeded", _("Đã hoàn tiền")
        FAILED = "failed", _("Hoàn tiền thất bại")

    order = models.ForeignKey("order.Order", verbose_name=_("đơn hàng"), on_delete=models.PROTECT,
                              related_name="refunds")
    amount = models.DecimalField(_("số tiền"), max_digits=12, decimal_places=2)
    includes_shipping = models.BooleanField(_("gồm phí giao hàng"), default=False)
    state = models.CharField(_("trạng thái"), max_length=16, choices=State.choices, default=State.PENDING)
    reason = models.TextField(_("lý do"))
    reference = models.CharField(_("mã giao dịch"), max_length=255, blank=True, db_index=True)
    restock = models.BooleanField(_("hàng đã nhập lại kho"), default=False)
    created_by = models.ForeignKey("auth.User", verbose_name=_("người hoàn tiền"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    objects = RefundQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("hoàn tiền")
        verbose_name_plural = _("hoàn tiền")

    def __str__(self) -> str:
        return f"{self.order_id} {self.amount} {self.state}"

    @property
    def idempotency_key(self) -> str:
        """One key per refund record: a retry of the same refund never pays out twice."""
        return f"ocop-refund-{self.pk}"


class RefundLine(models.Model):
    refund = models.ForeignKey(Refund, on_delete=models.CASCADE, related_name="lines")
    line = models.ForeignKey("order.Line", verbose_name=_("dòng đơn"), on_delete=models.PROTECT,
                             related_name="refund_lines")
    quantity = models.PositiveIntegerField(_("số lượng"))
    amount = models.DecimalField(_("số tiền"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("dòng hoàn tiền")
        verbose_name_plural = _("dòng hoàn tiền")
