from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.selectors import check_combo_publishable
from partner.strategy import OcopStrategy


class GiftComboPageForm(WagtailAdminPageForm):
    """Publishing a combo is refused, naming the item, while its items or price are wrong."""

    def clean(self):
        cleaned_data = super().clean()
        if "action-publish" not in self.data and "action-submit" not in self.data:
            return cleaned_data
        formset = self.formsets["items"]
        formset.is_valid()  # validated after the form otherwise; cached, so not twice
        items = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            items.append((data.get("product"), data.get("quantity")))
        page = self.instance
        page.combo_price = cleaned_data.get("combo_price")
        page.discount_percent = cleaned_data.get("discount_percent")
        for problem in check_combo_publishable(page, items=items, strategy=OcopStrategy()):
            self.add_error(None, problem)
        return cleaned_data
