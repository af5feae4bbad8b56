"""Reads for editorial pages: product cards, combo quotes and whether a combo may be
published, the newest and five-star listings. The page models call these, so this module
does not import them."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from catalogue import selectors
from catalogue.listing_cache import catalogue_version
from catalogue.rules import today_in_vietnam
from catalogue.sellable import check_sellable, sellable_products
from cms.offers import combo_discount
from partner.strategy import OcopStrategy

NO_LONGER_AVAILABLE = "Sản phẩm này không còn bán."


def _newest_ids(queryset, *, key: str, limit: int) -> list[int]:
    """The first ``limit`` ids of a listing query, cached per catalogue version (anything
    that changes what is on sale bumps it, ``catalogue.freshness``) and the key's day."""
    full_key = f"cms:ids:{catalogue_version()}:{key}:{limit}"
    ids = cache.get(full_key)
    if ids is None:
        ids = list(queryset.order_by(*selectors.LISTING_ORDER).values_list("pk", flat=True)[:limit])
        cache.set(full_key, ids, 3600)
    return ids


def _cards(ids: list[int], *, day: datetime.date) -> list:
    """Products with card data (live prices, stock, certificates), in the ids' order."""
    if not ids:
        return []
    products = selectors.with_card_data(selectors.Product.objects.filter(pk__in=ids), day=day).in_bulk()
    return [products[pk] for pk in ids if pk in products]


def newest_listing(*, day: datetime.date, limit: int, province=None) -> list:
    """The newest sellable products (of a province), the cards loaded fresh."""
    products = sellable_products(day=day)
    if province is not None:
        products = products.filter(**selectors.province_filter(province))
    key = f"newest:{day.isoformat()}:{province.pk if province is not None else '-'}"
    return _cards(_newest_ids(products, key=key, limit=limit), day=day)


def five_star_listing(*, day: datetime.date, limit: int, province=None) -> list:
    """The newest sellable products whose valid certificate has five stars (of a provincial
    site's province)."""
    five_stars = selectors.Certificate.objects.valid_on(day).filter(product=OuterRef("pk"), stars=5)
    products = selectors.in_scope(sellable_products(day=day).filter(Exists(five_stars)), province)
    key = f"five-star:{day.isoformat()}:{province.pk if province is not None else '-'}"
    return _cards(_newest_ids(products, key=key, limit=limit), day=day)


def product_card_state(product, *, strategy=None) -> dict:
    """What a headless client needs of a product card: id and live sellable state."""
    if product is None:
        return {"product_id": None, "sellable": False, "reason": NO_LONGER_AVAILABLE}
    strategy = strategy or OcopStrategy()
    info = strategy.fetch_for_product(product)
    verdict = check_sellable(product, stockrecord=info.stockrecord, day=strategy.day)
    return {
        "product_id": product.pk,
        "title": product.get_title(),
        "url": product.get_absolute_url(),
        "sellable": verdict.sellable,
        "reason": verdict.reason,
        "stars": verdict.certificate.stars if verdict.certificate else None,
        "price": int(info.price.incl_tax) if info.price.exists and info.price.is_tax_known else None,
        "currency": "VND",
    }


@dataclass
class ComboLine:
    product: object  # None when the catalogue product was deleted
    quantity: int
    title: str
    unit_price: Decimal | None = None
    problem: str = ""
    purchase_info: object = None

    @property
    def line_price(self) -> Decimal | None:
        return None if self.unit_price is None else self.unit_price * self.quantity


@dataclass
class ComboQuote:
    """A combo priced now through the Strategy: its lines, full price, discount, total."""

    lines: list[ComboLine] = field(default_factory=list)
    full_price: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)

    @property
    def problems(self) -> list[str]:
        return [line.problem for line in self.lines if line.problem]

    @property
    def available(self) -> bool:
        return bool(self.lines) and not self.problems

    @property
    def total(self) -> Decimal:
        return self.full_price - self.discount


def combo_items(page) -> list[tuple[object, int]]:
    """(product, quantity) of a combo, products loaded with live card data."""
    items = list(page.items.all())
    ids = [item.product_id for item in items if item.product_id]
    products = selectors.with_card_data(selectors.Product.objects.filter(pk__in=ids),
                                        day=today_in_vietnam()).in_bulk() if ids else {}
    return [(products.get(item.product_id), item.quantity) for item in items]


def combo_quote(page, *, strategy, basket=None, items=None) -> ComboQuote:
    """Price and check each line through the Strategy; a line names why it cannot be bought
    (not certified, out of stock, deleted). ``basket`` adds what it already holds to the
    stock check; ``items`` (product, quantity) overrides the page's saved items (preview)."""
    quote = ComboQuote()
    for product, quantity in (combo_items(page) if items is None else items):
        if product is None:
            quote.lines.append(ComboLine(None, quantity, _("(sản phẩm đã xoá)"),
                                         problem=_("Một sản phẩm của combo không còn bán.")))
            continue
        title = product.get_title()
        info = strategy.fetch_for_product(product)
        line = ComboLine(product, quantity, title, purchase_info=info)
        if info.price.exists:
            line.unit_price = info.price.incl_tax if info.price.is_tax_known else info.price.excl_tax
            quote.full_price += line.line_price
        wanted = quantity
        if basket is not None and info.stockrecord is not None and basket.id:
            wanted += basket.line_quantity(product, info.stockrecord)
        permitted, reason = info.availability.is_purchase_permitted(wanted)
        if not permitted or not info.price.exists:
            line.problem = _("“%(title)s”: %(reason)s") % {"title": title, "reason": reason or NO_LONGER_AVAILABLE}
        quote.lines.append(line)
    quote.discount = min(combo_discount(quote.full_price, combo_price=page.combo_price,
                                        discount_percent=page.discount_percent), quote.full_price)
    return quote


MIN_ITEMS, MAX_ITEMS = 2, 10


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
