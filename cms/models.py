from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from catalog import selectors
from catalog.rules import today_in_vietnam
from cms.blocks import BaseStreamBlock


class HomePage(Page):
    hero_title = models.CharField("tiêu đề lớn", max_length=255, blank=True)
    hero_text = models.TextField("lời giới thiệu", blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, use_json_field=True, verbose_name="nội dung")
    featured_count = models.PositiveSmallIntegerField("số sản phẩm nổi bật", default=8)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
        FieldPanel("featured_count"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "trang chủ"

    def get_featured_products(self):
        """The newest sellable products, loaded like a listing page."""
        return selectors.listing(day=today_in_vietnam())[: self.featured_count]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = self.get_featured_products()
        return context
