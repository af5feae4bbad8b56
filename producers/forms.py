from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from producers.selectors import EXPIRED
from producers.uploads import clean_image, clean_scan

Category = get_model("catalogue", "Category")
Certificate = get_model("catalogue", "Certificate")
Producer = get_model("catalogue", "Producer")
Province = get_model("catalogue", "Province")

MAX_PRICE = Decimal("999999999")
MAX_STOCK = 1_000_000


class CategoryChoiceField(forms.ModelChoiceField):
    """Subcategories of the six OCOP groups, labelled with their group."""

    def label_from_instance(self, obj):
        return f"{getattr(obj, 'group_name', '')} › {obj.name}".strip(" ›")


def ocop_subcategories():
    categories = list(Category.objects.filter(depth=2).order_by("path"))
    roots = {c.path: c.name for c in Category.objects.filter(depth=1)}
    for c in categories:
        c.group_name = roots.get(c.path[: Category.steplen], "")
    return categories


class ProductForm(forms.Form):
    """What a producer sets on its product. There is no producer field: it is the
    signed-in producer; status, stars and partner are not fields either."""

    title = forms.CharField(label=_("Tên sản phẩm"), max_length=255)
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea, required=False, max_length=20000)
    title_en = forms.CharField(label=_("Tên tiếng Anh"), max_length=255, required=False,
                               help_text=_("Để trống thì khách xem tiếng Anh thấy tên tiếng Việt."))
    description_en = forms.CharField(label=_("Mô tả tiếng Anh"), widget=forms.Textarea, required=False,
                                     max_length=20000)
    category = CategoryChoiceField(label=_("Nhóm sản phẩm OCOP"), queryset=Category.objects.filter(depth=2))
    sku = forms.CharField(label=_("Mã hàng (SKU)"), max_length=128)
    price = forms.DecimalField(label=_("Giá (đồng)"), max_digits=12, decimal_places=0,
                               min_value=Decimal("0"), max_value=MAX_PRICE)
    num_in_stock = forms.IntegerField(label=_("Tồn kho"), min_value=0, max_value=MAX_STOCK)
    weight_grams = forms.IntegerField(label=_("Khối lượng (gam)"), min_value=0, max_value=1_000_000,
                                      required=False)
    is_public = forms.BooleanField(label=_("Hiển thị"), required=False, initial=True)

    def __init__(self, *args, producer, product=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.producer = producer
        self.product = product
        self.fields["category"].choices = [("", "---------")] + [
            (c.pk, f"{c.group_name} › {c.name}") for c in ocop_subcategories()]

    def clean_sku(self):
        from oscar.core.loading import get_model as gm

        sku = self.cleaned_data["sku"].strip()
        StockRecord = gm("partner", "StockRecord")
        taken = StockRecord.objects.filter(partner_id=self.producer.partner_id, partner_sku=sku)
        if self.product is not None:
            taken = taken.exclude(product=self.product)
        if taken.exists():
            raise forms.ValidationError(_("Mã hàng này đã dùng cho sản phẩm khác của bạn."))
        return sku


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Ảnh (JPEG, PNG, WebP, tối đa 10 MB)"))
    caption = forms.CharField(label=_("Chú thích"), max_length=200, required=False)

    def clean_image(self):
        return clean_image(self.cleaned_data["image"])


class CertificateForm(forms.ModelForm):
    """A certificate as printed. Status and the decision are not fields: the office decides."""

    class Meta:
        model = Certificate
        fields = ["product", "number", "stars", "score", "level", "issuing_body", "issuing_place",
                  "decision_reference", "issued_on", "expires_on", "scan"]
        widgets = {"issued_on": forms.DateInput(attrs={"type": "date"}),
                   "expires_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, producer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = producer.products.order_by("title")
        self.fields["scan"].required = True
        self.fields["expires_on"].required = False

    def clean_scan(self):
        return clean_scan(self.cleaned_data["scan"])


class LineAdvanceForm(forms.Form):
    status = forms.CharField(max_length=16, required=False)
    carrier = forms.CharField(label=_("Đơn vị vận chuyển"), max_length=64, required=False)
    tracking_number = forms.CharField(label=_("Mã vận đơn"), max_length=64, required=False)


class CashForm(forms.Form):
    amount = forms.DecimalField(label=_("Số tiền đã thu"), max_digits=12, decimal_places=0,
                                min_value=Decimal("0"))
    reference = forms.CharField(label=_("Số phiếu thu"), max_length=64)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp CSV hoặc XLSX"))


class DecisionForm(forms.Form):
    """One step in the verification queue: verify, or reject / revoke with a reason.

    Shown for a ``certificate``, it offers only what its status allows; a posted action the
    certification services refuse (verifying a revoked one) is a form error naming why."""

    VERIFY, REJECT, REVOKE = "verify", "reject", "revoke"
    OFFERED = {
        Certificate.Status.PENDING: (VERIFY, REJECT, REVOKE),
        Certificate.Status.VERIFIED: (REVOKE,),
        Certificate.Status.REJECTED: (VERIFY, REVOKE),
        Certificate.Status.REVOKED: (),
    }
    action = forms.ChoiceField(label=_("Quyết định"),
                               choices=[(VERIFY, _("Xác minh")), (REJECT, _("Từ chối")),
                                        (REVOKE, _("Thu hồi"))],
                               widget=forms.Select(attrs={"class": "form-control"}))
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=2000,
                             help_text=_("Bắt buộc khi từ chối hoặc thu hồi; chủ thể đọc được lý do này."),
                             widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))

    def __init__(self, *args, certificate=None, **kwargs):
        super().__init__(*args, **kwargs)
        if certificate is not None and not self.is_bound:
            self.fields["action"].choices = self.offered(certificate.status)

    @classmethod
    def offered(cls, status: str) -> list[tuple[str, str]]:
        """The decisions shown for a certificate in ``status`` (a list row renders them
        itself: fifty Django select widgets were most of a page's time)."""
        allowed = cls.OFFERED.get(status, ())
        return [(value, label) for value, label in cls.base_fields["action"].choices if value in allowed]

    def clean(self):
        data = super().clean()
        if data.get("action") in (self.REJECT, self.REVOKE) and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Từ chối hoặc thu hồi phải có lý do."))
        return data


class CertificateFilterForm(forms.Form):
    """The office's certificate list, read from the query string; a bad value is shown as
    an error and that filter is left out."""

    q = forms.CharField(label=_("Tìm"), required=False, max_length=100,
                        help_text=_("Số chứng nhận, sản phẩm, chủ thể hoặc tỉnh; gõ có dấu hay không dấu đều được."),
                        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}))
    status = forms.ChoiceField(label=_("Trạng thái"), required=False,
                               choices=[("", _("Mọi trạng thái")), *Certificate.Status.choices],
                               widget=forms.Select(attrs={"class": "form-control"}))
    stars = forms.TypedChoiceField(label=_("Hạng sao"), required=False, coerce=int, empty_value=None,
                                   choices=[("", _("Mọi hạng sao")), ("3", "3★"), ("4", "4★"), ("5", "5★")],
                                   widget=forms.Select(attrs={"class": "form-control"}))
    expiry = forms.ChoiceField(label=_("Hiệu lực"), required=False,
                               choices=[("", _("Mọi thời hạn")), ("30", _("Hết hạn trong 30 ngày")),
                                        ("90", _("Hết hạn trong 90 ngày")), (EXPIRED, _("Đã hết hạn"))],
                               widget=forms.Select(attrs={"class": "form-control"}))

    def filters(self) -> dict:
        """The valid filters as ``office_certificates`` takes them."""
        self.is_valid()
        data = self.cleaned_data
        return {"text": data.get("q") or "", "status": data.get("status") or "",
                "stars": data.get("stars"), "expiry": data.get("expiry") or ""}


class SuspendForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ProducerCreateForm(forms.ModelForm):
    class Meta:
        model = Producer
        fields = ["name", "kind", "province", "former_province", "address", "phone", "email"]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
