"""Saleor's Money shapes for VND, a currency without minor unit (zero fraction digits).

Amounts stay ``Decimal`` until the GraphQL ``Float`` boundary; whole đồng are exact floats."""

from dataclasses import dataclass
from decimal import Decimal

FRACTION_DIGITS = {"VND": 0}


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    @property
    def fraction_digits(self) -> int:
        return FRACTION_DIGITS.get(self.currency, 2)

    def as_graphql(self) -> dict:
        digits = self.fraction_digits
        return {
            "amount": float(self.amount),
            "currency": self.currency,
            "fractionDigits": digits,
            "fractionalAmount": int(self.amount * 10**digits),
        }


def taxed(amount: Decimal, currency: str = "VND") -> dict:
    """Prices include VAT as printed (``NoTax`` strategy): gross = net, tax zero."""
    money = Money(amount, currency).as_graphql()
    return {"gross": money, "net": money, "tax": Money(Decimal(0), currency).as_graphql(),
            "currency": currency}
