"""VietQR payloads and region-priced shipping: pure rules, no HTTP."""

from decimal import Decimal

import pytest
from django.conf import settings
from oscar.core.loading import get_model

from checkout import statuses
from checkout.payments.vietqr import crc16_ccitt, qr_svg, transfer_note, vietqr_payload
from shipping.methods import ExpressDelivery, StandardDelivery
from shipping.regions import PROVINCE_REGIONS, Region
from shipping.repository import Repository

Province = get_model("catalogue", "Province")
ShippingAddress = get_model("order", "ShippingAddress")


def test_crc16_is_ccitt_false():
    assert crc16_ccitt("123456789") == "29B1"


def test_the_payload_matches_a_known_vietqr_for_the_amount_and_note():
    # Cross-checked once against vietnam-qr-pay 1.0.0 (QRPay.init_viet_qr(...).build()),
    # which also parses it back as a valid VietQR.
    payload = vietqr_payload(bank_bin="970436", account_number="0011000000000", amount=Decimal("335000"),
                             note="100042")

    assert payload == (
        "00020101021238570010A00000072701270006970436011300110000000000208QRIBFTTA"
        "530370454063350005802VN62100806100042630446E2"
    )


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1"), Decimal("1000.5")], ids=["zero", "negative", "fraction"])
def test_a_transfer_is_for_a_positive_whole_amount(amount):
    with pytest.raises(ValueError):
        vietqr_payload(bank_bin="970436", account_number="1", amount=amount, note="1")


def test_transfer_notes_are_plain_ascii():
    assert transfer_note("Đơn hàng 100042-2!") == "Don hang 1000422"


def test_the_qr_is_an_inline_svg():
    assert qr_svg("000201").startswith("<svg")


@pytest.mark.django_db
def test_every_current_province_has_a_region():
    current = set(Province.objects.filter(merged_into__isnull=True).values_list("slug", flat=True))

    assert current == set(PROVINCE_REGIONS)
    assert len(current) == 34


class _Basket:
    currency = "VND"

    def __init__(self, total):
        self.total_incl_tax = Decimal(total)


@pytest.mark.parametrize(
    "province, total, standard, express",
    [
        ("ha-noi", 200000, 30000, 55000),
        ("da-nang", 200000, 35000, 60000),
        ("can-tho", 200000, 30000, 55000),
        ("ha-noi", settings.OCOP_FREE_SHIPPING_THRESHOLD, 0, 55000),
    ],
    ids=["north", "central", "south", "free-from-threshold"],
)
@pytest.mark.django_db
def test_shipping_is_priced_by_the_destination_region(province, total, standard, express):
    address = ShippingAddress(state=Province.objects.get(slug=province).name)
    basket = _Basket(total)

    methods = Repository().get_available_shipping_methods(basket, shipping_addr=address)

    assert [type(m) for m in methods] == [StandardDelivery, ExpressDelivery]
    assert [m.calculate(basket).incl_tax for m in methods] == [Decimal(standard), Decimal(express)]


def test_the_free_shipping_threshold_follows_settings(settings):
    settings.OCOP_FREE_SHIPPING_THRESHOLD = 100000

    charge = StandardDelivery(Region.NORTH).calculate(_Basket(100000))

    assert charge.incl_tax == Decimal("0")


def test_the_order_statuses_are_the_pipeline_in_settings():
    assert set(settings.OSCAR_ORDER_STATUS_PIPELINE) == set(statuses.ALL)
    assert settings.OSCAR_INITIAL_ORDER_STATUS == statuses.AWAITING_PAYMENT
