"""Bindings of the checkout domain: the ``checkout`` and ``order`` queries, the checkout,
payment and order mutations and types (resolvers over ``graphql_api.checkout.actions``)."""

from ariadne import MutationType, ObjectType, QueryType, UnionType
from django.conf import settings
from django.core.signing import BadSignature, Signer
from django.db import transaction
from oscar.core.loading import get_model

from checkout.payments import stripe_gateway
from checkout.selectors import is_paid
from graphql_api.account import addresses
from graphql_api.account.addresses import saleor_address
from graphql_api.account.auth import request_user
from graphql_api.catalogue import resolvers as catalogue
from graphql_api.catalogue.channels import checkout_channel
from graphql_api.checkout import actions as api
from graphql_api.common.ids import InvalidID, from_global_id, to_global_id
from graphql_api.common.money import Money, taxed

Order = get_model("order", "Order")

query = QueryType()
mutation = MutationType()
checkout_type = ObjectType("Checkout")
line_type = ObjectType("CheckoutLine")
order_type = ObjectType("Order")
order_line_type = ObjectType("OrderLine")
delivery_method = UnionType("DeliveryMethod")


def _strategy(info):
    return info.context["strategy"]


def _payload(name: str, run, *, result_key="checkout"):
    """Run a mutation step; Problem(s) become Saleor's ``errors``, nothing else is caught."""
    try:
        value = run()
    except api.Problem as problem:
        return {result_key: None, "errors": [problem.as_graphql()]}
    except api.Problems as problems:
        return {result_key: None, "errors": [p.as_graphql() for p in problems.problems]}
    return {result_key: value, "errors": []}


def _with_checkout(info, checkout_id, step, *, for_update=True):
    def run():
        with transaction.atomic():
            checkout = api.load_checkout(checkout_id, _strategy(info), for_update=for_update)
            if api.awaiting_card(checkout):  # its card order is placed: no changes
                raise api.Problem("INVALID", api.AWAITING_CARD, "id")
            step(checkout)
        return api.load_checkout(checkout_id, _strategy(info))  # fresh lines and totals
    return run


# ---- queries ----------------------------------------------------------------------------

@query.field("checkout")
def resolve_checkout(_, info, id=None):
    return api.find_checkout(id, _strategy(info)) if id else None


# ---- mutations --------------------------------------------------------------------------

@mutation.field("checkoutCreate")
def m_checkout_create(_, info, input):
    def run():
        return api.checkout_create(strategy=_strategy(info), user=request_user(info.context),
                                   channel=input.get("channel"), lines=input.get("lines") or [],
                                   email=input.get("email"))
    return _payload("checkoutCreate", run)


@mutation.field("checkoutLinesAdd")
def m_lines_add(_, info, lines, id=None):
    return _payload("checkoutLinesAdd", _with_checkout(info, id, lambda c: api.lines_add(c, lines)))


@mutation.field("checkoutLinesUpdate")
def m_lines_update(_, info, lines, id=None):
    return _payload("checkoutLinesUpdate", _with_checkout(info, id, lambda c: api.lines_update(c, lines)))


@mutation.field("checkoutLinesDelete")
def m_lines_delete(_, info, linesIds, id=None):
    return _payload("checkoutLinesDelete", _with_checkout(info, id, lambda c: api.lines_delete(c, linesIds)))


@mutation.field("checkoutLineDelete")
def m_line_delete(_, info, id=None, lineId=None):
    return _payload("checkoutLineDelete", _with_checkout(info, id, lambda c: api.lines_delete(c, [lineId])))


@mutation.field("checkoutEmailUpdate")
def m_email_update(_, info, email, id=None):
    return _payload("checkoutEmailUpdate", _with_checkout(info, id, lambda c: api.email_update(c, email)))


@mutation.field("checkoutShippingAddressUpdate")
def m_shipping_address(_, info, shippingAddress, id=None, **__):
    return _payload("checkoutShippingAddressUpdate", _with_checkout(
        info, id, lambda c: api.address_update(c, shippingAddress, kind="shipping")))


@mutation.field("checkoutBillingAddressUpdate")
def m_billing_address(_, info, billingAddress, id=None, **__):
    return _payload("checkoutBillingAddressUpdate", _with_checkout(
        info, id, lambda c: api.address_update(c, billingAddress, kind="billing")))


@mutation.field("checkoutDeliveryMethodUpdate")
def m_delivery_method(_, info, id=None, deliveryMethodId=None):
    return _payload("checkoutDeliveryMethodUpdate", _with_checkout(
        info, id, lambda c: api.delivery_method_update(c, deliveryMethodId)))


@mutation.field("paymentGatewayInitialize")
def m_gateway_initialize(_, info, id, paymentGateways=None):
    try:
        checkout = api.load_checkout(id, _strategy(info))
    except api.Problem as problem:
        return {"gatewayConfigs": None, "errors": [{**problem.as_graphql(), "code": "NOT_FOUND"}]}
    available = api.available_gateways(checkout, settings)
    wanted = [g["id"] for g in paymentGateways] if paymentGateways else available
    configs = []
    for gateway in wanted:
        if gateway in available:
            data = {"name": api.GATEWAY_NAMES[gateway]}
            if gateway == api.STRIPE_GATEWAY:  # what Saleor's Stripe app answers: Stripe.js needs it
                data["stripePublishableKey"] = stripe_gateway.publishable_key()
            configs.append({"id": gateway, "data": data, "errors": []})
        else:
            configs.append({"id": gateway, "data": None, "errors": [
                {"field": "id", "message": "Payment gateway is not available.", "code": "NOT_FOUND"}]})
    return {"gatewayConfigs": configs, "errors": []}


@mutation.field("transactionInitialize")
def m_transaction_initialize(_, info, id, paymentGateway, amount=None, action=None, **__):
    try:
        signed = from_global_id(id, "Order")
    except InvalidID:  # not an order: a checkout's id, or nothing we know
        return _checkout_transaction_initialize(info, id, paymentGateway)
    order = order_for_signed(signed)
    if order is None:
        return _transaction_errors(api.Problem("NOT_FOUND", f"Couldn't resolve to a node: {id}", "id"))
    try:
        result = api.order_transaction_initialize(order, paymentGateway["id"])
    except api.Problem as problem:
        return _transaction_errors(problem)
    return _transaction_payload(order_transaction_id(order), result)


def order_transaction_id(order) -> str:
    """An order's transaction is named by the order's signed hash, as unguessable as its id."""
    return to_global_id("TransactionItem", order.verification_hash())


def _checkout_transaction_initialize(info, id, paymentGateway):
    try:  # no transaction around it: Stripe is called after the placement commits, as on the web
        checkout = api.load_checkout(id, _strategy(info))
        result = api.transaction_initialize(checkout, paymentGateway["id"], request=info.context["request"],
                                            settings=settings)
    except (api.Problem, api.Problems) as exc:
        return _transaction_errors(exc)
    if result.gateway == api.DUMMY_GATEWAY:
        requested = ((paymentGateway.get("data") or {}).get("event") or {}).get("type")
        result = api.Transaction(result.gateway, requested or "CHARGE_SUCCESS")
    return _transaction_payload(to_global_id("TransactionItem", checkout.token), result)


@mutation.field("transactionProcess")
def m_transaction_process(_, info, id=None, data=None, **__):
    not_found = api.Problem("NOT_FOUND", f"Couldn't resolve to a node: {id}", "id")
    try:
        token = from_global_id(id or "", "TransactionItem")
    except InvalidID:
        return _transaction_errors(not_found)
    try:
        if ":" in token:  # an order's transaction (order_transaction_id); a checkout's is a UUID
            order = order_for_signed(token)
            if order is None:
                raise not_found
            result = api.order_transaction_process(order)
        else:
            checkout = api.load_checkout(to_global_id("Checkout", token), _strategy(info), placed_too=True)
            result = api.transaction_process(checkout)
    except api.Problem as problem:
        return _transaction_errors(problem)
    return _transaction_payload(id, result)


def _transaction_errors(exc) -> dict:
    problems = exc.problems if isinstance(exc, api.Problems) else [exc]
    errors = [{**p.as_graphql(), "code": "NOT_FOUND" if p.code in ("NOT_FOUND", "GRAPHQL_ERROR") else "INVALID"}
              for p in problems]
    return {"transaction": None, "transactionEvent": None, "data": None, "errors": errors}


def _transaction_payload(transaction_id: str, result) -> dict:
    return {
        "transaction": {"id": transaction_id, "actions": []},
        "transactionEvent": {"type": result.event_type, "message": api.GATEWAY_NAMES[result.gateway]},
        "data": result.data, "errors": [],
    }


@mutation.field("checkoutCustomerAttach")
def m_customer_attach(_, info, id=None, **__):
    return _payload("checkoutCustomerAttach", _with_checkout(info, id, lambda c: api.customer_attach(
        c, addresses.require_user(request_user(info.context)))))


@mutation.field("checkoutCustomerDetach")
def m_customer_detach(_, info, id=None, **__):
    return _payload("checkoutCustomerDetach", _with_checkout(info, id, lambda c: api.customer_detach(
        c, addresses.require_user(request_user(info.context)))))


@mutation.field("checkoutAddPromoCode")
def m_add_promo_code(_, info, promoCode, checkoutId=None, **__):
    return _payload("checkoutAddPromoCode", _with_checkout(info, checkoutId, lambda c: api.promo_code_add(c, promoCode)))


@mutation.field("checkoutRemovePromoCode")
def m_remove_promo_code(_, info, checkoutId=None, promoCode=None, promoCodeId=None, **__):
    return _payload("checkoutRemovePromoCode", _with_checkout(
        info, checkoutId, lambda c: api.promo_code_remove(c, promoCode, promoCodeId)))


@mutation.field("checkoutComplete")
def m_checkout_complete(_, info, id=None, **__):
    request = info.context["request"]

    def run():
        checkout = api.load_checkout(id, _strategy(info), placed_too=True)
        return api.checkout_complete(checkout, request=request, settings=settings)
    return _payload("checkoutComplete", run, result_key="order")


# ---- Checkout and its lines -------------------------------------------------------------

def _lines(checkout):
    return list(checkout.basket.all_lines())


checkout_type.set_field("id", lambda c, *_: to_global_id("Checkout", c.token))
checkout_type.set_field("channel", lambda c, *_: checkout_channel(c.channel).as_graphql())
checkout_type.set_field("email", lambda c, *_: c.email or None)
checkout_type.set_field("lines", lambda c, *_: _lines(c))
checkout_type.set_field("isShippingRequired", lambda c, *_: c.basket.is_shipping_required())
checkout_type.set_field("user", lambda c, *_: c.user)
checkout_type.set_field("giftCards", lambda *_: [])
checkout_type.set_field("discount", lambda c, *_: Money(_voucher_discount(c), "VND").as_graphql())
checkout_type.set_field("voucherCode", lambda c, *_: next((v.code for v in _vouchers(c)), None))
checkout_type.set_field("discountName", lambda c, *_: next((v.name for v in _vouchers(c)), None))
checkout_type.set_field("translatedDiscountName", lambda c, *_: next((v.name for v in _vouchers(c)), None))


def _vouchers(checkout):
    return [discount["voucher"] for discount in checkout.basket.voucher_discounts]


def _voucher_discount(checkout):
    return sum((discount["discount"] for discount in checkout.basket.voucher_discounts), 0)
checkout_type.set_field("authorizeStatus", lambda *_: "NONE")
checkout_type.set_field("chargeStatus", lambda *_: "NONE")
checkout_type.set_field("shippingMethods", lambda c, *_: [_shipping_method(c, m) for m in api.shipping_methods(c)])
checkout_type.set_field("deliveryMethod", lambda c, *_: next(
    (_shipping_method(c, m) for m in api.shipping_methods(c) if m.code == c.delivery_method), None))


def _shipping_method(checkout, method) -> dict:
    low, high = api.DELIVERY_DAYS.get(method.code, (None, None))
    return {"id": to_global_id("ShippingMethod", method.code), "name": str(method.name),
            "price": Money(method.calculate(checkout.basket).incl_tax, "VND").as_graphql(),
            "minimumDeliveryDays": low, "maximumDeliveryDays": high}
checkout_type.set_field("shippingAddress", lambda c, *_: _address(c.shipping_address))
checkout_type.set_field("billingAddress", lambda c, *_: _address(c.billing_address))
checkout_type.set_field("subtotalPrice", lambda c, *_: taxed(api.totals(c).subtotal))
checkout_type.set_field("shippingPrice", lambda c, *_: taxed(api.totals(c).shipping))
checkout_type.set_field("totalPrice", lambda c, *_: taxed(api.totals(c).total))
checkout_type.set_field("availablePaymentGateways", lambda c, *_: [
    {"id": g, "name": api.GATEWAY_NAMES[g], "currencies": ["VND"], "config": []}
    for g in api.available_gateways(c, settings)])


def _address(fields):
    if not fields:
        return None
    return {"id": to_global_id("Address", 0), "firstName": fields["first_name"], "lastName": "",
            "companyName": "", "streetAddress1": fields["line1"], "streetAddress2": "",
            "city": fields["ward_name"], "cityArea": "", "postalCode": "",
            "country": {"code": "VN", "country": "Việt Nam"}, "countryArea": fields["province_name"],
            "phone": fields["phone_number"]}


line_type.set_field("id", lambda line, *_: to_global_id("CheckoutLine", line.pk))
line_type.set_field("variant", lambda line, *_: line.product)
line_type.set_field("unitPrice", lambda line, *_: taxed(line.unit_price_incl_tax or 0))
line_type.set_field("undiscountedUnitPrice", lambda line, *_: Money(line.unit_price_incl_tax or 0, "VND").as_graphql())
line_type.set_field("totalPrice", lambda line, *_: taxed(line.line_price_incl_tax or 0))

# ---- Order ------------------------------------------------------------------------------

order_type.set_field("id", lambda o, *_: order_global_id(o))


def order_global_id(order) -> str:
    """``Order:<number>:<signature>``: unguessable like Saleor's UUIDs (Oscar's signed
    verification hash, the same the web's order-status link carries)."""
    return to_global_id("Order", order.verification_hash())


@query.field("order")
def resolve_order(_, info, id=None, **__):
    try:
        signed = from_global_id(id or "", "Order")
    except InvalidID:
        return None
    return order_for_signed(signed)


def order_for_signed(signed: str):
    """The order whose verification hash (``number:signature``) this is; None if forged."""
    try:
        number = Signer(salt="oscar.apps.order.Order").unsign(signed)
    except BadSignature:
        return None
    return Order.objects.filter(number=number).first()
order_type.set_field("created", lambda o, *_: o.date_placed)
order_type.set_field("userEmail", lambda o, *_: o.email)
order_type.set_field("lines", lambda o, *_: list(o.lines.all()))
order_type.set_field("total", lambda o, *_: taxed(o.total_incl_tax, o.currency))
order_type.set_field("subtotal", lambda o, *_: taxed(o.basket_total_incl_tax, o.currency))
order_type.set_field("shippingPrice", lambda o, *_: taxed(o.shipping_incl_tax, o.currency))
order_type.set_field("isPaid", lambda o, *_: is_paid(o))
order_type.set_field("paymentStatus", lambda o, *_: "FULLY_CHARGED" if is_paid(o) else "NOT_CHARGED")
order_type.set_field("chargeStatus", lambda o, *_: "FULL" if is_paid(o) else "NONE")
order_type.set_field("authorizeStatus", lambda o, *_: "FULL" if is_paid(o) else "NONE")
order_type.set_field("totalCaptured", lambda o, *_: Money(o.total_incl_tax if is_paid(o) else 0, o.currency).as_graphql())
order_type.set_field("totalBalance", lambda o, *_: Money(0 if is_paid(o) else -o.total_incl_tax, o.currency).as_graphql())
order_type.set_field("voucher", lambda *_: None)
order_type.set_field("discounts", lambda *_: [])
order_type.set_field("deliveryMethod", lambda *_: None)
order_type.set_field("shippingAddress", lambda o, *_: saleor_address(o.shipping_address))
order_type.set_field("billingAddress", lambda o, *_: saleor_address(o.billing_address))


order_line_type.set_field("id", lambda line, *_: to_global_id("OrderLine", line.pk))
order_line_type.set_field("productName", lambda line, *_: line.title)
order_line_type.set_field("variantName", lambda line, *_: line.title)
order_line_type.set_field("variant", lambda line, *_: line.product)
order_line_type.set_field("thumbnail", lambda line, info, **kw: catalogue.product_thumbnail(line.product, info, **kw)
                          if line.product else None)
order_line_type.set_field("unitPrice", lambda line, *_: taxed(line.unit_price_incl_tax, line.order.currency))
order_line_type.set_field("undiscountedUnitPrice", lambda line, *_: taxed(line.unit_price_incl_tax, line.order.currency))
order_line_type.set_field("totalPrice", lambda line, *_: taxed(line.line_price_incl_tax, line.order.currency))



@delivery_method.type_resolver
def resolve_delivery_type(obj, *_):
    return "ShippingMethod"


bindables = [query, mutation, checkout_type, line_type, order_type, order_line_type, delivery_method]
