"""Points of sale: each is an Oscar partner of its own, so its stock records are never the
online stock (``catalogue.sellable`` sells online only from the producer's partner)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


class PointOfSale(models.Model):
    class Kind(models.TextChoices):
        TOURIST_SITE = "tourist_site", _("Điểm du lịch")
        STATION = "station", _("Nhà ga, bến xe, sân bay")
        CRAFT_VILLAGE = "craft_village", _("Làng nghề")
        HOTEL = "hotel", _("Khách sạn")
        OCOP_CENTRE = "ocop_centre", _("Trung tâm OCOP")

    name = models.CharField(_("tên điểm bán"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=128, unique=True)
    kind = models.CharField(_("loại điểm bán"), max_length=32, choices=Kind.choices)
    partner = models.OneToOneField(
        "partner.Partner", verbose_name=_("đối tác Oscar (kho của điểm bán)"), on_delete=models.PROTECT,
        related_name="point_of_sale",
    )
    province = models.ForeignKey(
        "catalogue.Province", verbose_name=_("tỉnh/thành phố"), on_delete=models.PROTECT,
        related_name="points_of_sale", limit_choices_to={"merged_into__isnull": True},
    )
    ward = models.ForeignKey(
        "catalogue.Ward", verbose_name=_("xã/phường"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="points_of_sale",
    )
    address = models.CharField(_("địa chỉ"), max_length=255)
    opening_hours = models.CharField(_("giờ mở cửa"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        ordering = ["province__short_name", "name"]
        verbose_name = _("điểm bán du lịch")
        verbose_name_plural = _("điểm bán du lịch")

    def __str__(self) -> str:
        return self.name


class PosStaff(models.Model):
    """A counter account: belongs to exactly one point of sale; not staff."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE,
        related_name="pos_staff",
    )
    point_of_sale = models.ForeignKey(
        PointOfSale, verbose_name=_("điểm bán"), on_delete=models.CASCADE, related_name="staff",
    )

    class Meta:
        verbose_name = _("nhân viên điểm bán")
        verbose_name_plural = _("nhân viên điểm bán")

    def __str__(self) -> str:
        return f"{self.user} @ {self.point_of_sale}"


class PosSale(models.Model):
    """An order sold over the counter: channel ``pos`` and the point of sale."""

    CHANNEL = "pos"

    class Payment(models.TextChoices):
        CASH = "cash", _("Tiền mặt")
        VIETQR = "vietqr", _("Chuyển khoản VietQR")
        CARD = "card", _("Thẻ (máy POS ngân hàng)")

    order = models.OneToOneField("order.Order", on_delete=models.PROTECT, related_name="pos_sale")
    channel = models.CharField(_("kênh"), max_length=16, default=CHANNEL, editable=False)
    point_of_sale = models.ForeignKey(
        PointOfSale, verbose_name=_("điểm bán"), on_delete=models.PROTECT, related_name="sales",
    )
    sold_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("nhân viên"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    payment = models.CharField(_("thanh toán"), max_length=16, choices=Payment.choices)
    amount_tendered = models.DecimalField(_("khách đưa"), max_digits=14, decimal_places=0, null=True, blank=True)
    change_due = models.DecimalField(_("tiền thừa"), max_digits=14, decimal_places=0, default=0)
    payment_reference = models.CharField(_("mã giao dịch"), max_length=64, blank=True)
    delivery_order = models.OneToOneField(
        "order.Order", verbose_name=_("đơn giao về nhà"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="shipped_from_pos_sale",
    )
    date_created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-date_created"]
        verbose_name = _("đơn bán tại quầy")
        verbose_name_plural = _("đơn bán tại quầy")
        indexes = [models.Index(fields=["point_of_sale", "date_created"])]

    def __str__(self) -> str:
        return f"{self.order.number} ({self.point_of_sale})"



class PosStockRecord(StockRecord):
    """A point of sale's stock of one product, for the office's admin (the same Oscar table)."""

    class Meta:
        proxy = True
        verbose_name = _("hàng tại điểm bán")
        verbose_name_plural = _("hàng tại điểm bán")
