"""Oscar offer classes for gift combos (custom condition and benefits, Oscar's proxy_class
way). The page keeps range, condition and benefit in step when it is published
(``cms.services.combo_offer_sync``); nobody edits them by hand."""

from decimal import ROUND_HALF_UP, Decimal

from oscar.apps.offer.benefits import apply_discount
from oscar.core.loading import get_class, get_model

Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")
BasketDiscount = get_class("offer.results", "BasketDiscount")
ZERO_DISCOUNT = get_class("offer.results", "ZERO_DISCOUNT")
unit_price = get_class("offer.utils", "unit_price")

WHOLE_DONG = Decimal("1")


def combo_discount(full_price: Decimal, *, combo_price=None, discount_percent=None) -> Decimal:
    """What a combo takes off its items' full price, in whole đồng (never below zero)."""
    if combo_price is not None:
        return max(full_price - Decimal(combo_price), Decimal(0))
    if discount_percent:
        return (full_price * Decimal(discount_percent) / 100).quantize(WHOLE_DONG, ROUND_HALF_UP)
    return Decimal(0)


def combo_lines_of(offer) -> dict[int, int]:
    """product id → quantity of the combo that owns ``offer`` (its published items)."""
    if not hasattr(offer, "_combo_lines"):
        # cms.models imports this module to register the proxy classes, so not at the top.
        from cms.models import GiftComboItem

        offer._combo_lines = dict(
            GiftComboItem.objects.filter(page__offer=offer, product__isnull=False)
            .values_list("product_id", "quantity")
        )
    return offer._combo_lines


def _matching_lines(offer, basket):
    """[(line, quantity)] covering one whole combo, or None when the basket lacks an item."""
    wanted = combo_lines_of(offer)
    if not wanted:
        return None
    found = []
    for product_id, quantity in wanted.items():
        line = next((l for l in basket.all_lines() if l.product_id == product_id and l.stockrecord_id
                     and l.quantity_without_offer_discount(offer) >= quantity), None)
        if line is None:
            return None
        found.append((line, quantity))
    return found


class GiftComboCondition(Condition):
    """The basket holds every item of the combo in the combo's quantities."""

    class Meta:
        proxy = True

    @property
    def name(self):
        return "Giỏ có đủ các sản phẩm của combo quà tặng"

    description = name

    def is_satisfied(self, offer, basket):
        return _matching_lines(offer, basket) is not None

    def consume_items(self, offer, basket, affected_lines):
        pass  # the benefit discounts (and so consumes) exactly one combo's quantities


class GiftComboBenefitMixin:
    """Spreads the combo's discount over its lines in proportion to their value."""

    def discount_for(self, full_price: Decimal) -> Decimal:
        raise NotImplementedError

    def apply(self, basket, condition, offer, **kwargs):
        lines = _matching_lines(offer, basket)
        if lines is None:
            return ZERO_DISCOUNT
        values = [(line, quantity, unit_price(offer, line) * quantity) for line, quantity in lines]
        full_price = sum((value for _, _, value in values), Decimal(0))
        discount = min(self.discount_for(full_price), full_price)
        if discount <= 0:
            return ZERO_DISCOUNT
        applied = Decimal(0)
        for index, (line, quantity, value) in enumerate(values):
            if index == len(values) - 1:
                share = discount - applied  # the remainder, so the shares add up exactly
            else:
                share = (discount * value / full_price).quantize(WHOLE_DONG, ROUND_HALF_UP)
            apply_discount(line, share, quantity, offer)
            line.consume(quantity, offer=offer)  # one combo's quantities; the next needs more
            applied += share
        return BasketDiscount(discount)


class GiftComboPriceBenefit(GiftComboBenefitMixin, Benefit):
    """The combo's items together cost ``value`` đồng."""

    class Meta:
        proxy = True

    @property
    def name(self):
        return f"Giá combo {self.value:.0f} ₫"

    description = name

    def discount_for(self, full_price):
        return combo_discount(full_price, combo_price=self.value)


class GiftComboPercentBenefit(GiftComboBenefitMixin, Benefit):
    """The combo's items together cost ``value`` per cent less."""

    class Meta:
        proxy = True

    @property
    def name(self):
        return f"Giảm {self.value:.0f}% khi mua cả combo"

    description = name

    def discount_for(self, full_price):
        return combo_discount(full_price, discount_percent=self.value)
