from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalogue import selectors
from catalogue.rules import today_in_vietnam
from cms import offers  # noqa: F401  the combo's Oscar offer classes(proxy models)
from cms.blocks import BaseStreamBlock, product_ids_in
from cms.choosers import producer_chooser_viewset, product_chooser_viewset
from cms.forms import GiftComboPageForm
from cms.slugs import VietnameseSlugMixin
from cms.selectors import combo_quote, five_star_listing, newest_listing, product_card_state
from core.collation import sorted_by_name
from core.scope import scope
from core.themes import available_themes

PAGE_SIZE = 12


class Occasion(models.TextChoices):
    TET = "tet", _("Quà Tết")
    SOUVENIR = "souvenir", _("Quà lưu niệm du lịch")
    CORPORATE = "corporate", _("Quà tặng doanh nghiệp")


class CardProductsMixin:
    """Loads the products of a body's product cards once, with live card data."""

    def get_card_products(self) -> dict:
        ids = product_ids_in(self.body)
        if not ids:
            return {}
        products = selectors.with_card_data(selectors.Product.objects.filter(pk__in=ids),
                                            day=today_in_vietnam())
        return {p.pk: p for p in products}


# ---------------------------------------------------------------------------- home


class HomePage(VietnameseSlugMixin, CardProductsMixin, Page):
    hero_title = models.CharField("tiêu đề lớn", max_length=255, blank=True)
    hero_text = models.TextField("lời giới thiệu", blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="ảnh lớn",
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name="nội dung")
    featured_count = models.PositiveSmallIntegerField("số sản phẩm nổi bật", default=8)
    five_star_count = models.PositiveSmallIntegerField("số sản phẩm 5 sao", default=4)
    featured_stories = models.ManyToManyField(
        "cms.ProductStoryPage", blank=True, related_name="+", verbose_name="câu chuyện nổi bật",
        help_text="Để trống: các câu chuyện mới nhất.",
    )
    featured_combos = models.ManyToManyField(
        "cms.GiftComboPage", blank=True, related_name="+", verbose_name="combo nổi bật",
        help_text="Để trống: các combo mới nhất.",
    )
    featured_provinces = models.ManyToManyField(
        "cms.ProvincePage", blank=True, related_name="+", verbose_name="tỉnh/thành nổi bật",
        help_text="Để trống: tất cả tỉnh/thành.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
                        heading="Phần mở đầu"),
        FieldPanel("body"),
        FieldPanel("featured_count"),
        FieldPanel("five_star_count"),
        FieldPanel("featured_stories"),
        FieldPanel("featured_combos"),
        FieldPanel("featured_provinces"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ProvinceIndexPage", "cms.StoryIndexPage", "cms.ComboIndexPage"]
    max_count = 1
    api_fields = [APIField("hero_title"), APIField("hero_text"), APIField("body")]

    class Meta:
        verbose_name = "trang chủ"

    def get_featured_products(self, province=None):
        """The newest sellable products (of a provincial site's province), loaded like a
        listing page."""
        return newest_listing(day=today_in_vietnam(), limit=self.featured_count, province=province)

    def get_five_star_products(self, province=None):
        return five_star_listing(day=today_in_vietnam(), limit=self.five_star_count, province=province)

    def get_featured_stories(self, province=None):
        live = ProductStoryPage.objects.live().filter(locale=self.locale)
        if province is not None:
            live = live.filter(province=province)
        chosen = live.filter(translation_key__in=self.featured_stories.values("translation_key"))
        stories = chosen if chosen.exists() else live.order_by("-first_published_at")
        return list(stories.select_related("province", "hero_image")[:4])

    def get_featured_combos(self, province=None):
        live = GiftComboPage.objects.live().filter(locale=self.locale)
        if province is not None:  # a provincial site: combos made only of its province's products
            live = only_from_province(live, province)
        chosen = live.filter(translation_key__in=self.featured_combos.values("translation_key"))
        combos = chosen if chosen.exists() else live.order_by("-first_published_at")
        return list(combos.select_related("hero_image")[:4])

    def get_featured_provinces(self, province=None):
        live = ProvincePage.objects.live().filter(locale=self.locale).select_related("province")
        if province is not None:  # a provincial site features its own province only
            return list(live.filter(province=province))
        chosen = live.filter(translation_key__in=self.featured_provinces.values("translation_key"))
        provinces = chosen if chosen.exists() else live
        return sorted_by_name(provinces, lambda page: page.province.short_name)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        province = scope(request)
        site = getattr(request, "ocop_site", None)
        title, text, language = site.hero(get_language()) if site is not None else ("", "", "")
        if title:
            context.update(hero_title=title, hero_text=text, hero_lang=language)
        else:
            context.update(hero_title=self.hero_title, hero_text=self.hero_text, hero_lang="")
        context.update(
            featured_products=self.get_featured_products(province),
            five_star_products=self.get_five_star_products(province),
            featured_stories=self.get_featured_stories(province),
            featured_combos=self.get_featured_combos(province),
            featured_provinces=self.get_featured_provinces(province),
            card_products=self.get_card_products(),
        )
        return context


# ---------------------------------------------------------------------------- provinces


class ProvinceIndexPage(VietnameseSlugMixin, Page):
    intro = models.TextField("giới thiệu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProvincePage"]
    max_count = 1
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "danh sách tỉnh/thành"

    def get_provinces(self, province=None):
        pages = ProvincePage.objects.live().child_of(self).select_related("province")
        if province is not None:
            pages = pages.filter(province=province)
        return sorted_by_name(pages, lambda page: page.province.short_name)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["provinces"] = self.get_provinces(scope(request))
        return context


class ProvincePage(VietnameseSlugMixin, CardProductsMixin, Page):
    """One current province: its sellable products, stories and combos, and the former
    provinces that joined it in 2025."""

    # One page per province in each language (its translations share the province: clean()).
    province = models.ForeignKey(
        "catalogue.Province", on_delete=models.PROTECT, related_name="cms_pages",
        limit_choices_to={"merged_into__isnull": True}, verbose_name="tỉnh/thành",
    )
    intro = models.TextField("giới thiệu ngắn", blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="ảnh",
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name="nội dung")
    products_shown = models.PositiveSmallIntegerField("số sản phẩm hiển thị", default=8)

    content_panels = Page.content_panels + [
        FieldPanel("province"), FieldPanel("intro"), FieldPanel("hero_image"), FieldPanel("body"),
        FieldPanel("products_shown"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.ProvinceIndexPage"]
    subpage_types = []
    api_fields = [APIField("province_slug"), APIField("intro"), APIField("body"),
                  APIField("former_province_names")]

    class Meta:
        verbose_name = "trang tỉnh/thành"

    def clean(self):
        super().clean()
        # A database constraint cannot reach the locale (it is on Page's table).
        twins = ProvincePage.objects.filter(province_id=self.province_id, locale_id=self.locale_id)
        if twins.exclude(pk=self.pk).exists():
            raise ValidationError({"province": _("Tỉnh/thành này đã có trang bằng ngôn ngữ này.")})

    @property
    def province_slug(self) -> str:
        return self.province.slug

    @property
    def former_province_names(self) -> list[str]:
        return [p.name for p in self.province.former_provinces.order_by("short_name")]

    def get_products(self):
        return newest_listing(day=today_in_vietnam(), limit=self.products_shown, province=self.province)

    def get_stories(self):
        return ProductStoryPage.objects.live().filter(province=self.province, locale=self.locale).select_related(
            "hero_image").order_by("-first_published_at")[:6]

    def get_combos(self):
        return GiftComboPage.objects.live().filter(
            items__product__producer__province=self.province, locale=self.locale).distinct().select_related(
            "hero_image").order_by("-first_published_at")[:6]

    def serve(self, request, *args, **kwargs):
        if not selectors.province_in_scope(self.province, scope(request)):
            raise Http404("Tỉnh/thành phố này không thuộc cửa hàng này.")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            products=self.get_products(),
            stories=list(self.get_stories()),
            combos=list(self.get_combos()),
            former_provinces=list(self.province.former_provinces.order_by("short_name")),
            card_products=self.get_card_products(),
        )
        return context


# ---------------------------------------------------------------------------- stories


class StoryTag(TaggedItemBase):
    content_object = ParentalKey("cms.ProductStoryPage", on_delete=models.CASCADE,
                                 related_name="tagged_items")


class IndexFiltersMixin:
    """Province and occasion filters from the query string, and pagination."""

    def paginate(self, request, queryset):
        return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))

    def selected_province(self, request):
        """A provincial site's own province, whatever the query string asks."""
        site_province = scope(request)
        if site_province is not None:
            return site_province
        slug = request.GET.get("tinh", "")
        return selectors.Province.objects.filter(slug=slug, merged_into__isnull=True).first() if slug else None

    def province_choices(self, request):
        site_province = scope(request)
        return [site_province] if site_province is not None else selectors.current_provinces()


class StoryIndexPage(VietnameseSlugMixin, IndexFiltersMixin, Page):
    intro = models.TextField("giới thiệu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProductStoryPage"]
    max_count = 1
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "danh sách câu chuyện"

    def get_stories(self, province=None):
        stories = ProductStoryPage.objects.live().descendant_of(self).select_related(
            "province", "producer", "hero_image").order_by("-first_published_at", "-pk")
        if province is not None:
            stories = stories.filter(province=province)
        return stories

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        province = self.selected_province(request)
        context.update(
            province=province, provinces=self.province_choices(request),
            stories=self.paginate(request, self.get_stories(province)),
        )
        return context


class ProductStoryPage(VietnameseSlugMixin, CardProductsMixin, Page):
    """A producer's story and its products; product cards show live price and stock."""

    intro = models.TextField("tóm tắt", blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="ảnh chính",
    )
    producer = models.ForeignKey(
        "catalogue.Producer", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="stories", verbose_name="chủ thể",
    )
    province = models.ForeignKey(
        "catalogue.Province", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="stories", limit_choices_to={"merged_into__isnull": True}, verbose_name="tỉnh/thành",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="nội dung")
    tags = ClusterTaggableManager(through=StoryTag, blank=True, verbose_name="thẻ")

    content_panels = Page.content_panels + [
        FieldPanel("intro"), FieldPanel("hero_image"),
        MultiFieldPanel([
            FieldPanel("producer", widget=producer_chooser_viewset.widget_class),
            FieldPanel("province"), FieldPanel("tags"),
        ], heading="Chủ thể và nơi làm ra"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"), index.SearchField("body"),
        index.FilterField("province_id"),
        index.RelatedFields("producer", [index.SearchField("name")]),
    ]
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("intro"), APIField("body"), APIField("producer_name"), APIField("province_slug"),
        APIField("tag_names"),
    ]

    class Meta:
        verbose_name = "câu chuyện sản phẩm"

    @property
    def producer_name(self) -> str:
        return self.producer.name if self.producer else ""

    @property
    def province_slug(self) -> str:
        return self.province.slug if self.province else ""

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags.all()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["card_products"] = self.get_card_products()
        return context


# ---------------------------------------------------------------------------- gift combos


class ComboIndexPage(VietnameseSlugMixin, IndexFiltersMixin, Page):
    intro = models.TextField("giới thiệu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GiftComboPage"]
    max_count = 1
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "danh sách combo quà tặng"

    def get_combos(self, *, province=None, occasion=""):
        combos = GiftComboPage.objects.live().descendant_of(self).select_related("hero_image").order_by(
            "-first_published_at", "-pk")
        if occasion:
            combos = combos.filter(occasion=occasion)
        if province is not None:
            combos = combos.filter(items__product__producer__province=province).distinct()
        return combos

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site_province = scope(request)
        province = self.selected_province(request)
        occasion = request.GET.get("dip", "")
        occasion = occasion if occasion in Occasion.values else ""
        context.update(
            province=province, occasion=occasion, occasions=Occasion.choices,
            provinces=self.province_choices(request),
            combos=self.paginate(request, only_from_province(
                self.get_combos(province=province, occasion=occasion), site_province)),
        )
        return context


class GiftComboPage(VietnameseSlugMixin, CardProductsMixin, Page):
    """A curated set of 2–10 products with one price. Publishing keeps its Oscar offer in
    step (``cms.services.combo_offer_sync``); the basket applies the discount."""

    occasion = models.CharField("dịp", max_length=16, choices=Occasion.choices)
    intro = models.TextField("tóm tắt", blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="ảnh chính",
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name="câu chuyện combo")
    combo_price = models.DecimalField(
        "giá combo (₫)", max_digits=12, decimal_places=0, null=True, blank=True,
        help_text="Giá trọn combo. Để trống nếu giảm theo phần trăm.",
    )
    discount_percent = models.PositiveSmallIntegerField(
        "giảm (%)", null=True, blank=True, help_text="Từ 1 đến 90. Để trống nếu đặt giá combo.",
    )
    offer = models.OneToOneField(
        "offer.ConditionalOffer", null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="gift_combo",
    )
    # One offer per combo: a copy (or an English translation) gets its own when published.
    exclude_fields_in_copy = ["offer"]

    base_form_class = GiftComboPageForm
    content_panels = Page.content_panels + [
        FieldPanel("occasion"), FieldPanel("intro"), FieldPanel("hero_image"),
        InlinePanel("items", label="Sản phẩm trong combo", min_num=2, max_num=10),
        MultiFieldPanel([FieldPanel("combo_price"), FieldPanel("discount_percent")], heading="Giá"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"), index.SearchField("body"), index.FilterField("occasion"),
    ]
    parent_page_types = ["cms.ComboIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("occasion"), APIField("intro"), APIField("body"), APIField("combo_price"),
        APIField("discount_percent"), APIField("combo_items"),
    ]

    class Meta:
        verbose_name = "combo quà tặng"

    def clean(self):
        super().clean()
        if self.combo_price is None and not self.discount_percent:
            raise ValidationError(_("Đặt giá combo hoặc phần trăm giảm."))
        if self.combo_price is not None and self.discount_percent:
            raise ValidationError(_("Chỉ đặt một trong hai: giá combo hoặc phần trăm giảm."))
        if self.discount_percent is not None and not 1 <= self.discount_percent <= 90:
            raise ValidationError({"discount_percent": _("Phần trăm giảm từ 1 đến 90.")})

    @property
    def combo_items(self) -> list[dict]:
        return [{"quantity": item.quantity, **product_card_state(item.product)}
                for item in self.items.select_related("product")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["quote"] = combo_quote(self, strategy=request.strategy)
        context["card_products"] = self.get_card_products()
        return context


def only_from_province(combos, province):
    """A provincial site's combos: those made only of its province's products (all when None)."""
    if province is None:
        return combos
    return combos.exclude(pk__in=GiftComboItem.objects.exclude(
        product__producer__province=province).values("page_id"))


class GiftComboItem(Orderable):
    page = ParentalKey(GiftComboPage, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(
        "catalogue.Product", null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="sản phẩm",
    )
    quantity = models.PositiveSmallIntegerField("số lượng", default=1)

    panels = [FieldPanel("product", widget=product_chooser_viewset.widget_class), FieldPanel("quantity")]
    api_fields = [APIField("product_id"), APIField("quantity")]

    class Meta(Orderable.Meta):
        verbose_name = "sản phẩm trong combo"


# ---------------------------------------------------------------------------- sites


def theme_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in available_themes(settings.THEMES_DIR)]


def default_theme() -> str:
    return settings.THEME


@register_setting(icon="site")
class StorefrontSettings(BaseSiteSetting):
    """What a Wagtail site shows: its theme, and a province when it is a provincial shop."""

    theme = models.CharField(_("giao diện"), max_length=64, choices=theme_choices,
                             default=default_theme)
    # PROTECT: deleting the province must not silently widen a provincial shop to the country.
    province = models.ForeignKey(
        "catalogue.Province", verbose_name=_("tỉnh/thành phố"), null=True, blank=True,
        on_delete=models.PROTECT, limit_choices_to={"merged_into__isnull": True},
        help_text=_("Để trống: cả nước. Chọn một tỉnh: chỉ bán sản phẩm của tỉnh đó."),
    )

    # The home page is shared by every site; a provincial shop greets in its own words.
    hero_title = models.CharField(_("tiêu đề trang chủ"), max_length=255, blank=True,
                                  help_text=_("Để trống: dùng tiêu đề của trang chủ chung."))
    hero_text = models.TextField(_("lời giới thiệu trang chủ"), blank=True)
    hero_title_en = models.CharField(_("tiêu đề trang chủ (tiếng Anh)"), max_length=255, blank=True)
    hero_text_en = models.TextField(_("lời giới thiệu trang chủ (tiếng Anh)"), blank=True)

    panels = [
        FieldPanel("theme"), FieldPanel("province"),
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text"),
                         FieldPanel("hero_title_en"), FieldPanel("hero_text_en")],
                        heading=_("Lời chào trên trang chủ")),
    ]

    class Meta:
        verbose_name = _("Cửa hàng")
