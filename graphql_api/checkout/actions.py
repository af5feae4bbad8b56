"""Saleor's checkout mutations over an Oscar basket, ending in the web's placement code.

Each mutation validates everything first and writes nothing when a problem is found; the
problems come back as Saleor's ``errors [{field, message, code}]``. ``checkout_complete``
places through ``checkout.placement.place_order``, the one placement of every channel
(basket lock, idempotent per basket, stock locked in pk order, every line re-checked by the
basket's Strategy, conditional allocation), exactly as the web checkout does.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from oscar.core.loading import get_class, get_model

from checkout import statuses
from checkout.forms import VietnamAddressForm
from checkout.payments import stripe_gateway, vietqr
from checkout.payments.methods import Method, payment_options
from checkout.placement import AlreadyPlaced, StockUnavailable, live_order_of, place_order
from checkout.services import (
    attach_payment_source,
    is_paid,
    next_order_number,
    order_cancel_unpaid,
    order_mark_paid,
    order_status_path,
    payment_method_of,
    payment_source,
    queue_order_confirmation,
    start_card_payment,
)
from checkout.throttle import client_key, placement_refusal
from graphql_api.catalogue.channels import DEFAULT_CHANNEL, UnknownChannel, channel_for, checkout_channel
from graphql_api.common.ids import InvalidID, from_global_id, int_pk, to_global_id
from graphql_api.models import ApiCheckout
from partner.strategy import Selector
from shipping.repository import Repository

Basket = get_model("basket", "Basket")
BillingAddress = get_model("order", "BillingAddress")
Country = get_model("address", "Country")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Province = get_model("catalogue", "Province")
ShippingAddress = get_model("order", "ShippingAddress")
SourceType = get_model("payment", "SourceType")
Source = get_model("payment", "Source")
Ward = get_model("catalogue", "Ward")
Voucher = get_model("voucher", "Voucher")
Applicator = get_class("offer.applicator", "Applicator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")

MAX_LINE_QUANTITY = 50
DUMMY_GATEWAY = "saleor.io.dummy-payment-app"
STRIPE_GATEWAY = "saleor.app.payment.stripe"  # the id Saleor's Stripe app is installed under
GATEWAYS = {"ocop.cod": Method.COD, "ocop.vietqr": Method.TRANSFER, STRIPE_GATEWAY: Method.CARD}
GATEWAY_NAMES = {"ocop.cod": "Thanh toán khi nhận hàng (COD)", "ocop.vietqr": "Chuyển khoản VietQR",
                 STRIPE_GATEWAY: "Thẻ quốc tế / nội địa (Stripe)", DUMMY_GATEWAY: "Dummy payment app"}
AWAITING_CARD = "The checkout's order is waiting for its card payment."
# A PaymentIntent's status → the transaction event Saleor's Stripe app reports for it.
STRIPE_EVENTS = {"succeeded": "CHARGE_SUCCESS", "processing": "CHARGE_REQUEST", "canceled": "CHARGE_FAILURE"}
DELIVERY_DAYS = {"giao-tieu-chuan": (3, 5), "giao-nhanh": (1, 2)}
ADDRESS_FIELDS = {"first_name": "firstName", "phone_number": "phone", "line1": "streetAddress1",
                  "province": "countryArea", "ward": "city"}


@dataclass
class Problem(Exception):
    code: str
    message: str
    field: str | None = None
    variants: list[str] | None = None  # Saleor names the variants an error is about

    def as_graphql(self) -> dict:
        return {"code": self.code, "message": self.message, "field": self.field, "variants": self.variants}


@dataclass
class Problems(Exception):
    problems: list[Problem]


# ---- loading ---------------------------------------------------------------------------

def load_checkout(global_id: str | None, strategy, *, for_update=False, placed_too=False) -> ApiCheckout:
    if not global_id:
        raise Problem("REQUIRED", "Checkout id is required.", "id")
    try:
        token = uuid.UUID(from_global_id(global_id, "Checkout"))
    except (InvalidID, ValueError):
        raise Problem("GRAPHQL_ERROR", f"Couldn't resolve id: {global_id}.", "id") from None
    checkouts = ApiCheckout.objects.select_related("basket")
    if for_update:
        checkouts = checkouts.select_for_update()
    checkout = checkouts.filter(token=token).first()
    open_statuses = (Basket.OPEN, Basket.FROZEN) + ((Basket.SUBMITTED,) if placed_too else ())
    if checkout is None or checkout.basket.status not in open_statuses:
        raise Problem("NOT_FOUND", f"Couldn't resolve to a node: {global_id}", "id")
    checkout.basket.strategy = strategy
    # Offers and vouchers apply as the web's basket middleware applies them on every request.
    Applicator().apply(checkout.basket, _shopper(checkout))
    return checkout


def _shopper(checkout: ApiCheckout):
    return checkout.user or AnonymousUser()


def find_checkout(global_id: str, strategy) -> ApiCheckout | None:
    try:
        return load_checkout(global_id, strategy)
    except Problem:
        return None


def _product_for(variant_id: str, day) -> Product:
    try:
        pk = int_pk(variant_id, "ProductVariant")
    except InvalidID:
        raise Problem("GRAPHQL_ERROR", f"Couldn't resolve id: {variant_id}.", "variantId") from None
    product = Product.objects.select_related(
        "product_class", "producer__province", "producer__former_province",
    ).prefetch_related("stockrecords", "certificates").filter(pk=pk).first()
    if product is None:
        raise Problem("NOT_FOUND", f"Couldn't resolve to a node: {variant_id}", "variantId")
    return product


def _check_in_channel(checkout: ApiCheckout, product: Product, variant_id: str) -> None:
    """A provincial channel's checkout takes only its province's products, as its listing
    shows only those; Saleor refuses a variant its channel does not list this way."""
    province = checkout_channel(checkout.channel).province
    if province is not None and (product.producer is None or product.producer.province_id != province.pk):
        raise Problem("UNAVAILABLE_VARIANT_IN_CHANNEL", "Cannot add lines with unavailable variants.", "lines",
                      variants=[variant_id])


def _check_quantity(basket, product, quantity: int, field: str) -> None:
    if quantity <= 0:
        raise Problem("ZERO_QUANTITY", "The quantity should be higher than zero.", field)
    if quantity > MAX_LINE_QUANTITY:
        raise Problem("QUANTITY_GREATER_THAN_LIMIT",
                      f"Cannot add more than {MAX_LINE_QUANTITY} times this item.", "quantity")
    purchase = basket.strategy.fetch_for_product(product)
    if not purchase.availability.is_available_to_buy:
        raise Problem("PRODUCT_UNAVAILABLE_FOR_PURCHASE", str(purchase.availability.message), field)
    allowed, reason = purchase.availability.is_purchase_permitted(quantity)
    if not allowed:
        raise Problem("INSUFFICIENT_STOCK", str(reason), "quantity")


def _collect(items, check):
    problems = []
    for item in items:
        try:
            check(item)
        except Problem as problem:
            problems.append(problem)
    if problems:
        raise Problems(problems)


# ---- mutations -------------------------------------------------------------------------

def checkout_create(*, strategy, user, channel: str | None, lines: list, email: str | None = None) -> ApiCheckout:
    try:
        chosen = channel_for(channel or DEFAULT_CHANNEL.slug)
    except UnknownChannel as exc:
        raise Problem("NOT_FOUND", str(exc), "channel") from None
    with transaction.atomic():
        basket = Basket.objects.create(owner=None)
        basket.strategy = strategy
        checkout = ApiCheckout.objects.create(basket=basket, channel=chosen.slug,
                                              user=user, email=email or (user.email if user else ""))
        if lines:
            lines_add(checkout, lines)
        if email:
            email_update(checkout, email)
    return checkout


def lines_add(checkout: ApiCheckout, lines: list) -> None:
    basket = checkout.basket
    current = {line.product_id: line.quantity for line in basket.all_lines()}
    wanted: dict[int, tuple[Product, int]] = {}

    def check(line):
        product = _product_for(line["variantId"], None)
        _check_in_channel(checkout, product, line["variantId"])
        before = wanted.get(product.pk, (product, current.get(product.pk, 0)))[1]
        if line["quantity"] <= 0:
            raise Problem("ZERO_QUANTITY", "The quantity should be higher than zero.", "quantity")
        _check_quantity(basket, product, before + line["quantity"], "lines")
        wanted[product.pk] = (product, before + line["quantity"])

    _collect(lines, check)
    with transaction.atomic():
        for product, quantity in wanted.values():
            line, created = basket.add_product(product, quantity)
            if not created:
                line.quantity = quantity
                line.save(update_fields=["quantity"])
        basket.reset_offer_applications()


def lines_update(checkout: ApiCheckout, lines: list) -> None:
    basket = checkout.basket
    by_line = {line.pk: line for line in basket.all_lines()}
    by_product = {line.product_id: line for line in by_line.values()}
    changes = []

    def check(item):
        line = None
        if item.get("lineId"):
            try:
                line = by_line.get(int_pk(item["lineId"], "CheckoutLine"))
            except InvalidID:
                raise Problem("GRAPHQL_ERROR", f"Couldn't resolve id: {item['lineId']}.", "lineId") from None
            if line is None:
                raise Problem("NOT_FOUND", "Line not found in the checkout.", "lineId")
            product = line.product
        else:
            product = _product_for(item.get("variantId") or "", None)
            _check_in_channel(checkout, product, item["variantId"])
            line = by_product.get(product.pk)
        quantity = item.get("quantity")
        if quantity is None:
            return
        if item.get("price") is not None:
            raise Problem("INVALID", "Prices cannot be overridden.", "price")
        if quantity == 0:
            changes.append((line, product, 0))
            return
        _check_quantity(basket, product, quantity, "lines")
        changes.append((line, product, quantity))

    _collect(lines, check)
    with transaction.atomic():
        for line, product, quantity in changes:
            if quantity == 0:
                if line is not None:
                    line.delete()
            elif line is None:
                basket.add_product(product, quantity)
            else:
                line.quantity = quantity
                line.save(update_fields=["quantity"])
        basket.reset_offer_applications()


def lines_delete(checkout: ApiCheckout, line_ids: list) -> None:
    lines = {line.pk: line for line in checkout.basket.all_lines()}
    pks = []

    def check(global_id):
        try:
            pk = int_pk(global_id or "", "CheckoutLine")
        except InvalidID:
            raise Problem("GRAPHQL_ERROR", f"Couldn't resolve id: {global_id}.", "lineId") from None
        if pk not in lines:
            raise Problem("NOT_FOUND", "Line not found in the checkout.", "lineId")
        pks.append(pk)

    _collect(line_ids, check)
    checkout.basket.lines.filter(pk__in=pks).delete()
    checkout.basket.reset_offer_applications()


def email_update(checkout: ApiCheckout, email: str) -> None:
    try:
        validate_email(email)
    except ValidationError:
        raise Problem("INVALID", "Enter a valid email address.", "email") from None
    checkout.email = email
    checkout.save(update_fields=["email", "updated"])


def customer_attach(checkout: ApiCheckout, user) -> None:
    """Saleor's rule: a checkout belongs to at most one shopper; only they may take it over."""
    if checkout.user_id not in (None, user.pk):
        raise Problem("NOT_FOUND", "Couldn't resolve to a node.", "id")  # as if it did not exist
    checkout.user = user
    checkout.email = user.email
    checkout.save(update_fields=["user", "email", "updated"])


def customer_detach(checkout: ApiCheckout, user) -> None:
    if checkout.user_id != user.pk:
        raise Problem("NOT_FOUND", "Couldn't resolve to a node.", "id")
    checkout.user = None
    checkout.save(update_fields=["user", "updated"])


def promo_code_add(checkout: ApiCheckout, code: str) -> None:
    """The web basket's voucher rules (Oscar's ``VoucherAddView``): the voucher must exist, be
    active, be available to this shopper, and give this basket a discount."""
    basket = checkout.basket
    code = (code or "").strip().upper()
    if basket.contains_voucher(code):
        return
    voucher = Voucher.objects.filter(code=code).first()
    if voucher is None or voucher.is_expired() or not voucher.is_active():
        raise Problem("INVALID", "Promo code is invalid.", "promoCode")
    available, message = voucher.is_available_to_user(_shopper(checkout))
    if not available:
        raise Problem("VOUCHER_NOT_APPLICABLE", str(message), "promoCode")
    basket.vouchers.add(voucher)  # undone by the mutation's rollback when it gives no discount
    Applicator().apply(basket, _shopper(checkout))
    if not any(discount["voucher"] == voucher for discount in basket.offer_applications):
        raise Problem("VOUCHER_NOT_APPLICABLE", "Voucher is not applicable to this checkout.", "promoCode")


def promo_code_remove(checkout: ApiCheckout, code: str | None, code_id: str | None) -> None:
    vouchers = checkout.basket.vouchers
    if code_id:
        try:
            voucher = vouchers.filter(pk=int_pk(code_id, "Voucher")).first()
        except InvalidID:
            raise Problem("GRAPHQL_ERROR", f"Couldn't resolve id: {code_id}.", "promoCodeId") from None
    else:
        voucher = vouchers.filter(code=(code or "").strip().upper()).first()
    if voucher is not None:
        vouchers.remove(voucher)
        checkout.basket.reset_offer_applications()


def _province_slug(value: str) -> str:
    province = Province.objects.filter(merged_into__isnull=True).filter(slug=value).first() or \
        Province.objects.filter(merged_into__isnull=True, name__iexact=value.strip()).first()
    return province.slug if province else value


def _ward_code(value: str, province_slug: str) -> str:
    ward = Ward.objects.filter(province__slug=province_slug).filter(code=value).first() or \
        Ward.objects.filter(province__slug=province_slug, name__iexact=value.strip()).first()
    return ward.code if ward else value


def validate_address(data: dict) -> dict:
    """Saleor's AddressInput checked by the web checkout's ``VietnamAddressForm``: one of the
    34 provinces (``countryArea``: name or slug), a ward of it (``city``/``cityArea``: name
    or code), a Vietnamese phone number. Returns the validated fields to store."""
    country = data.get("country")
    if country not in (None, "VN"):
        raise Problems([Problem("INVALID", "Chỉ giao hàng trong Việt Nam.", "country")])
    name = " ".join(p for p in (data.get("firstName"), data.get("lastName")) if p).strip()
    line1 = ", ".join(p for p in (data.get("streetAddress1"), data.get("streetAddress2")) if p)
    province = _province_slug(data.get("countryArea") or "")
    ward = _ward_code(data.get("city") or data.get("cityArea") or "", province)
    form = VietnamAddressForm(data={"first_name": name, "phone_number": data.get("phone") or "",
                                    "line1": line1, "province": province, "ward": ward, "notes": ""})
    if not form.is_valid():
        problems = []
        for field, errors in form.errors.get_json_data().items():
            for error in errors:
                code = "REQUIRED" if error["code"] == "required" else "INVALID"
                problems.append(Problem(code, error["message"], ADDRESS_FIELDS.get(field, field)))
        raise Problems(problems)
    cleaned = form.cleaned_data
    return {"first_name": cleaned["first_name"], "phone_number": str(cleaned["phone_number"]),
            "line1": cleaned["line1"], "province": cleaned["province"].slug,
            "province_name": cleaned["province"].name, "ward": cleaned["ward"].code,
            "ward_name": cleaned["ward"].name}


def address_update(checkout: ApiCheckout, data: dict, *, kind: str) -> None:
    fields = validate_address(data)
    setattr(checkout, f"{kind}_address", fields)
    update = [f"{kind}_address", "updated"]
    if kind == "shipping" and checkout.delivery_method:
        codes = {m.code for m in shipping_methods(checkout)}
        if checkout.delivery_method not in codes:
            checkout.delivery_method = ""
            update.append("delivery_method")
    checkout.save(update_fields=update)


def order_address(fields: dict | None, model=ShippingAddress):
    if not fields:
        return None
    address = model(first_name=fields["first_name"], line1=fields["line1"], line2=fields["ward_name"],
                    state=fields["province_name"], country=Country.objects.get(iso_3166_1_a2="VN"))
    if hasattr(address, "phone_number"):  # Oscar's billing address has no phone
        address.phone_number = fields["phone_number"]
    return address


def shipping_methods(checkout: ApiCheckout) -> list:
    basket = checkout.basket
    if not basket.is_shipping_required():
        return []
    return Repository().get_available_shipping_methods(basket, shipping_addr=order_address(checkout.shipping_address))


def chosen_shipping_method(checkout: ApiCheckout):
    if not checkout.basket.is_shipping_required():
        return Repository().get_default_shipping_method(basket=checkout.basket)
    for method in shipping_methods(checkout):
        if method.code == checkout.delivery_method:
            return method
    return None


def delivery_method_update(checkout: ApiCheckout, delivery_method_id: str | None) -> None:
    if not checkout.basket.is_shipping_required():
        raise Problem("SHIPPING_NOT_REQUIRED", "This checkout doesn't need shipping.", "deliveryMethodId")
    try:
        code = from_global_id(delivery_method_id or "", "ShippingMethod")
    except InvalidID:
        raise Problem("GRAPHQL_ERROR", f"Couldn't resolve id: {delivery_method_id}.", "deliveryMethodId") from None
    if code not in {m.code for m in shipping_methods(checkout)}:
        raise Problem("DELIVERY_METHOD_NOT_APPLICABLE", "This shipping method is not applicable.",
                      "deliveryMethodId")
    checkout.delivery_method = code
    checkout.save(update_fields=["delivery_method", "updated"])


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    shipping: Decimal
    total: Decimal
    currency: str


def totals(checkout: ApiCheckout) -> Totals:
    basket = checkout.basket
    method = chosen_shipping_method(checkout)
    charge = method.calculate(basket) if method is not None else None
    shipping = charge.incl_tax if charge is not None else Decimal(0)
    currency = basket.currency or DEFAULT_CHANNEL.currency_code
    if charge is None:
        from oscar.core import prices
        charge = prices.Price(currency=currency, excl_tax=Decimal(0), incl_tax=Decimal(0))
    total = OrderTotalCalculator().calculate(basket, charge)
    subtotal = basket.total_incl_tax or Decimal(0)
    return Totals(subtotal, shipping or Decimal(0), total.incl_tax if total.incl_tax is not None
                  else subtotal + (shipping or Decimal(0)), currency)


def available_gateways(checkout: ApiCheckout, settings) -> list[str]:
    total = totals(checkout).total
    options = payment_options(total=total, currency="VND", requires_shipping=checkout.basket.is_shipping_required())
    available = {option.method for option in options if option.available}
    ids = [gateway for gateway, method in GATEWAYS.items() if method in available]
    if settings.GRAPHQL_DUMMY_GATEWAY:
        ids.append(DUMMY_GATEWAY)
    return ids


def awaiting_card(checkout: ApiCheckout) -> bool:
    """Whether the checkout's card order waits for its payment (the basket is frozen). When
    that order was cancelled meanwhile (by the abandoned-payment job, whose late Stripe event
    no longer reopens it), the basket reopens here, as the web's webhook would have done."""
    basket = checkout.basket
    if basket.status != Basket.FROZEN:
        return False
    if live_order_of(basket.pk) is not None:
        return True
    basket.thaw()
    return False


@dataclass(frozen=True)
class Transaction:
    gateway: str
    event_type: str
    data: dict | None = None


def transaction_initialize(checkout: ApiCheckout, gateway_id: str, *, request, settings) -> Transaction:
    """Choose the gateway. Stripe places the order now, as the web's card checkout does, so
    the PaymentIntent (created by the web's ``start_card_payment``) carries the order number
    the web's webhook code looks for; the client confirms the card with the secret."""
    if awaiting_card(checkout):
        if gateway_id != STRIPE_GATEWAY:
            raise Problem("INVALID", AWAITING_CARD, "paymentGateway")
        try:  # a repeat: the same order, the same intent
            return _stripe_transaction(start_card_payment(order=live_order_of(checkout.basket_id)))
        except stripe_gateway.PaymentError as exc:
            raise Problem("INVALID", str(exc), "paymentGateway") from None
    if gateway_id not in available_gateways(checkout, settings):
        raise Problem("NOT_FOUND", f"Payment gateway {gateway_id} is not available for this checkout.",
                      "paymentGateway")
    checkout.payment_method = gateway_id
    checkout.save(update_fields=["payment_method", "updated"])
    if gateway_id != STRIPE_GATEWAY:
        return Transaction(gateway_id, "CHARGE_REQUEST")
    try:
        order = _place(checkout, _ready(checkout), request=request, gateway=gateway_id)
    except AlreadyPlaced as placed:
        order = placed.order
    checkout.basket.freeze()  # the webhook submits it when paid, reopens it when cancelled
    try:
        intent = start_card_payment(order=order)
    except stripe_gateway.PaymentError as exc:
        order_cancel_unpaid(order=order, reason=f"Không tạo được thanh toán thẻ: {exc}")
        checkout.basket.thaw()
        raise Problem("INVALID", "Cổng thanh toán thẻ đang gặp sự cố, bạn chưa bị trừ tiền.", "paymentGateway") from None
    return _stripe_transaction(intent)


def _stripe_transaction(intent) -> Transaction:
    event = STRIPE_EVENTS.get(intent.status, "CHARGE_ACTION_REQUIRED")
    return Transaction(STRIPE_GATEWAY, event, {"paymentIntent": {"stripeClientSecret": intent.client_secret}})


def transaction_process(checkout: ApiCheckout) -> Transaction:
    """Report the card payment's state as Stripe has it; only the verified webhook marks the
    order paid."""
    order = live_order_of(checkout.basket_id) if checkout.payment_method == STRIPE_GATEWAY else None
    if order is None:
        raise Problem("NOT_FOUND", "This transaction has nothing to process.", "id")
    return card_payment_state(order)


def order_transaction_process(order) -> Transaction:
    """``transactionProcess`` on the transaction ``order_transaction_initialize`` answered."""
    if payment_method_of(order) != Method.CARD or order.status == statuses.CANCELLED:
        raise Problem("NOT_FOUND", "This transaction has nothing to process.", "id")
    return card_payment_state(order)


def card_payment_state(order) -> Transaction:
    reference = payment_source(order).reference
    try:
        intent = stripe_gateway.retrieve_payment_intent(reference)
    except stripe_gateway.PaymentError as exc:
        raise Problem("INVALID", str(exc), "id") from None
    return _stripe_transaction(intent)


# ---- paying an order placed earlier (Saleor's "order first, then pay") --------------------

def order_transaction_initialize(order, gateway_id: str) -> Transaction:
    """Start, or start again, the payment of an order awaiting it, with the gateway of the
    payment method it was placed with. Nothing is written: the card answers the order's own
    PaymentIntent (``start_card_payment`` uses one idempotency key per order), VietQR the
    transfer details; the webhook or the office marks the order paid, as for the web."""
    method = payment_method_of(order)
    if is_paid(order):
        raise Problem("INVALID", "The order is already paid.", "id")
    if order.status != statuses.AWAITING_PAYMENT:  # cancelled, or moved on by the office
        raise Problem("INVALID", "The order is not awaiting payment.", "id")
    if method not in (Method.CARD, Method.TRANSFER):
        raise Problem("INVALID", "The order is paid on delivery: there is nothing to pay now.", "id")
    expected = next(gateway for gateway, gateway_method in GATEWAYS.items() if gateway_method == method)
    if gateway_id != expected:
        raise Problem("INVALID", f"The order is paid through the gateway {expected}.", "paymentGateway")
    if method == Method.TRANSFER:
        return _transfer_transaction(order)
    try:
        return _stripe_transaction(start_card_payment(order=order))
    except stripe_gateway.PaymentError as exc:
        raise Problem("INVALID", str(exc), "paymentGateway") from None


def _transfer_transaction(order) -> Transaction:
    if not vietqr.is_configured():
        raise Problem("NOT_FOUND", "VietQR transfers are not available.", "paymentGateway")
    transfer = vietqr.transfer_for_order(order)
    return Transaction("ocop.vietqr", "CHARGE_ACTION_REQUIRED", {"vietqr": {
        "bankBin": transfer.bank_bin, "bankName": transfer.bank_name,
        "accountNumber": transfer.account_number, "accountName": transfer.account_name,
        "amount": int(transfer.amount), "currency": order.currency,  # whole đồng
        "reference": transfer.note, "qrPayload": transfer.payload,
    }})


def checkout_complete(checkout: ApiCheckout, *, request, settings):
    """Place the checkout's basket as an Oscar order, through the web's placement code."""
    basket = checkout.basket
    if awaiting_card(checkout) or basket.status == Basket.SUBMITTED:  # placed: Saleor answers its order
        existing = live_order_of(basket.pk)
        if existing is not None:
            return existing
        raise Problem("NOT_FOUND", "Checkout was completed and its order cancelled.", "id")
    method = _ready(checkout)
    gateway = checkout.payment_method
    if gateway == STRIPE_GATEWAY:  # its order is placed by transactionInitialize (or was cancelled)
        raise Problem("CHECKOUT_NOT_FULLY_PAID", "Start the card payment with transactionInitialize.", None)
    if not gateway or gateway not in available_gateways(checkout, settings):
        raise Problem("CHECKOUT_NOT_FULLY_PAID", "The checkout has no usable payment: call transactionInitialize.",
                      None)
    try:
        order = _place(checkout, method, request=request, gateway=gateway)
    except AlreadyPlaced as placed:  # a concurrent call of this checkout won
        return placed.order
    if gateway == DUMMY_GATEWAY:
        order_mark_paid(order=order, amount=order.total_incl_tax, reference="dummy", by="dummy")
    basket.submit()
    queue_order_confirmation(order=order, status_url=request.build_absolute_uri(order_status_path(order)))
    return order


def _ready(checkout: ApiCheckout):
    """The checkout's shipping method once it has everything an order needs."""
    basket = checkout.basket
    if basket.is_empty:
        raise Problem("NO_LINES", "Cannot complete checkout without lines.", "lines")
    if not checkout.email:
        raise Problem("EMAIL_NOT_SET", "Checkout email must be set.", "email")
    if basket.is_shipping_required() and not checkout.shipping_address:
        raise Problem("SHIPPING_ADDRESS_NOT_SET", "Shipping address is not set.", "shippingAddress")
    method = chosen_shipping_method(checkout)
    if method is None:
        raise Problem("SHIPPING_METHOD_NOT_SET", "Shipping method is not set.", "shippingMethod")
    return method


def _place(checkout: ApiCheckout, method, *, request, gateway: str):
    """Place the checkout's basket (awaiting payment) through the one placement."""
    basket = checkout.basket
    client = client_key(request)
    phone = (checkout.shipping_address or {}).get("phone_number")
    refusal = placement_refusal(client=client, phone=phone)  # the web's limits, same counters
    if refusal:
        raise Problem("INVALID", str(refusal), None)
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    number = next_order_number(basket_id=basket.id)
    try:
        with transaction.atomic():  # the payment source commits with the order
            order = place_order(
                basket=basket, order_number=number, total=total, shipping_method=method, shipping_charge=charge,
                status=statuses.AWAITING_PAYMENT, user=_shopper(checkout),
                shipping_address=order_address(checkout.shipping_address),
                billing_address=order_address(checkout.billing_address, BillingAddress),
                guest_email=checkout.email, request=request,
            )  # AlreadyPlaced goes to the caller
            if gateway == DUMMY_GATEWAY:
                source_type, _ = SourceType.objects.get_or_create(code="saleor-dummy",
                                                                  defaults={"name": "Dummy (test)"})
                Source.objects.create(order=order, source_type=source_type, currency=order.currency,
                                      amount_allocated=order.total_incl_tax)
            else:
                attach_payment_source(order=order, method=GATEWAYS[gateway])
    except StockUnavailable as exc:
        raise Problem("INSUFFICIENT_STOCK", str(exc), "lines") from None
    return order


def strategy_for(request):
    return Selector().strategy(request)
