"""The whole checkout through the storefront's own documents, ending in an Oscar order
placed by the web's placement code."""

import base64
import datetime
import json
import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from oscar.core.loading import get_model

from checkout import statuses
from tests.checkout_support import GUEST_EMAIL, add_to_basket, checkout_to_preview, place_order
from tests.factories import sellable_product
from tests.graphql_support import gql, operation_source

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Ward = get_model("catalogue", "Ward")

LANG = "VI"


def _cart(client, operation, variables):
    response, body = gql(client, operation_source("src-graphql"), variables, operation_name=operation)
    assert "errors" not in body, body
    return body["data"]


def _co(client, operation, variables):
    response, body = gql(client, operation_source("src-checkout-graphql"), variables, operation_name=operation)
    assert "errors" not in body, body
    return body["data"]


def _variant_id(product) -> str:
    return base64.b64encode(f"ProductVariant:{product.pk}".encode()).decode()


def _address(province="lam-dong"):
    ward = Ward.objects.filter(province__slug=province).order_by("code").first()
    return {"firstName": "Nguyễn Thị", "lastName": "Hoa", "streetAddress1": "12 Đường Trần Phú",
            "city": ward.name, "countryArea": ward.province.name, "country": "VN", "phone": "0912 345 678"}


def _checkout_with(client, product, quantity=1) -> str:
    checkout_id = _cart(client, "CheckoutCreate", {"channel": "default-channel"})["checkoutCreate"]["checkout"]["id"]
    for _ in range(quantity):
        added = _cart(client, "CheckoutAddLine", {"id": checkout_id, "productVariantId": _variant_id(product)})
        assert added["checkoutLinesAdd"]["errors"] == []
    return checkout_id


def _ready_to_complete(client, checkout_id, gateway="ocop.cod"):
    data = _co(client, "checkoutEmailUpdate", {"checkoutId": checkout_id, "email": GUEST_EMAIL, "languageCode": LANG})
    assert data["checkoutEmailUpdate"]["errors"] == []
    data = _co(client, "checkoutShippingAddressUpdate", {"checkoutId": checkout_id, "shippingAddress": _address(),
                                                         "languageCode": LANG})
    assert data["checkoutShippingAddressUpdate"]["errors"] == []
    checkout = data["checkoutShippingAddressUpdate"]["checkout"]
    standard = next(m for m in checkout["shippingMethods"] if m["name"].startswith("Giao hàng tiêu chuẩn"))
    data = _co(client, "checkoutDeliveryMethodUpdate", {"checkoutId": checkout_id, "deliveryMethodId": standard["id"],
                                                        "languageCode": LANG})
    assert data["checkoutDeliveryMethodUpdate"]["errors"] == []
    gateways = [g["id"] for g in data["checkoutDeliveryMethodUpdate"]["checkout"]["availablePaymentGateways"]]
    assert gateway in gateways
    data = _co(client, "paymentGatewaysInitialize", {"checkoutId": checkout_id, "paymentGateways": [{"id": gateway}]})
    assert data["paymentGatewayInitialize"]["gatewayConfigs"][0]["errors"] == []
    data = _co(client, "transactionInitialize", {"checkoutId": checkout_id, "paymentGateway": {"id": gateway}})
    assert data["transactionInitialize"]["transaction"]["id"]
    return data["checkoutDeliveryMethodUpdate"]["checkout"] if False else _co(
        client, "checkout", {"id": checkout_id, "languageCode": LANG})["checkout"]


@pytest.mark.django_db
def test_whole_flow_places_an_oscar_order_with_the_web_checkouts_total(client, reference_data):
    product = sellable_product(price=Decimal("95000"), num_in_stock=10)
    checkout_id = _checkout_with(client, product, quantity=2)
    checkout = _ready_to_complete(client, checkout_id)
    assert checkout["lines"][0]["quantity"] == 2
    assert checkout["subtotalPrice"]["gross"]["amount"] == 190000.0
    completed = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]
    assert completed["errors"] == []
    order = Order.objects.get(number=base64.b64decode(completed["order"]["id"]).decode().split(":")[1])
    assert order.email == GUEST_EMAIL
    assert order.sources.get().source_type.code == "cod"
    assert order.shipping_address.state == "Lâm Đồng"
    assert StockRecord.objects.get(product=product).num_allocated == 2

    web = Client()
    add_to_basket(web, product, quantity=2)
    checkout_to_preview(web, method="cod")
    place_order(web)
    web_order = Order.objects.exclude(pk=order.pk).get()
    assert order.total_incl_tax == web_order.total_incl_tax
    assert order.shipping_incl_tax == web_order.shipping_incl_tax

    again = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]
    assert again == completed  # idempotent: the same order, nothing allocated again
    assert StockRecord.objects.get(product=product).num_allocated == 4


@pytest.mark.django_db
def test_an_unsellable_product_cannot_be_added(client, reference_data):
    product = sellable_product()
    product.certificates.update(issued_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2023, 1, 1))
    checkout_id = _cart(client, "CheckoutCreate", {"channel": "default-channel"})["checkoutCreate"]["checkout"]["id"]
    _, body = gql(client, """mutation($id: ID!, $v: ID!) { checkoutLinesAdd(id: $id, lines: [{quantity: 1,
        variantId: $v}]) { checkout { lines { id } } errors { field code message } } }""",
                  {"id": checkout_id, "v": _variant_id(product)})
    errors = body["data"]["checkoutLinesAdd"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("lines", "PRODUCT_UNAVAILABLE_FOR_PURCHASE")]
    assert body["data"]["checkoutLinesAdd"]["checkout"] is None


@pytest.mark.django_db
def test_more_than_the_stock_is_insufficient_stock(client, reference_data):
    product = sellable_product(num_in_stock=1)
    checkout_id = _checkout_with(client, product)
    _, body = gql(client, """mutation($id: ID!, $v: ID!) { checkoutLinesAdd(id: $id, lines: [{quantity: 1,
        variantId: $v}]) { errors { field code } } }""", {"id": checkout_id, "v": _variant_id(product)})
    assert body["data"]["checkoutLinesAdd"]["errors"] == [{"field": "quantity", "code": "INSUFFICIENT_STOCK"}]


@pytest.mark.django_db
def test_a_certificate_expiring_after_add_stops_completion_and_makes_no_order(client, reference_data):
    product = sellable_product()
    checkout_id = _checkout_with(client, product)
    _ready_to_complete(client, checkout_id)
    product.certificates.update(issued_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2023, 1, 1))
    completed = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]
    assert completed["order"] is None
    assert [(e["code"], e["field"]) for e in completed["errors"]] == [("INSUFFICIENT_STOCK", "lines")]
    assert "chứng nhận" in completed["errors"][0]["message"]
    assert Order.objects.count() == 0


@pytest.mark.django_db
def test_stock_lost_to_another_buyer_gives_an_error_and_no_order(client, reference_data):
    product = sellable_product(num_in_stock=2)
    checkout_id = _checkout_with(client, product, quantity=2)
    _ready_to_complete(client, checkout_id)
    StockRecord.objects.filter(product=product).update(num_allocated=1)  # someone bought one meanwhile
    completed = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]
    assert completed["order"] is None
    assert completed["errors"][0]["code"] == "INSUFFICIENT_STOCK"
    assert Order.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("field,value,code", [
    ("countryArea", "Bình Thuận", "INVALID"),  # a former province is not one of the 34
    ("phone", "12345", "INVALID"),
    ("streetAddress1", "", "REQUIRED"),
], ids=["former-province", "bad-phone", "no-street"])
def test_shipping_address_is_validated_as_on_the_web(client, reference_data, field, value, code):
    product = sellable_product()
    checkout_id = _checkout_with(client, product)
    address = {**_address(), field: value}
    data = _co(client, "checkoutShippingAddressUpdate", {"checkoutId": checkout_id, "shippingAddress": address,
                                                         "languageCode": LANG})
    errors = data["checkoutShippingAddressUpdate"]["errors"]
    assert (field, code) in [(e["field"], e["code"]) for e in errors]


@pytest.mark.django_db
def test_completion_needs_email_address_method_and_payment(client, reference_data):
    product = sellable_product()
    checkout_id = _checkout_with(client, product)
    completed = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]
    assert completed["errors"][0]["code"] == "EMAIL_NOT_SET"


@pytest.mark.django_db
def test_dummy_gateway_only_when_enabled(client, reference_data, settings):
    product = sellable_product()
    checkout_id = _checkout_with(client, product)
    settings.GRAPHQL_DUMMY_GATEWAY = False
    checkout = _co(client, "checkout", {"id": checkout_id, "languageCode": LANG})["checkout"]
    assert "saleor.io.dummy-payment-app" not in [g["id"] for g in checkout["availablePaymentGateways"]]
    settings.GRAPHQL_DUMMY_GATEWAY = True
    _ready_to_complete(client, checkout_id, gateway="saleor.io.dummy-payment-app")
    completed = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]
    order = Order.objects.get()
    assert completed["errors"] == [] and order.status == "paid"


@pytest.mark.django_db
def test_a_guessed_checkout_id_finds_nothing(client, reference_data):
    import uuid

    guessed = base64.b64encode(f"Checkout:{uuid.uuid4()}".encode()).decode()
    assert _co(client, "checkout", {"id": guessed, "languageCode": LANG}) == {"checkout": None}
    _, body = gql(client, 'mutation($id: ID!) { checkoutComplete(id: $id) { order { id } errors { code } } }',
                  {"id": guessed})
    assert body["data"]["checkoutComplete"]["errors"] == [{"code": "NOT_FOUND"}]


@pytest.mark.django_db(transaction=True)
def test_thirty_concurrent_completions_for_five_units_place_exactly_five_orders(postgres_only, reference_data,
                                                                               settings):
    settings.OCOP_PLACEMENTS_PER_CLIENT_PER_HOUR = 1000  # thirty shoppers, one test client address
    product = sellable_product(num_in_stock=5)
    client = Client()
    ids = []
    for _ in range(30):
        checkout_id = _checkout_with(client, product)
        _ready_to_complete(client, checkout_id)
        ids.append(checkout_id)
    results = complete_all_at_once(ids)
    placed = [r for r in results if r["data"]["checkoutComplete"]["order"]]
    refused = [r for r in results if r["data"]["checkoutComplete"]["errors"]]
    assert len(placed) == 5 and len(refused) == 25
    assert {r["data"]["checkoutComplete"]["errors"][0]["code"] for r in refused} == {"INSUFFICIENT_STOCK"}
    assert Order.objects.count() == 5
    assert StockRecord.objects.get(product=product).num_allocated == 5


@pytest.mark.django_db
def test_the_webs_placement_limit_per_client_holds_through_the_api(client, reference_data, settings):
    settings.OCOP_PLACEMENTS_PER_CLIENT_PER_HOUR = 1
    product = sellable_product()
    first, second = _checkout_with(client, product), _checkout_with(client, product)
    _ready_to_complete(client, first)
    _ready_to_complete(client, second)
    assert _co(client, "checkoutComplete", {"checkoutId": first})["checkoutComplete"]["errors"] == []
    refused = _co(client, "checkoutComplete", {"checkoutId": second})["checkoutComplete"]
    assert refused["order"] is None and refused["errors"][0]["code"] == "INVALID"
    assert Order.objects.count() == 1


# ---- Stripe through transactionInitialize / transactionProcess (the web's intent and webhook code) --

STRIPE = "saleor.app.payment.stripe"


def _gateway_ids(client, checkout_id):
    checkout = _co(client, "checkout", {"id": checkout_id, "languageCode": LANG})["checkout"]
    return [g["id"] for g in checkout["availablePaymentGateways"]]


def _order_id(order):
    from graphql_api.checkout.schema import order_global_id

    return order_global_id(order)


def _stripe_initialize(client, checkout_id):
    return _co(client, "transactionInitialize", {"checkoutId": checkout_id, "paymentGateway": {
        "id": STRIPE, "data": {"paymentIntent": {"paymentMethod": "card"}}}})["transactionInitialize"]


@pytest.mark.django_db
def test_stripe_is_offered_only_when_its_keys_are_configured(client, reference_data, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    checkout_id = _checkout_with(client, sellable_product(num_in_stock=5))
    assert STRIPE not in _gateway_ids(client, checkout_id)
    refused = _stripe_initialize(client, checkout_id)
    assert refused["errors"][0]["code"] == "NOT_FOUND" and not Order.objects.exists()


@pytest.mark.django_db
def test_stripe_flow_places_the_order_and_the_signed_webhook_pays_it(client, reference_data, stripe_http):
    from tests.checkout_support import intent_event, post_webhook

    product = sellable_product(price=Decimal("150000"), num_in_stock=5)
    checkout_id = _checkout_with(client, product)
    _ready_to_complete(client, checkout_id, gateway="ocop.cod")  # COD chosen first, Stripe below
    configs = _co(client, "paymentGatewaysInitialize", {"checkoutId": checkout_id, "paymentGateways": [
        {"id": STRIPE}]})["paymentGatewayInitialize"]["gatewayConfigs"]
    assert configs[0]["data"]["stripePublishableKey"] == "pk_test_ocop"

    started = _stripe_initialize(client, checkout_id)

    assert started["errors"] == []
    assert started["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    order = Order.objects.get()
    intent = stripe_http.intents["pi_fake_1"]
    assert started["data"] == {"paymentIntent": {"stripeClientSecret": "pi_fake_1_secret_fake"}}
    assert (order.status, order.total_incl_tax) == (statuses.AWAITING_PAYMENT, Decimal("185000"))
    assert intent["amount"] == 185000 and intent["metadata"]["order_number"] == order.number
    assert order.sources.get().reference == "pi_fake_1"
    # a repeat answers the same intent for the same order; the cart is closed meanwhile
    assert _stripe_initialize(client, checkout_id)["data"] == started["data"]
    assert Order.objects.count() == 1 and len(stripe_http.created_intents()) == 2
    assert len({r.idempotency_key for r in stripe_http.created_intents()}) == 1
    changed = _cart(client, "CheckoutAddLine", {"id": checkout_id, "productVariantId": _variant_id(product)})
    assert changed["checkoutLinesAdd"]["errors"][0]["message"] == "The checkout's order is waiting for its card payment."

    completed = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]
    assert completed["errors"] == [] and completed["order"]["id"] == _order_id(order)

    stripe_http.set_status("pi_fake_1", "succeeded")
    processed = _co(client, "transactionProcess", {"id": started["transaction"]["id"]})["transactionProcess"]
    assert processed["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    order.refresh_from_db()
    assert order.status == statuses.AWAITING_PAYMENT  # only the verified webhook pays
    assert post_webhook(client, intent_event(event_id="evt_1", event_type="payment_intent.succeeded",
                                             intent_id="pi_fake_1", amount=185000,
                                             order_number=order.number), signature="t=1,v1=forged").status_code == 400
    response = post_webhook(client, intent_event(event_id="evt_1", event_type="payment_intent.succeeded",
                                                 intent_id="pi_fake_1", amount=185000, order_number=order.number))
    assert response.status_code == 200
    again = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]
    assert again["order"]["id"] == completed["order"]["id"]
    order.refresh_from_db()
    assert order.status == statuses.PAID
    assert StockRecord.objects.get(product=product).num_allocated == 1


@pytest.mark.django_db
def test_stripe_failing_to_create_the_intent_cancels_the_order_and_reopens_the_cart(client, reference_data,
                                                                                     stripe_http):
    product = sellable_product(num_in_stock=5)
    checkout_id = _checkout_with(client, product)
    _ready_to_complete(client, checkout_id, gateway="ocop.cod")
    stripe_http.fail_next_create = True

    failed = _stripe_initialize(client, checkout_id)

    assert failed["errors"][0]["code"] == "INVALID" and failed["data"] is None
    assert Order.objects.get().status == statuses.CANCELLED
    assert StockRecord.objects.get(product=product).num_allocated == 0
    added = _cart(client, "CheckoutAddLine", {"id": checkout_id, "productVariantId": _variant_id(product)})
    assert added["checkoutLinesAdd"]["errors"] == []
    refused = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]
    assert refused["errors"][0]["code"] == "CHECKOUT_NOT_FULLY_PAID"
    assert _stripe_initialize(client, checkout_id)["errors"] == []  # a second attempt, a new order
    assert Order.objects.exclude(status=statuses.CANCELLED).count() == 1


@pytest.mark.django_db
def test_a_card_order_cancelled_by_the_abandoned_payment_job_reopens_the_cart(client, reference_data, stripe_http):
    from checkout.services import cancel_abandoned_card_orders

    product = sellable_product(num_in_stock=5)
    checkout_id = _checkout_with(client, product)
    _ready_to_complete(client, checkout_id, gateway="ocop.cod")
    assert _stripe_initialize(client, checkout_id)["errors"] == []

    assert len(cancel_abandoned_card_orders(older_than=datetime.timedelta(0))) == 1

    added = _cart(client, "CheckoutAddLine", {"id": checkout_id, "productVariantId": _variant_id(product)})
    assert added["checkoutLinesAdd"]["errors"] == []
    again = _stripe_initialize(client, checkout_id)
    assert again["errors"] == [] and again["data"]["paymentIntent"]["stripeClientSecret"] == "pi_fake_2_secret_fake"
    assert Order.objects.exclude(status=statuses.CANCELLED).get().lines.get().quantity == 2


@pytest.mark.django_db
def test_transaction_process_of_an_unknown_transaction_is_not_found(client, reference_data, stripe_http):
    unknown = base64.b64encode(b"TransactionItem:00000000-0000-4000-8000-000000000000").decode()
    processed = _co(client, "transactionProcess", {"id": unknown})["transactionProcess"]
    assert processed["errors"][0]["code"] == "NOT_FOUND"


# ---- Promo codes: Oscar vouchers under the web basket's rules ---------------------------

def _voucher(code="GIAM10", percent=10, **dates):
    from django.utils import timezone
    from oscar.test.factories import (
        BenefitFactory,
        ConditionalOfferFactory,
        ConditionFactory,
        RangeFactory,
        VoucherFactory,
    )

    product_range = RangeFactory(includes_all_products=True)
    offer = ConditionalOfferFactory(
        offer_type="Voucher", condition=ConditionFactory(range=product_range, type="Count", value=1),
        benefit=BenefitFactory(range=product_range, type="Percentage", value=percent))
    now = timezone.now()
    voucher = VoucherFactory(code=code, name=f"Giảm {percent}% ({code})", start_datetime=dates.get(
        "start", now - datetime.timedelta(days=1)), end_datetime=dates.get("end", now + datetime.timedelta(days=7)))
    voucher.offers.add(offer)
    return voucher


def _promo(client, checkout_id, code):
    return _co(client, "checkoutAddPromoCode", {"checkoutId": checkout_id, "promoCode": code,
                                                "languageCode": LANG})["checkoutAddPromoCode"]


@pytest.mark.django_db
def test_a_promo_code_discounts_the_checkout_and_the_order(client, reference_data):
    from django.utils import timezone

    _voucher()
    _voucher("HETHAN", end=timezone.now() - datetime.timedelta(days=1))
    product = sellable_product(price=Decimal("100000"), num_in_stock=5)
    checkout_id = _checkout_with(client, product)

    assert _promo(client, checkout_id, "KHONGCO")["errors"][0]["code"] == "INVALID"
    assert _promo(client, checkout_id, "HETHAN")["errors"][0]["code"] == "INVALID"
    added = _promo(client, checkout_id, "giam10")

    assert added["errors"] == []
    checkout = added["checkout"]
    assert (checkout["voucherCode"], checkout["discount"]["amount"]) == ("GIAM10", 10000.0)
    assert checkout["subtotalPrice"]["gross"]["amount"] == 90000.0
    _ready_to_complete(client, checkout_id)
    completed = _co(client, "checkoutComplete", {"checkoutId": checkout_id})["checkoutComplete"]
    assert completed["errors"] == []
    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("90000") + order.shipping_incl_tax
    assert order.voucherapplication_set.get().voucher.code == "GIAM10"


@pytest.mark.django_db
def test_a_promo_code_can_be_removed(client, reference_data):
    _voucher()
    checkout_id = _checkout_with(client, sellable_product(price=Decimal("100000"), num_in_stock=5))
    _promo(client, checkout_id, "GIAM10")
    removed = _co(client, "checkoutRemovePromoCode", {"checkoutId": checkout_id, "promoCode": "GIAM10",
                                                      "languageCode": LANG})["checkoutRemovePromoCode"]
    assert removed["errors"] == []
    assert (removed["checkout"]["voucherCode"], removed["checkout"]["discount"]["amount"]) == (None, 0.0)
    assert removed["checkout"]["subtotalPrice"]["gross"]["amount"] == 100000.0


@pytest.mark.django_db
def test_a_voucher_for_other_products_is_not_applicable(client, reference_data):
    from oscar.test.factories import RangeFactory

    voucher = _voucher("CHIKHAC")
    offer = voucher.offers.get()
    elsewhere = RangeFactory(includes_all_products=False)
    offer.condition.range = offer.benefit.range = elsewhere
    offer.condition.save()
    offer.benefit.save()
    checkout_id = _checkout_with(client, sellable_product(num_in_stock=5))
    refused = _promo(client, checkout_id, "CHIKHAC")
    assert refused["errors"][0]["code"] == "VOUCHER_NOT_APPLICABLE"
    assert _co(client, "checkout", {"id": checkout_id, "languageCode": LANG})["checkout"]["voucherCode"] is None


def complete_all_at_once(checkout_ids: list[str]) -> list[dict]:
    """``checkoutComplete`` for every checkout at the same moment, one thread (and database
    connection) each; the GraphQL bodies in the order they finished."""
    barrier = threading.Barrier(len(checkout_ids))
    results = []

    def complete(checkout_id):
        try:
            barrier.wait()
            _, body = gql(Client(), operation_source("src-checkout-graphql"), {"checkoutId": checkout_id},
                          operation_name="checkoutComplete")
            results.append(body)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=complete, args=(i,)) for i in checkout_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
