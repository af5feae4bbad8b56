from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class

from cms.models import GiftComboPage
from cms.services import ComboUnavailable, combo_add_to_basket

Applicator = get_class("offer.applicator", "Applicator")


@require_POST
def combo_add(request, page_id: int):
    """Add every line of a live combo to the basket; the combo's offer gives the discount."""
    page = get_object_or_404(GiftComboPage.objects.live(), pk=page_id)
    basket = request.basket
    if not basket.id:
        basket.save()
    try:
        combo_add_to_basket(page, basket=basket, strategy=request.strategy)
    except ComboUnavailable as unavailable:
        for problem in unavailable.problems:
            messages.error(request, problem)
        return HttpResponseRedirect(page.get_url(request))
    basket.reset_offer_applications()
    Applicator().apply(basket, request.user, request)
    messages.success(request, _("Đã thêm combo “%(title)s” vào giỏ hàng.") % {"title": page.title})
    return HttpResponseRedirect(reverse("basket:summary"))
