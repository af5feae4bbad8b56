"""Gift combo writes (publishing with the checks of ``cms.selectors``, the Oscar offer kept in
step, adding a combo to a basket), a producer's story draft, and unpublishing a page's
translations with it."""

from decimal import Decimal

from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cms.models import GiftComboPage, ProductStoryPage, StoryIndexPage
from cms.selectors import check_combo_publishable, combo_quote
from core.text import vn_slugify

ConditionalOffer = get_model("offer", "ConditionalOffer")
Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")
Range = get_model("offer", "Range")


class ComboNotPublishable(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


class ComboUnavailable(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def offer_slug(page) -> str:
    return f"combo-qua-tang-{page.pk}"


@transaction.atomic
def combo_offer_sync(page) -> "ConditionalOffer":
    """Create or update the combo's range, condition, benefit and site offer from its live
    items and price, and open it. Called when the page is published."""
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


def page_unpublish_translations(*, page) -> int:
    """Take the translations of a Vietnamese page off the shop with it; returns how many.

    English pages are copies made with "Translate" (simple_translation), not kept in step:
    unpublishing the Vietnamese story or combo left its English copy live under /en/, in
    the editorial API and GraphQL, in Vietnamese text until someone translated it, and a
    combo's copy offered a gift whose discount (owned by the Vietnamese page) was gone. The
    Vietnamese page is the source, so withdrawing it withdraws every language; unpublishing
    only a translation leaves the Vietnamese page live. Each is logged in its page history."""
    if not page.locale.is_default:
        return 0
    translations = page.get_translations().live().specific()
    for translation in translations:
        translation.unpublish()
    return len(translations)


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
    index = StoryIndexPage.objects.first()
    if index is None:
        raise NoStoryIndex
    products = [p for p in products if p.producer_id == producer.pk]  # never another's
    body = [("paragraph", f"<p>{escape(chunk.strip())}</p>") for chunk in text.split("\n\n") if chunk.strip()]
    body += [("product_card", {"product": p, "note": ""}) for p in products]
    base = vn_slugify(title)[:60] or "cau-chuyen"
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
