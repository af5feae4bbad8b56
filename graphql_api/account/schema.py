"""Bindings of the account domain: ``me`` and the ``User`` type, JWT sign-in, sign-up and
password mutations, the address book and ``addressValidationRules``."""

from ariadne import MutationType, ObjectType, QueryType
from oscar.core.loading import get_model

from core.collation import collated
from graphql_api.account import addresses, auth
from graphql_api.account import mutations as accounts
from graphql_api.account.addresses import saleor_address
from graphql_api.common.ids import to_global_id
from graphql_api.common.pagination import connection

Order = get_model("order", "Order")
Province = get_model("catalogue", "Province")

query = QueryType()
mutation = MutationType()
user_type = ObjectType("User")


# ---- Query ------------------------------------------------------------------------------
query.set_field("me", lambda _, info: auth.request_user(info.context))


@query.field("addressValidationRules")
def resolve_address_validation_rules(_, info, countryCode, **__):
    if countryCode != "VN":
        return None
    provinces = Province.objects.filter(merged_into__isnull=True).order_by(collated("name"))
    return {
        "addressFormat": "%N%n%A%n%C%n%S", "allowedFields": ["firstName", "lastName", "streetAddress1",
                                                              "streetAddress2", "city", "countryArea", "phone"],
        "requiredFields": ["firstName", "streetAddress1", "city", "countryArea", "phone"],
        "countryAreaType": "province", "cityType": "ward", "postalCodeType": "postal",
        "countryAreaChoices": [{"raw": p.name, "verbose": p.name} for p in provinces],
    }


# ---- User -------------------------------------------------------------------------------
user_type.set_field("id", lambda u, *_: to_global_id("User", u.pk))
user_type.set_field("firstName", lambda u, *_: u.first_name or "")
user_type.set_field("lastName", lambda u, *_: u.last_name or "")
user_type.set_field("avatar", lambda *_, **__: None)
user_type.set_field("addresses", lambda u, *_: [saleor_address(a) for a in addresses.addresses_of(u)])
user_type.set_field("defaultShippingAddress", lambda u, *_: saleor_address(addresses.default_of(u, "SHIPPING")))
user_type.set_field("defaultBillingAddress", lambda u, *_: saleor_address(addresses.default_of(u, "BILLING")))
user_type.set_field("isConfirmed", lambda u, *_: u.is_active)


@user_type.field("orders")
def resolve_user_orders(user, info, first=None, after=None, last=None, before=None, **_):
    orders = Order.objects.filter(user=user).order_by("-date_placed", "-pk")
    return connection(orders, first=first, after=after, last=last, before=before,
                      load=lambda page: page.prefetch_related("lines", "sources"))


# ---- Sign-in, sign-up, passwords --------------------------------------------------------
@mutation.field("tokenCreate")
def m_token_create(_, info, email, password):
    return auth.token_create(request=info.context["request"], email=email, password=password)


@mutation.field("tokenRefresh")
def m_token_refresh(_, info, refreshToken=None, **__):
    return auth.token_refresh(request=info.context["request"], refresh_token=refreshToken)


@mutation.field("accountRegister")
def m_account_register(_, info, input):
    return accounts.account_register(request=info.context["request"], data=input)


@mutation.field("confirmAccount")
def m_confirm_account(_, info, email, token):
    return accounts.confirm_account(email=email, token=token)


@mutation.field("requestPasswordReset")
def m_request_password_reset(_, info, email, redirectUrl, **__):
    return accounts.request_password_reset(request=info.context["request"], email=email, redirect_url=redirectUrl)


@mutation.field("setPassword")
def m_set_password(_, info, email, password, token):
    return accounts.set_password(request=info.context["request"], email=email, password=password, token=token)


@mutation.field("externalAuthenticationUrl")
@mutation.field("externalObtainAccessTokens")
def m_external_auth(*_, **__):
    return accounts.external_auth_unavailable()


# ---- The shopper's address book ---------------------------------------------------------
def _address_payload(info, change) -> dict:
    user = addresses.require_user(auth.request_user(info.context))
    try:
        address = change(user)
    except addresses.AddressError as exc:
        return {"user": None, "address": None, "errors": exc.errors}
    return {"user": user, "address": saleor_address(address), "errors": []}


mutation.set_field("accountAddressCreate", lambda _, info, input, type=None: _address_payload(
    info, lambda user: addresses.create(user, input, type)))
mutation.set_field("accountAddressUpdate", lambda _, info, id, input: _address_payload(
    info, lambda user: addresses.update(user, id, input)))
mutation.set_field("accountAddressDelete", lambda _, info, id: _address_payload(
    info, lambda user: addresses.delete(user, id)))


@mutation.field("accountSetDefaultAddress")
def resolve_set_default_address(_, info, id, type):
    payload = _address_payload(info, lambda user: addresses.set_default(user, id, type))
    payload.pop("address")  # Saleor's payload has only the user
    return payload


bindables = [query, mutation, user_type]
