"""VietQR (NAPAS 247) transfer codes, built locally: an EMVCo merchant-presented payload
for a bank account, the exact amount and the order number as the transfer note.

The payload is short enough to build here (the PyPI ports of it are single releases);
its format is EMVCo QRCPS with NAPAS's tag 38, ended by a CRC-16/CCITT-FALSE.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import segno
from django.conf import settings

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"


@dataclass(frozen=True)
class TransferDetails:
    bank_bin: str
    bank_name: str
    account_number: str
    account_name: str
    amount: Decimal
    note: str
    payload: str


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"EMVCo field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), four upper-case hex digits."""
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def transfer_note(text: str) -> str:
    """Bank apps accept plain ASCII letters, digits and spaces in a transfer note."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9 ]", "", ascii_text)[:50]


def vietqr_payload(*, bank_bin: str, account_number: str, amount: Decimal, note: str) -> str:
    if amount <= 0 or amount != amount.to_integral_value():
        raise ValueError("a VietQR amount is a positive whole number of đồng")
    beneficiary = _field("00", bank_bin) + _field("01", account_number)
    merchant = _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", SERVICE_TO_ACCOUNT)
    body = (
        _field("00", "01")  # payload format indicator
        + _field("01", "12")  # dynamic: this code is for one amount
        + _field("38", merchant)
        + _field("53", CURRENCY_VND)
        + _field("54", str(int(amount)))
        + _field("58", "VN")
        + _field("62", _field("08", transfer_note(note)))
        + "6304"
    )
    return body + crc16_ccitt(body)


def transfer_for_order(order) -> TransferDetails:
    note = transfer_note(f"{order.number}")
    return TransferDetails(
        bank_bin=settings.VIETQR_BANK_BIN,
        bank_name=settings.VIETQR_BANK_NAME,
        account_number=settings.VIETQR_ACCOUNT_NUMBER,
        account_name=settings.VIETQR_ACCOUNT_NAME,
        amount=order.total_incl_tax,
        note=note,
        payload=vietqr_payload(
            bank_bin=settings.VIETQR_BANK_BIN,
            account_number=settings.VIETQR_ACCOUNT_NUMBER,
            amount=order.total_incl_tax,
            note=note,
        ),
    )


def qr_svg(payload: str) -> str:
    """An inline SVG of the code (no external service sees the amount or account)."""
    return segno.make(payload, error="m").svg_inline(scale=5, border=2)


def is_configured() -> bool:
    return bool(settings.VIETQR_BANK_BIN and settings.VIETQR_ACCOUNT_NUMBER)
