"""The OCOP domain on top of Oscar's catalogue: regions, producers, certificates.

This package is Oscar's forked ``catalogue`` app (label ``catalogue``); Oscar's own
models are imported at the bottom so that ``get_model("catalogue", ...)`` finds ours.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractCategory, AbstractProduct

from catalogue.rules import CERTIFICATE_VALIDITY_MONTHS, STARS_MAX, STARS_MIN, add_months, stars_for_score
from catalogue.storage import private_storage


class Province(models.Model):
    """A province or centrally-run city. Former provinces (merged in 2025) point to
    the current province that absorbed them, so a search or a URL by either name works."""

    code = models.PositiveIntegerField(
        _("mã"), unique=True, null=True, blank=True,
        help_text=_("Mã đơn vị hành chính hiện hành; tỉnh cũ không có."),
    )
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=128)
    short_name = models.CharField(_("tên ngắn"), max_length=64)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="former_provinces",
        limit_choices_to={"merged_into__isnull": True},
    )

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("tỉnh/thành phố")
        verbose_name_plural = _("tỉnh/thành phố")

    def __str__(self) -> str:
        return self.short_name

    @property
    def is_current(self) -> bool:
        return self.merged_into_id is None

    def get_absolute_url(self) -> str:
        return reverse("catalogue:province", kwargs={"province_slug": self.slug})


class Ward(models.Model):
    """A ward, commune or special zone of a current province (after July 2025)."""

    code = models.CharField(_("mã"), max_length=8, unique=True)
    name = models.CharField(_("tên"), max_length=128)
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="wards")

    class Meta:
        ordering = ["name"]
        verbose_name = _("xã/phường")
        verbose_name_plural = _("xã/phường")

    def __str__(self) -> str:
        return self.name


class Producer(models.Model):
    """The OCOP subject (chủ thể). Its Oscar partner carries stock records and users."""

    class Kind(models.TextChoices):
        COOPERATIVE = "cooperative", _("Hợp tác xã")
        COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        HOUSEHOLD = "household", _("Hộ kinh doanh")

    name = models.CharField(_("tên chủ thể"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=128, unique=True)
    kind = models.CharField(_("loại hình"), max_length=32, choices=Kind.choices)
    partner = models.OneToOneField(
        "partner.Partner", verbose_name=_("đối tác Oscar"), on_delete=models.PROTECT,
        related_name="producer",
    )
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh/thành phố"), on_delete=models.PROTECT,
        related_name="producers", limit_choices_to={"merged_into__isnull": True},
    )
    former_province = models.ForeignKey(
        Province, verbose_name=_("tỉnh cũ"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="former_producers", limit_choices_to={"merged_into__isnull": False},
        help_text=_("Tỉnh trước sáp nhập năm 2025, như in trên chứng nhận."),
    )
    ward = models.ForeignKey(
        Ward, verbose_name=_("xã/phường"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="producers",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    story = models.TextField(_("câu chuyện"), blank=True)
    suspended_at = models.DateTimeField(
        _("tạm đình chỉ từ"), null=True, blank=True,
        help_text=_("Khi có giá trị, mọi sản phẩm của chủ thể ngừng bán ngay."),
    )
    suspension_reason = models.TextField(_("lý do tạm đình chỉ"), blank=True)
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("chủ thể OCOP")
        verbose_name_plural = _("chủ thể OCOP")

    def __str__(self) -> str:
        return self.name

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    def clean(self) -> None:
        errors = {}
        if self.province_id and self.province.merged_into_id is not None:
            errors["province"] = _("Chọn một tỉnh/thành phố hiện hành (34 đơn vị từ 2025).")
        if self.former_province_id and self.province_id:
            if self.former_province.merged_into_id != self.province_id:
                errors["former_province"] = _("Tỉnh cũ phải là tỉnh đã sáp nhập vào %(p)s.") % {
                    "p": self.province
                }
        if self.ward_id and self.province_id and self.ward.province_id != self.province_id:
            errors["ward"] = _("Xã/phường không thuộc tỉnh/thành phố đã chọn.")
        if errors:
            raise ValidationError(errors)


class Category(AbstractCategory):
    # Menus, breadcrumbs, facets and search read the English name under /en/; the GraphQL
    # API's translation both. Vietnamese where they are blank.
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    description_en = models.TextField(_("mô tả tiếng Anh"), blank=True)

    class Meta(AbstractCategory.Meta):
        app_label = "catalogue"

    def get_name(self) -> str:
        """The name in the active language."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


class Product(AbstractProduct):
    producer = models.ForeignKey(
        Producer, verbose_name=_("chủ thể OCOP"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="products",
        help_text=_("Bắt buộc, trừ biến thể (kế thừa từ sản phẩm cha)."),
    )
    # English content where given; shoppers in English read the Vietnamese otherwise.
    title_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    description_en = models.TextField(_("mô tả tiếng Anh"), blank=True)

    class Meta(AbstractProduct.Meta):
        app_label = "catalogue"
        constraints = [
            models.CheckConstraint(
                condition=Q(structure="child") | Q(producer__isnull=False),
                name="product_has_producer",
                violation_error_message=_("Sản phẩm phải có chủ thể OCOP."),
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.structure != self.CHILD and self.producer_id is None:
            raise ValidationError({"producer": _("Sản phẩm phải có chủ thể OCOP.")})

    def get_title(self) -> str:
        """The title in the active language (Oscar's templates call this)."""
        if self.title_en and get_language() == "en":
            return self.title_en
        return super().get_title()

    def get_description(self) -> str:
        if self.description_en and get_language() == "en":
            return self.description_en
        return self.description

    def get_all_images(self):
        prefetched = getattr(self, "card_images", None)  # listings prefetch to a list
        if prefetched is not None:
            return prefetched
        return super().get_all_images()

    @property
    def ocop_producer(self):
        return self.parent.producer if self.is_child else self.producer


class CertificateQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> "CertificateQuerySet":
        """Verified certificates whose validity covers ``day`` (both ends inclusive)."""
        return self.filter(
            status=Certificate.Status.VERIFIED,
            stars__gte=STARS_MIN,
            issued_on__lte=day,
            expires_on__gte=day,
        )


class Certificate(models.Model):
    class Level(models.TextChoices):
        CENTRAL = "central", _("Trung ương")
        PROVINCE = "province", _("Cấp tỉnh")
        DISTRICT = "district", _("Cấp huyện (trước 7/2025)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xác minh")
        VERIFIED = "verified", _("Đã xác minh")
        REJECTED = "rejected", _("Bị từ chối")
        REVOKED = "revoked", _("Đã thu hồi")

    product = models.ForeignKey(
        Product, verbose_name=_("sản phẩm"), on_delete=models.CASCADE, related_name="certificates",
    )
    number = models.CharField(
        _("số chứng nhận"), max_length=64, unique=True,
        error_messages={"unique": _("Số chứng nhận này đã tồn tại.")},
    )
    stars = models.PositiveSmallIntegerField(
        _("số sao"),
        validators=[
            MinValueValidator(STARS_MIN, _("Số sao phải từ 3 đến 5.")),
            MaxValueValidator(STARS_MAX, _("Số sao phải từ 3 đến 5.")),
        ],
    )
    score = models.PositiveSmallIntegerField(
        _("điểm"),
        validators=[MaxValueValidator(100, _("Điểm phải từ 0 đến 100."))],
        help_text=_("Điểm của hội đồng trên 100: 50–69 → 3★, 70–89 → 4★, 90–100 → 5★."),
    )
    level = models.CharField(_("cấp công nhận"), max_length=16, choices=Level.choices)
    issuing_body = models.CharField(
        _("cơ quan cấp"), max_length=255, help_text=_("Như in trên chứng nhận.")
    )
    issuing_place = models.CharField(_("nơi cấp"), max_length=255, help_text=_("Như in."))
    decision_reference = models.CharField(_("số quyết định"), max_length=128)
    issued_on = models.DateField(_("ngày cấp"))
    expires_on = models.DateField(
        _("ngày hết hạn"), blank=True,
        help_text=_("Ngày cuối còn hiệu lực; mặc định 36 tháng sau ngày cấp."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)
    rejection_reason = models.TextField(_("lý do từ chối"), blank=True)
    scan = models.FileField(
        _("bản quét chứng nhận"), upload_to="certificates/%Y/%m/", blank=True,
        storage=private_storage,
        help_text=_("PDF hoặc ảnh (JPEG, PNG) của giấy chứng nhận."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nộp"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    date_created = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("chứng nhận OCOP")
        verbose_name_plural = _("chứng nhận OCOP")
        indexes = [models.Index(fields=["product", "status", "expires_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__gte=STARS_MIN) & Q(stars__lte=STARS_MAX),
                name="certificate_stars_3_to_5",
            ),
            models.CheckConstraint(
                condition=(
                    Q(stars=3, score__gte=50, score__lte=69)
                    | Q(stars=4, score__gte=70, score__lte=89)
                    | Q(stars=5, score__gte=90, score__lte=100)
                ),
                name="certificate_score_matches_stars",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("issued_on")),
                name="certificate_expiry_after_issue",
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | ~Q(revoked_reason=""),
                name="certificate_revocation_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="certificate_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.stars}★)"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.score is not None and self.stars is not None:
            expected = stars_for_score(self.score)
            if expected is None:
                errors["score"] = _("Điểm %(score)s dưới 50: sản phẩm chưa đạt OCOP.") % {
                    "score": self.score
                }
            elif expected != self.stars:
                errors["score"] = _(
                    "Điểm %(score)s tương ứng %(expected)s sao, không khớp với %(stars)s sao."
                ) % {"score": self.score, "expected": expected, "stars": self.stars}
        if self.issued_on and not self.expires_on:
            self.expires_on = add_months(self.issued_on, CERTIFICATE_VALIDITY_MONTHS)
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            errors["expires_on"] = _("Ngày hết hạn không được trước ngày cấp.")
        if self.stars == STARS_MAX and self.level and self.level != self.Level.CENTRAL:
            errors["level"] = _("Sản phẩm 5 sao do Hội đồng Trung ương công nhận.")
        if self.level == self.Level.DISTRICT and self.stars and self.stars != STARS_MIN:
            errors["level"] = _("Cấp huyện chỉ công nhận sản phẩm 3 sao.")
        if self.status == self.Status.REVOKED and not self.revoked_reason.strip():
            errors["revoked_reason"] = _("Thu hồi phải có lý do.")
        if self.status == self.Status.REJECTED and not self.rejection_reason.strip():
            errors["rejection_reason"] = _("Từ chối phải có lý do.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # A default, not a rule: the printed expiry wins whenever it is given.
        if self.expires_on is None and self.issued_on:
            self.expires_on = add_months(self.issued_on, CERTIFICATE_VALIDITY_MONTHS)
        super().save(*args, **kwargs)

    def is_valid_on(self, day: datetime.date) -> bool:
        return (
            self.status == self.Status.VERIFIED
            and self.stars >= STARS_MIN
            and self.issued_on <= day <= self.expires_on
        )


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403  Oscar's remaining models

from catalogue.search_table import SearchDocument  # noqa: E402, F401  the database search backend's table
