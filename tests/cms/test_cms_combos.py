"""Gift combos: the Oscar offer kept in step by publishing, one-step add to basket with the
discount, live availability naming the item, and the discount held through placement."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.rules import today_in_vietnam
from cms.models import GiftComboPage
from cms.selectors import check_combo_publishable
from cms.services import ComboNotPublishable
from partner.strategy import OcopStrategy
from tests.checkout_support import checkout_to_preview, place_order
from tests.cms_support import combo, page_tree
from tests.factories import sellable_product

Basket = get_model("basket", "Basket")
Certificate = get_model("catalogue", "Certificate")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(reference_data):
    return page_tree()


@pytest.fixture
def fish_sauce():
    return sellable_product(title="Nước mắm nhĩ Phan Thiết", price=Decimal("120000"), num_in_stock=10)


@pytest.fixture
def squid():
    return sellable_product(title="Mực một nắng", price=Decimal("450000"), num_in_stock=10)


def _basket(client):
    return client.get(reverse("basket:summary")).context["basket"]


def test_publishing_a_combo_creates_its_offer_range_and_condition(tree, fish_sauce, squid):
    page = combo(tree, (fish_sauce, 2), (squid, 1), combo_price=Decimal("600000"))

    offer = page.offer
    assert offer.status == ConditionalOffer.OPEN
    assert offer.offer_type == ConditionalOffer.SITE
    assert set(offer.condition.range.included_products.values_list("pk", flat=True)) == {fish_sauce.pk, squid.pk}
    assert offer.condition.proxy_class == "cms.offers.GiftComboCondition"
    assert (offer.benefit.proxy_class, offer.benefit.value) == ("cms.offers.GiftComboPriceBenefit", Decimal("600000"))


def test_republishing_keeps_the_same_offer_in_step_and_unpublishing_suspends_it(tree, fish_sauce, squid):
    page = combo(tree, (fish_sauce, 2), (squid, 1), discount_percent=10)
    offer_id = page.offer_id
    page.discount_percent = 15
    page.save_revision().publish()

    offer = ConditionalOffer.objects.get(pk=offer_id)
    assert (offer.benefit.proxy_class, offer.benefit.value) == ("cms.offers.GiftComboPercentBenefit", Decimal("15"))
    assert ConditionalOffer.objects.count() == 1

    GiftComboPage.objects.get(pk=page.pk).unpublish()
    assert ConditionalOffer.objects.get(pk=offer_id).status == ConditionalOffer.SUSPENDED


def test_adding_a_combo_puts_every_line_in_the_basket_with_the_discounted_total(client, tree, fish_sauce, squid):
    # full price 2 × 120.000 + 450.000 = 690.000; combo price 600.000
    page = combo(tree, (fish_sauce, 2), (squid, 1), combo_price=Decimal("600000"))

    response = client.post(reverse("cms_combo_add", kwargs={"page_id": page.pk}))

    assert response.status_code == 302
    basket = _basket(client)
    assert {(line.product_id, line.quantity) for line in basket.all_lines()} == {(fish_sauce.pk, 2), (squid.pk, 1)}
    assert basket.total_excl_tax_excl_discounts == Decimal("690000")
    assert basket.total_incl_tax == Decimal("600000")
    summary = client.get(reverse("basket:summary")).content.decode()
    assert page.title in summary  # the offer's name is shown with its discount


def test_a_percentage_combo_takes_whole_dong_off(client, tree, fish_sauce, squid):
    page = combo(tree, (fish_sauce, 1), (squid, 1), discount_percent=7)  # 7% of 570.000 = 39.900

    client.post(reverse("cms_combo_add", kwargs={"page_id": page.pk}))

    assert _basket(client).total_incl_tax == Decimal("530100")


def test_removing_an_item_of_the_combo_drops_the_discount(client, tree, fish_sauce, squid):
    page = combo(tree, (fish_sauce, 2), (squid, 1), combo_price=Decimal("600000"))
    client.post(reverse("cms_combo_add", kwargs={"page_id": page.pk}))
    basket = Basket.objects.get()

    basket.lines.filter(product=squid).delete()

    assert _basket(client).total_incl_tax == Decimal("240000")


def test_the_placed_order_total_equals_the_discounted_basket(client, tree, fish_sauce, squid):
    page = combo(tree, (fish_sauce, 2), (squid, 1), combo_price=Decimal("600000"))
    client.post(reverse("cms_combo_add", kwargs={"page_id": page.pk}))
    basket_total = _basket(client).total_incl_tax
    preview = checkout_to_preview(client, method="cod")
    shipping = preview.context["shipping_charge"].incl_tax

    place_order(client)

    order = Order.objects.get()
    assert basket_total == Decimal("600000")
    assert order.basket_total_incl_tax == basket_total
    assert order.total_incl_tax == basket_total + shipping
    assert order.total_discount_incl_tax == Decimal("90000")
    assert order.discounts.get().offer_id == page.offer_id


def test_a_combo_follows_a_certificate_expiry_live_naming_the_item(client, tree, fish_sauce, squid):
    page = combo(tree, (fish_sauce, 2), (squid, 1), combo_price=Decimal("600000"))
    assert "Thêm cả combo vào giỏ" in client.get(page.url).content.decode()

    Certificate.objects.filter(product=squid).update(expires_on=today_in_vietnam() - datetime.timedelta(days=1))

    html = client.get(page.url).content.decode()
    assert "Thêm cả combo vào giỏ" not in html
    assert "“Mực một nắng”: Sản phẩm chưa có chứng nhận OCOP còn hiệu lực" in html
    response = client.post(reverse("cms_combo_add", kwargs={"page_id": page.pk}), follow=True)
    assert "Mực một nắng" in response.content.decode()
    assert not Basket.objects.filter(lines__isnull=False).exists()


def test_a_combo_short_of_stock_is_unavailable_naming_the_item(client, tree, squid):
    scarce = sellable_product(title="Thanh long sấy dẻo", price=Decimal("60000"), num_in_stock=2)
    page = combo(tree, (scarce, 2), (squid, 1))
    client.post(reverse("cms_combo_add", kwargs={"page_id": page.pk}))  # takes the last 2 into the basket

    response = client.post(reverse("cms_combo_add", kwargs={"page_id": page.pk}), follow=True)

    assert "Thanh long sấy dẻo" in response.content.decode()
    assert {line.quantity for line in Basket.objects.get().all_lines()} == {2, 1}  # nothing added twice


def test_a_deleted_product_leaves_the_combo_page_working_and_unavailable(client, tree, fish_sauce, squid):
    page = combo(tree, (fish_sauce, 1), (squid, 1))
    squid.stockrecords.all().delete()
    squid.certificates.all().delete()
    squid.delete()

    response = client.get(page.url)

    assert response.status_code == 200
    assert "Một sản phẩm của combo không còn bán." in response.content.decode()


@pytest.mark.parametrize("lines, fields, expected", [
    pytest.param(lambda a, b: [(a, 1)], {}, "Combo cần từ 2 đến 10 sản phẩm", id="one-item"),
    pytest.param(lambda a, b: [(a, 1), (a, 2)], {}, "“Nước mắm nhĩ Phan Thiết” có mặt hai lần", id="duplicate"),
    pytest.param(lambda a, b: [(a, 0), (b, 1)], {}, "Số lượng của “Nước mắm nhĩ Phan Thiết” phải lớn hơn 0",
                 id="zero-quantity"),
    pytest.param(lambda a, b: [(a, 1), (b, 1)], {"combo_price": Decimal("570000")},
                 "Giá combo phải lớn hơn 0 và nhỏ hơn tổng giá lẻ 570.000 ₫", id="no-discount"),
    pytest.param(lambda a, b: [(a, 1), (b, 1)], {"combo_price": Decimal("0")},
                 "Giá combo phải lớn hơn 0", id="discount-equals-full-price"),
])
def test_a_combo_that_breaks_a_rule_is_refused_naming_why(tree, fish_sauce, squid, lines, fields, expected):
    page = GiftComboPage(title="Combo", occasion="tet", **({"discount_percent": 10} | fields))
    if "combo_price" in fields:
        page.discount_percent = None

    problems = check_combo_publishable(page, items=lines(fish_sauce, squid), strategy=OcopStrategy())

    assert any(expected in p for p in problems), problems


def test_a_combo_with_an_unsellable_item_refuses_to_publish_naming_it(tree, fish_sauce, squid):
    Certificate.objects.filter(product=squid).update(status=Certificate.Status.REVOKED, revoked_reason="Vi phạm")

    with pytest.raises(ComboNotPublishable, match="“Mực một nắng”: Sản phẩm chưa có chứng nhận"):
        combo(tree, (fish_sauce, 1), (squid, 1))
    assert not GiftComboPage.objects.live().exists()
    assert not ConditionalOffer.objects.exists()
