from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F401,F403  the rest stay Oscar's
from oscar.core.loading import get_model

Producer = get_model("catalogue", "Producer")


class ProductForm(oscar_forms.ProductForm):
    """Every non-variant product names its OCOP producer (chủ thể)."""

    class Meta(oscar_forms.ProductForm.Meta):
        fields = oscar_forms.ProductForm.Meta.fields + ["title_en", "description_en", "producer"]

    def __init__(self, product_class, *args, parent=None, **kwargs):
        super().__init__(product_class, *args, parent=parent, **kwargs)
        if "producer" in self.fields:
            if parent is not None:
                del self.fields["producer"]  # a variant is its parent's producer's
            else:
                self.fields["producer"].required = True
                self.fields["producer"].queryset = Producer.objects.select_related("province")
                self.fields["producer"].help_text = _("Chủ thể OCOP sản xuất sản phẩm này.")


class CategoryForm(oscar_forms.CategoryForm):
    """Oscar's category form with the English name and description under the Vietnamese."""

    class Meta(oscar_forms.CategoryForm.Meta):
        fields = ["name", "name_en", "slug", "description", "description_en", "image",
                  "is_public", "exclude_from_menu", "meta_title", "meta_description"]
