"""Checkout forms fitted to Vietnam: one name field, a Vietnamese phone number, street,
ward/commune and one of the 34 current provinces; no district, no postcode."""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from checkout.payments.methods import Method
from core.collation import sorted_by_name

Country = get_model("address", "Country")
Province = get_model("catalogue", "Province")
ShippingAddress = get_model("order", "ShippingAddress")
Ward = get_model("catalogue", "Ward")

PHONE_INVALID = _("Số điện thoại không hợp lệ. Hãy nhập số Việt Nam, ví dụ 0912 345 678.")


def normalise_vietnamese_phone(raw: str) -> str:
    """'0912 345 678', '+84 912 345 678', '84912345678' → '+84912345678'; ValueError otherwise."""
    digits = raw.strip().replace(" ", "").replace(".", "").replace("-", "")
    if digits.startswith("84") and not digits.startswith("+"):
        digits = "+" + digits
    try:
        number = phonenumbers.parse(digits, "VN")
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from exc
    if number.country_code != 84 or not phonenumbers.is_valid_number_for_region(number, "VN"):
        raise ValueError(digits)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class VietnamAddressForm(forms.ModelForm):
    """A shipping address. The ward and province are stored by name (``line2``, ``state``)
    as printed on a parcel; the shipping repository finds the province again by name."""

    first_name = forms.CharField(
        label=_("Họ và tên người nhận"), max_length=255,
        error_messages={"required": _("Vui lòng nhập họ tên người nhận.")},
    )
    phone_number = forms.CharField(
        label=_("Số điện thoại"), max_length=32,
        widget=forms.TextInput(attrs={"placeholder": "0912 345 678", "inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Vui lòng nhập số điện thoại.")},
    )
    line1 = forms.CharField(
        label=_("Số nhà, tên đường, thôn/ấp"), max_length=255,
        error_messages={"required": _("Vui lòng nhập số nhà, tên đường.")},
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"), queryset=Province.objects.filter(merged_into__isnull=True),
        to_field_name="slug", empty_label=_("— Chọn tỉnh/thành phố —"),
        error_messages={
            "required": _("Vui lòng chọn tỉnh/thành phố."),
            "invalid_choice": _("Chọn một trong 34 tỉnh/thành phố hiện hành."),
        },
    )
    ward = forms.ModelChoiceField(
        label=_("Xã/phường/đặc khu"), queryset=Ward.objects.all(), to_field_name="code",
        empty_label=_("— Chọn xã/phường —"),
        error_messages={
            "required": _("Vui lòng chọn xã/phường."),
            "invalid_choice": _("Xã/phường không tồn tại."),
        },
    )

    field_order = ["first_name", "phone_number", "line1", "province", "ward", "notes"]

    class Meta:
        model = ShippingAddress
        fields = ["first_name", "phone_number", "line1", "notes"]
        labels = {"notes": _("Ghi chú cho người giao hàng")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if not self.is_bound and instance and instance.state:
            province = Province.objects.filter(merged_into__isnull=True, name=instance.state).first()
            if province:
                self.initial.setdefault("province", province.slug)
                ward = province.wards.filter(name=instance.line2).first()
                if ward:
                    self.initial.setdefault("ward", ward.code)
        if instance and instance.phone_number:
            self.initial.setdefault("phone_number", str(instance.phone_number))
        self.fields["province"].widget.choices = [("", self.fields["province"].empty_label)] + [
            (p.slug, p.name) for p in sorted_by_name(
                Province.objects.filter(merged_into__isnull=True).only("slug", "name"), lambda p: p.name)]
        # Only the chosen province's wards are listed (about a hundred, not 3,321).
        slug = self.data.get(self.add_prefix("province")) if self.is_bound else self.initial.get("province")
        self.fields["ward"].widget.choices = [("", self.fields["ward"].empty_label)] + [
            (w.code, w.name) for w in sorted_by_name(
                Ward.objects.filter(province__slug=slug).only("code", "name"), lambda w: w.name)
        ] if slug else [("", _("— Chọn tỉnh/thành phố trước —"))]

    def clean_phone_number(self):
        try:
            return normalise_vietnamese_phone(self.cleaned_data["phone_number"])
        except ValueError:
            raise forms.ValidationError(PHONE_INVALID, code="invalid") from None

    def clean(self):
        cleaned = super().clean()
        province, ward = cleaned.get("province"), cleaned.get("ward")
        if province and ward and ward.province_id != province.pk:
            self.add_error("ward", _("Xã/phường này không thuộc %(province)s.") % {"province": province.name})
        return cleaned

    def _post_clean(self):
        province, ward = self.cleaned_data.get("province"), self.cleaned_data.get("ward")
        self.instance.line2 = ward.name if ward else ""
        self.instance.state = province.name if province else ""
        self.instance.line4 = ""
        self.instance.postcode = ""
        self.instance.country = Country.objects.get(iso_3166_1_a2="VN")
        super()._post_clean()


class PaymentMethodForm(forms.Form):
    payment_method = forms.ChoiceField(
        label=_("Phương thức thanh toán"), choices=[(m.value, m.value) for m in Method],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vui lòng chọn phương thức thanh toán."),
            "invalid_choice": _("Phương thức thanh toán không hợp lệ."),
        },
    )
