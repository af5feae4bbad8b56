from django import forms
from django.utils.translation import gettext_lazy as _

from checkout.payments.refunds import MAX_REASON_LENGTH


class RefundForm(forms.Form):
    """The office's refund: the whole order or quantities per line. No amount field: the
    amount is computed from the order (checkout/payments/refunds.py), whatever else is posted."""

    FULL, LINES = "full", "lines"
    scope = forms.ChoiceField(label=_("Hoàn tiền"), widget=forms.RadioSelect, initial=LINES, choices=[
        (FULL, _("Toàn bộ đơn (gồm phí giao hàng)")), (LINES, _("Chỉ các sản phẩm chọn dưới đây"))])
    reason = forms.CharField(label=_("Lý do hoàn tiền"), max_length=MAX_REASON_LENGTH, widget=forms.Textarea(
        attrs={"rows": 2}))
    reference = forms.CharField(label=_("Mã giao dịch chuyển trả cho khách"), max_length=128, required=False)
    restock = forms.BooleanField(label=_("Hàng đã nhập lại kho"), required=False, help_text=_(
        "Đánh dấu khi hàng trả về còn bán được: số lượng hoàn được mở bán lại. Bỏ trống nếu hàng mất hoặc vỡ."))

    def __init__(self, *args, lines, refunded, needs_reference: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.reference_required = needs_reference
        self.fields["reference"].required = needs_reference
        self.line_fields = []
        for line in lines:
            left = line.quantity - refunded.get(line.pk, 0)
            name = f"line_{line.pk}"
            self.fields[name] = forms.IntegerField(
                label=line.title, min_value=0, initial=0, required=False)  # over the rest: refused with the reason
            self.line_fields.append((line, left, self[name]))

    def quantities(self) -> dict[int, int]:
        return {line.pk: self.cleaned_data.get(f"line_{line.pk}") or 0 for line, _left, _field in self.line_fields}

    @property
    def is_full(self) -> bool:
        return self.cleaned_data["scope"] == self.FULL
