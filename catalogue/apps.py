import oscar.apps.catalogue.apps as apps
from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class


class CatalogueConfig(apps.CatalogueConfig):
    """Oscar's catalogue, forked: OCOP models, a sellable-only listing, province pages."""

    label = "catalogue"
    name = "catalogue"
    verbose_name = _("Danh mục OCOP")

    def ready(self):
        super().ready()
        self.province_view = get_class("catalogue.views", "ProvinceView")
        self.range_view = get_class("catalogue.views", "RangeDetailView")
        # Connected once the models are loaded: the receivers' module names them at import.
        from catalogue import receivers  # noqa: F401

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            path("tinh/<slug:province_slug>/", self.province_view.as_view(), name="province"),
        ]
        return self.post_process_urls(urls)
