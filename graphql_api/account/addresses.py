"""The signed-in shopper's address book: Oscar's ``UserAddress`` behind Saleor's account
address mutations. Addresses are checked by the web checkout's ``VietnamAddressForm`` and
stored as the checkout stores an order's address (ward in ``line2``, province in ``state``).
Every lookup is filtered by the requesting user, so another shopper's address is not found."""

from django.db import transaction
from oscar.core.loading import get_model

from graphql_api.account.auth import AuthError
from graphql_api.checkout import actions as checkout_api
from graphql_api.common.ids import InvalidID, int_pk, to_global_id

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")

DEFAULT_FLAGS = {"SHIPPING": "is_default_for_shipping", "BILLING": "is_default_for_billing"}


class AddressError(Exception):
    def __init__(self, errors: list[dict]):
        super().__init__(errors)
        self.errors = errors


def require_user(user):
    if user is None:  # Saleor's permission error, raised at the top level as Saleor does
        raise AuthError("To access this path, you need one of the following permissions: AUTHENTICATED_USER",
                        "PermissionDenied")
    return user


def _error(field, code, message) -> dict:
    return {"field": field, "code": code, "message": str(message)}


def _own(user, global_id: str) -> UserAddress:
    try:
        pk = int_pk(global_id or "", "Address")
    except InvalidID:
        raise AddressError([_error("id", "GRAPHQL_ERROR", f"Couldn't resolve id: {global_id}.")]) from None
    address = UserAddress.objects.filter(user=user, pk=pk).first()
    if address is None:
        raise AddressError([_error("id", "NOT_FOUND", f"Couldn't resolve to a node: {global_id}")])
    return address


def _fill(address: UserAddress, data: dict) -> None:
    try:
        fields = checkout_api.validate_address(data)
    except checkout_api.Problems as problems:
        raise AddressError([_error(p.field, p.code, p.message) for p in problems.problems]) from None
    address.first_name, address.last_name = fields["first_name"], ""
    address.line1, address.line2, address.state = fields["line1"], fields["ward_name"], fields["province_name"]
    address.phone_number = fields["phone_number"]
    address.country = Country.objects.get(iso_3166_1_a2="VN")
    if UserAddress.objects.filter(user=address.user, hash=address.generate_hash()).exclude(pk=address.pk).exists():
        raise AddressError([_error("input", "UNIQUE", "This address is already in the address book.")])


def create(user, data: dict, address_type: str | None) -> UserAddress:
    address = UserAddress(user=user)
    _fill(address, data)
    with transaction.atomic():
        if address_type:
            setattr(address, DEFAULT_FLAGS[address_type], True)
        address.save()  # Oscar's save unsets the previous default of that kind
    return address


def update(user, global_id: str, data: dict) -> UserAddress:
    address = _own(user, global_id)
    _fill(address, data)
    address.save()
    return address


def delete(user, global_id: str) -> UserAddress:
    address = _own(user, global_id)
    pk = address.pk
    address.delete()
    address.pk = pk  # Saleor answers the deleted address with its id
    return address


def set_default(user, global_id: str, address_type: str) -> UserAddress:
    address = _own(user, global_id)
    setattr(address, DEFAULT_FLAGS[address_type], True)
    address.save()
    return address


def addresses_of(user) -> list:
    return list(UserAddress.objects.filter(user=user).select_related("country").order_by("pk"))


def default_of(user, address_type: str):
    return UserAddress.objects.filter(user=user, **{DEFAULT_FLAGS[address_type]: True}).first()


def saleor_address(address):
    """An order's or the address book's Oscar address as Saleor's ``Address``."""
    if address is None:
        return None
    return {"id": to_global_id("Address", address.pk), "firstName": address.first_name or "", "lastName": "",
            "companyName": "", "streetAddress1": address.line1 or "", "streetAddress2": "",
            "city": address.line2 or "", "cityArea": "", "postalCode": "",
            "country": {"code": "VN", "country": "Việt Nam"}, "countryArea": address.state or "",
            "phone": str(address.phone_number) if getattr(address, "phone_number", None) else None}
