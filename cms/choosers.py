"""Admin choosers for catalogue data: products (title, producer or province; stars and
sellable state shown) and producers. Their widgets and blocks serve pages and StreamFields."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from catalogue import selectors
from catalogue.rules import today_in_vietnam
from catalogue.sellable import check_sellable


class ProductFilterForm(BaseFilterForm):
    q = forms.CharField(label=_("Tìm theo tên, chủ thể, tỉnh"), required=False)

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(
                Q(title__icontains=query) | Q(producer__name__icontains=query)
                | Q(producer__province__name__icontains=query)
                | Q(producer__former_province__name__icontains=query)
            )
            self.is_searching = True
            self.search_query = query
        return objects


def _stars(product) -> str:
    verdict = check_sellable(product, stockrecord=_online_record(product), day=today_in_vietnam())
    return f"{verdict.certificate.stars}★" if verdict.certificate else "—"


def _online_record(product):
    producer = product.producer
    records = getattr(product, "card_stockrecords", [])
    return min((r for r in records if producer and r.partner_id == producer.partner_id),
               key=lambda r: r.pk, default=None)


def _sellable(product) -> str:
    verdict = check_sellable(product, stockrecord=_online_record(product), day=today_in_vietnam())
    return str(_("Đang bán")) if verdict.sellable else verdict.reason


class ProductChooseMixin:
    filter_form_class = ProductFilterForm

    def get_object_list(self):
        return selectors.with_card_data(
            selectors.Product.objects.filter(structure="standalone").order_by("title"),
            day=today_in_vietnam(),
        )

    @property
    def columns(self):
        return [
            self.title_column,
            Column("producer", label=_("Chủ thể"), accessor="producer"),
            Column("stars", label=_("Sao"), accessor=_stars),
            Column("sellable", label=_("Tình trạng"), accessor=_sellable),
        ]


class ProductChooseView(ProductChooseMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooseMixin, ChooseResultsView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Chọn sản phẩm OCOP")
    choose_another_text = _("Chọn sản phẩm khác")
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    per_page = 20


class ProducerFilterForm(BaseFilterForm):
    q = forms.CharField(label=_("Tìm theo tên hoặc tỉnh"), required=False)

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(Q(name__icontains=query) | Q(province__name__icontains=query))
            self.is_searching = True
            self.search_query = query
        return objects


class ProducerChooseMixin:
    filter_form_class = ProducerFilterForm

    def get_object_list(self):
        return selectors.Product._meta.get_field("producer").related_model.objects.select_related(
            "province").order_by("name")

    @property
    def columns(self):
        return [self.title_column, Column("province", label=_("Tỉnh/thành"), accessor="province")]


class ProducerChooseView(ProducerChooseMixin, ChooseView):
    pass


class ProducerChooseResultsView(ProducerChooseMixin, ChooseResultsView):
    pass


class ProducerChooserViewSet(ChooserViewSet):
    model = "catalogue.Producer"
    icon = "group"
    choose_one_text = _("Chọn chủ thể OCOP")
    choose_another_text = _("Chọn chủ thể khác")
    choose_view_class = ProducerChooseView
    choose_results_view_class = ProducerChooseResultsView
    per_page = 20


product_chooser_viewset = ProductChooserViewSet("product_chooser")
producer_chooser_viewset = ProducerChooserViewSet("producer_chooser")
ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.choosers"
)
