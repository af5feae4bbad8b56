"""Gift combo rules: what may be published, the Oscar offer kept in step, adding a combo."""

from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cms.selectors import combo_quote

ConditionalOffer = get_model("offer", "ConditionalOffer")
Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")
Range = get_model("offer", "Range")

MIN_ITEMS, MAX_ITEMS = 2, 10


class ComboNotPublishable(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


class ComboUnavailable(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def _title(product) -> str:
    return product.get_title() if product is not None else _("(sản phẩm đã xoá)")


def check_combo_publishable(page, *, items: list[tuple[object, int]], strategy) -> list[str]:
    """Why this combo (with these (product, quantity) items) may not be published; each
    problem names its item. Empty when it may."""
    problems = []
    if not MIN_ITEMS <= len(items) <= MAX_ITEMS:
        problems.append(_("Combo cần từ %(min)s đến %(max)s sản phẩm (đang có %(n)s).")
                        % {"min": MIN_ITEMS, "max": MAX_ITEMS, "n": len(items)})
    counts = Counter(product.pk for product, _q in items if product is not None)
    for product, quantity in items:
        if product is not None and counts[product.pk] > 1:
            problems.append(_("“%(title)s” có mặt hai lần trong combo.") % {"title": _title(product)})
            counts[product.pk] = 0  # name it once
        if quantity is None or quantity <= 0:
            problems.append(_("Số lượng của “%(title)s” phải lớn hơn 0.") % {"title": _title(product)})
    if problems:
        return problems
    quote = combo_quote(page, strategy=strategy, items=items)
    problems.extend(quote.problems)
    if not problems:
        if page.combo_price is not None and not 0 < page.combo_price < quote.full_price:
            problems.append(_("Giá combo phải lớn hơn 0 và nhỏ hơn tổng giá lẻ %(full)s ₫.")
                            % {"full": f"{quote.full_price:,.0f}".replace(",", ".")})
        elif page.discount_percent is not None and not 1 <= page.discount_percent <= 90:
            problems.append(_("Phần trăm giảm phải từ 1 đến 90."))
    return problems


def offer_slug(page) -> str:
    return f"combo-qua-tang-{page.pk}"


@transaction.atomic
def combo_offer_sync(page) -> "ConditionalOffer":
    """Create or update the combo's range, condition, benefit and site offer from its live
    items and price, and open it. Called when the page is published."""
    from cms.models import GiftComboPage

    slug = offer_slug(page)
    product_ids = [pid for pid in page.items.values_list("product_id", flat=True) if pid]
    offer = ConditionalOffer.objects.filter(slug=slug).select_related("condition", "benefit").first()
    if offer is None:
        product_range = Range.objects.create(name=f"Combo quà tặng #{page.pk}", slug=slug)
        condition = Condition.objects.create(range=product_range, proxy_class="cms.offers.GiftComboCondition")
        benefit = Benefit.objects.create(range=product_range, proxy_class="cms.offers.GiftComboPriceBenefit",
                                         value=Decimal(0))
        offer = ConditionalOffer(slug=slug, condition=condition, benefit=benefit,
                                 offer_type=ConditionalOffer.SITE, exclusive=False, priority=10)
    product_range = offer.condition.range
    product_range.included_products.set(product_ids)
    benefit = offer.benefit
    if page.combo_price is not None:
        benefit.proxy_class, benefit.value = "cms.offers.GiftComboPriceBenefit", page.combo_price
    else:
        benefit.proxy_class, benefit.value = "cms.offers.GiftComboPercentBenefit", page.discount_percent
    benefit.save()
    offer.name = f"{page.title} (#{page.pk})"[:128]
    offer.description = page.title
    offer.status = ConditionalOffer.OPEN
    offer.save()
    GiftComboPage.objects.filter(pk=page.pk).update(offer=offer)
    return offer


def combo_offer_suspend(page) -> None:
    """An unpublished or deleted combo gives no discount any more."""
    ConditionalOffer.objects.filter(slug=offer_slug(page)).update(status=ConditionalOffer.SUSPENDED)


def combo_publish(page, *, strategy, user=None):
    """Publish a combo outside the admin (seeding, tests), with the admin's checks."""
    items = [(item.product, item.quantity) for item in page.items.select_related("product")]
    problems = check_combo_publishable(page, items=items, strategy=strategy)
    if problems:
        raise ComboNotPublishable(problems)
    page.save_revision(user=user).publish(user=user)


@transaction.atomic
def combo_add_to_basket(page, *, basket, strategy):
    """Every line of the combo into the basket in one step, or nothing with the reasons."""
    quote = combo_quote(page, strategy=strategy, basket=basket)
    if not quote.available:
        raise ComboUnavailable(quote.problems or [_("Combo chưa có sản phẩm.")])
    for line in quote.lines:
        basket.add_product(line.product, line.quantity)
    return quote


class NoStoryIndex(Exception):
    pass


@transaction.atomic
def story_draft_by_producer(*, producer, user, title: str, intro: str, text: str, products):
    """A producer's own story about its own products: a draft under the story index, in
    the same moderation workflow as an editor's (an editor or the office publishes it)."""
    from django.utils.html import escape
    from django.utils.text import slugify

    from cms.models import ProductStoryPage, StoryIndexPage

    index = StoryIndexPage.objects.first()
    if index is None:
        raise NoStoryIndex
    products = [p for p in products if p.producer_id == producer.pk]  # never another's
    body = [("paragraph", f"<p>{escape(chunk.strip())}</p>") for chunk in text.split("\n\n") if chunk.strip()]
    body += [("product_card", {"product": p, "note": ""}) for p in products]
    base = slugify(title, allow_unicode=False)[:60] or "cau-chuyen"
    slug, n = base, 1
    while index.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    page = ProductStoryPage(title=title, slug=slug, intro=intro, body=body, producer=producer,
                            province=producer.province, owner=user, live=False)
    index.add_child(instance=page)
    page.save_revision(user=user)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    return page
