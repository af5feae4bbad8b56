"""The checkout over HTTP, one test per payment method, and what the shopper is refused."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from checkout import statuses
from tests.checkout_support import (
    GUEST_EMAIL,
    add_to_basket,
    address,
    checkout_to_preview,
    intent_event,
    place_order,
    post_webhook,
)
from tests.factories import TourismClassFactory, UserFactory, sellable_product

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def test_cash_on_delivery_guest_checkout_places_an_order_awaiting_payment(
    client, reference_data, django_capture_on_commit_callbacks
):
    # given a product at 150.000 ₫ and a guest with two in the basket
    product = sellable_product(price=Decimal("150000"), num_in_stock=10)
    add_to_basket(client, product, quantity=2)

    # when the guest checks out to Lâm Đồng (central region) and pays on delivery
    checkout_to_preview(client, method="cod")
    with django_capture_on_commit_callbacks(execute=True):
        response = place_order(client)

    # then the order is placed awaiting payment, with the central region's standard rate
    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.status == statuses.AWAITING_PAYMENT
    assert order.guest_email == GUEST_EMAIL
    assert order.total_incl_tax == Decimal("335000")  # 2 × 150.000 + 35.000 shipping
    assert order.shipping_incl_tax == Decimal("35000")
    assert order.sources.get().source_type.code == "cod"
    assert order.shipping_address.state == "Lâm Đồng"
    assert str(order.shipping_address.phone_number) == "+84912345678"
    assert order.shipping_address.country.iso_3166_1_a2 == "VN"
    assert StockRecord.objects.get(product=product).num_allocated == 2
    # and the basket is submitted, the confirmation e-mail sent, the thank-you page shown
    assert order.basket.status == Basket.SUBMITTED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [GUEST_EMAIL]
    assert order.number in mail.outbox[0].subject
    thank_you = client.get(reverse("checkout:thank-you"))
    assert "Thanh toán khi nhận hàng" in thank_you.content.decode()


def test_vietqr_transfer_shows_a_code_for_the_exact_amount_with_the_order_number(client, reference_data):
    # given a basket of 600.000 ₫, above the free-shipping threshold
    product = sellable_product(price=Decimal("300000"))
    add_to_basket(client, product, quantity=2)

    # when the guest pays by VietQR transfer
    checkout_to_preview(client, method="vietqr", province="ha-noi")
    place_order(client)

    # then shipping is free and the thank-you page carries the QR for 600.000 ₫, noted with the order number
    order = Order.objects.get()
    assert order.shipping_incl_tax == Decimal("0")
    assert order.total_incl_tax == Decimal("600000")
    assert order.sources.get().source_type.code == "vietqr"
    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert "<svg" in page
    assert f"<code>{order.number}</code>" in page
    assert "600.000" in page
    status_page = client.get(reverse("checkout:order-status", kwargs={
        "number": order.number, "token": order.verification_hash()}))
    assert status_page.status_code == 200
    assert "<svg" in status_page.content.decode()


def test_card_checkout_places_the_order_first_then_the_webhook_marks_it_paid(
    client, reference_data, stripe_http, django_capture_on_commit_callbacks
):
    # given card payments on and a basket of 150.000 ₫ to Hồ Chí Minh City (south: 30.000 ₫)
    product = sellable_product(price=Decimal("150000"), num_in_stock=3)
    add_to_basket(client, product)
    checkout_to_preview(client, method="card", province="ho-chi-minh")

    # when the shopper places the order
    response = place_order(client)

    # then the order exists, stock is reserved, and one PaymentIntent asks for 180000 VND unmultiplied
    order = Order.objects.get()
    assert order.status == statuses.AWAITING_PAYMENT
    assert StockRecord.objects.get(product=product).num_allocated == 1
    [create] = stripe_http.created_intents()
    assert create.params["amount"] == "180000"
    assert create.params["currency"] == "vnd"
    assert create.params["metadata[order_number]"] == order.number
    assert create.idempotency_key == f"ocop-order-{order.number}-payment-intent"
    source = order.sources.get()
    assert source.reference == "pi_fake_1"
    assert response["Location"] == reverse("checkout:card-payment", kwargs={
        "number": order.number, "token": order.verification_hash()})
    card_page = client.get(response["Location"])
    assert "pi_fake_1_secret_fake" in card_page.content.decode()
    assert 'data-publishable-key="pk_test_ocop"' in card_page.content.decode()
    assert order.basket.status == Basket.FROZEN  # until the money is in

    # when Stripe confirms and sends the signed webhook
    stripe_http.set_status("pi_fake_1", "succeeded")
    with django_capture_on_commit_callbacks(execute=True):
        hook = post_webhook(client, intent_event(
            event_id="evt_ok", event_type="payment_intent.succeeded", intent_id="pi_fake_1",
            amount=180000, order_number=order.number))

    # then the order is paid, the basket submitted and the confirmation sent
    assert hook.status_code == 200
    order.refresh_from_db()
    assert order.status == statuses.PAID
    assert order.sources.get().amount_debited == Decimal("180000")
    assert order.basket.status == Basket.SUBMITTED
    assert len(mail.outbox) == 1
    # and the return page leads to the thank-you page
    back = client.get(reverse("checkout:stripe-return") + "?payment_intent=pi_fake_1")
    assert back["Location"] == reverse("checkout:thank-you")
    assert "Đã thanh toán" in client.get(reverse("checkout:thank-you")).content.decode()


def test_a_failed_card_payment_is_shown_and_cancelling_gives_the_basket_and_stock_back(
    client, reference_data, stripe_http
):
    product = sellable_product(price=Decimal("150000"), num_in_stock=3)
    add_to_basket(client, product, quantity=2)
    checkout_to_preview(client, method="card")
    card_path = place_order(client)["Location"]
    order = Order.objects.get()

    # when the card is declined, the shopper comes back from Stripe
    stripe_http.set_status("pi_fake_1", "requires_payment_method", error="Thẻ của bạn bị từ chối.")
    back = client.get(reverse("checkout:stripe-return"), follow=True)

    # then the reason is shown on the card page, the order still waits for payment
    assert back.redirect_chain[-1][0] == card_path
    assert "Thẻ của bạn bị từ chối." in back.content.decode()

    # when the shopper cancels
    response = client.post(card_path, {"action": "cancel"})

    # then the intent is cancelled, the order too, the stock released and the basket intact
    assert response["Location"] == reverse("basket:summary")
    assert stripe_http.intents["pi_fake_1"]["status"] == "canceled"
    order.refresh_from_db()
    assert order.status == statuses.CANCELLED
    assert StockRecord.objects.get(product=product).num_allocated == 0
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert [(line.product_id, line.quantity) for line in basket.all_lines()] == [(product.pk, 2)]


def test_the_gateway_being_down_cancels_the_placement_and_keeps_the_basket(client, reference_data, stripe_http):
    product = sellable_product(num_in_stock=3)
    add_to_basket(client, product)
    checkout_to_preview(client, method="card")
    stripe_http.fail_next_create = True

    response = place_order(client)

    assert response.status_code == 200
    assert "bạn chưa bị trừ tiền" in response.content.decode()
    assert Order.objects.get().status == statuses.CANCELLED
    assert StockRecord.objects.get(product=product).num_allocated == 0
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 1


def test_tourism_vouchers_need_no_shipping_address_and_no_shipping_charge(client, reference_data):
    voucher = sellable_product(price=Decimal("450000"), product_class=TourismClassFactory())
    add_to_basket(client, voucher)

    checkout_to_preview(client, method="vietqr", shipping=False)
    place_order(client)

    order = Order.objects.get()
    assert order.shipping_address is None
    assert order.shipping_incl_tax == Decimal("0")
    assert order.total_incl_tax == Decimal("450000")


def test_cash_on_delivery_is_not_offered_for_vouchers_only(client, reference_data):
    add_to_basket(client, sellable_product(product_class=TourismClassFactory()))
    client.post(reverse("checkout:index"), {"username": GUEST_EMAIL, "options": "anonymous"})
    client.get(reverse("checkout:shipping-method"))

    response = client.post(reverse("checkout:payment-method"), {"payment_method": "cod"})

    assert response.status_code == 200
    assert "Đơn chỉ có voucher du lịch không được giao hàng." in response.context["form"].errors["payment_method"]


def test_tampered_price_quantity_and_product_in_the_form_are_ignored(client, reference_data):
    product = sellable_product(price=Decimal("150000"))
    other = sellable_product(price=Decimal("1000"))
    add_to_basket(client, product)
    checkout_to_preview(client, method="cod")

    place_order(client, price="1", total="1", order_total="1", quantity="50", product_id=str(other.pk),
                basket_total="1", shipping_charge="0")

    order = Order.objects.get()
    assert [(line.product_id, line.quantity, line.line_price_incl_tax) for line in order.lines.all()] == [
        (product.pk, 1, Decimal("150000"))
    ]
    assert order.total_incl_tax == Decimal("185000")


def test_card_is_not_offered_without_both_stripe_keys(client, reference_data, settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    add_to_basket(client, sellable_product())
    client.post(reverse("checkout:index"), {"username": GUEST_EMAIL, "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), address())
    client.post(reverse("checkout:shipping-method"), {"method_code": "giao-tieu-chuan"})

    page = client.get(reverse("checkout:payment-method"))
    refused = client.post(reverse("checkout:payment-method"), {"payment_method": "card"})

    assert [o.method for o in page.context["payment_options"]] == ["cod", "vietqr"]
    assert "Stripe" not in page.content.decode()
    assert refused.context["form"].errors["payment_method"] == ["Phương thức thanh toán không hợp lệ."]


def test_card_is_refused_above_99_999_999_dong_with_the_reason_and_other_methods_offered(
    client, reference_data, stripe_http
):
    add_to_basket(client, sellable_product(price=Decimal("50000000"), num_in_stock=5), quantity=2)
    client.post(reverse("checkout:index"), {"username": GUEST_EMAIL, "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), address())
    client.post(reverse("checkout:shipping-method"), {"method_code": "giao-tieu-chuan"})

    page = client.get(reverse("checkout:payment-method"))

    options = {o.method: o for o in page.context["payment_options"]}
    assert options["card"].available is False
    assert "99.999.999 ₫" in options["card"].reason
    assert options["cod"].available and options["vietqr"].available
    assert client.post(reverse("checkout:payment-method"), {"payment_method": "card"}).status_code == 200


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("phone_number", "12345", "Số điện thoại không hợp lệ"),
        ("phone_number", "+1 202 555 0123", "Số điện thoại không hợp lệ"),
        ("province", "binh-thuan", "Chọn một trong 34 tỉnh/thành phố hiện hành."),
        ("line1", "", "Vui lòng nhập số nhà, tên đường."),
        ("first_name", "", "Vui lòng nhập họ tên người nhận."),
    ],
    ids=["short-phone", "foreign-phone", "former-province", "no-street", "no-name"],
)
def test_invalid_addresses_get_vietnamese_errors(client, reference_data, field, value, message):
    add_to_basket(client, sellable_product())
    client.post(reverse("checkout:index"), {"username": GUEST_EMAIL, "options": "anonymous"})

    response = client.post(reverse("checkout:shipping-address"), address(**{field: value}))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])


def test_a_ward_of_another_province_is_refused(client, reference_data):
    add_to_basket(client, sellable_product())
    client.post(reverse("checkout:index"), {"username": GUEST_EMAIL, "options": "anonymous"})
    hanoi_ward = address("ha-noi")["ward"]

    response = client.post(reverse("checkout:shipping-address"), address("lam-dong", ward=hanoi_ward))

    assert response.context["form"].errors["ward"] == ["Xã/phường này không thuộc Lâm Đồng."]


@pytest.mark.parametrize("quantity", [0, -1, 21], ids=["zero", "negative", "over-stock"])
def test_quantities_of_zero_or_less_or_over_stock_are_refused(client, reference_data, quantity):
    product = sellable_product(num_in_stock=20)

    response = add_to_basket(client, product, quantity=quantity)

    assert response.status_code == 302
    refused = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(refused) == 1
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 0


def test_the_second_buyer_of_the_last_unit_is_sent_back_to_the_basket_with_the_reason(client, reference_data):
    # given two shoppers with the last unit in their baskets
    from django.test import Client

    product = sellable_product(num_in_stock=1)
    rival = Client()
    for shopper in (client, rival):
        add_to_basket(shopper, product)
        checkout_to_preview(shopper, method="cod")

    # when the rival places first
    place_order(rival)
    response = place_order(client, follow=True)

    # then the second shopper sees why, keeps the basket, and nothing was allocated twice
    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    assert "Sản phẩm đã hết hàng." in response.content.decode()
    assert Order.objects.count() == 1
    assert StockRecord.objects.get(product=product).num_allocated == 1
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 1


def test_a_failing_email_never_hides_a_placed_order(client, reference_data, settings,
                                                    django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.checkout_support.BrokenMailServer"
    add_to_basket(client, sellable_product())
    checkout_to_preview(client, method="cod")

    with django_capture_on_commit_callbacks(execute=True):
        response = place_order(client)

    assert response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.basket.status == Basket.SUBMITTED
    assert client.get(reverse("checkout:thank-you")).context["order"] == order


def test_the_guest_status_page_needs_the_signed_link(client, reference_data):
    add_to_basket(client, sellable_product())
    checkout_to_preview(client, method="cod")
    place_order(client)
    order = Order.objects.get()

    good = client.get(reverse("checkout:order-status", kwargs={"number": order.number, "token": order.verification_hash()}))
    forged = client.get(reverse("checkout:order-status", kwargs={"number": order.number, "token": f"{order.number}:forged"}))

    assert good.status_code == 200
    assert "Chờ thanh toán" in good.content.decode()
    assert statuses.AWAITING_PAYMENT not in good.content.decode()  # the code stays in the database
    assert forged.status_code == 404


def test_a_signed_in_shopper_sees_the_order_in_the_history(client, reference_data):
    user = UserFactory()
    client.force_login(user)
    add_to_basket(client, sellable_product())
    checkout_to_preview(client, method="cod")
    place_order(client)

    history = client.get(reverse("customer:order-list"))

    order = Order.objects.get()
    assert order.user == user
    assert list(history.context["orders"]) == [order]
    assert client.get(reverse("customer:order", kwargs={"order_number": order.number})).status_code == 200
