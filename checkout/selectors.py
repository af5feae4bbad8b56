"""Reads of the checkout: how an order is paid and whether the money arrived. The e-mail
tasks read these as well as the services, so they live below both."""

from __future__ import annotations

from checkout.payments.methods import METHOD_BY_SOURCE_CODE, Method


def payment_source(order) -> "Source | None":
    return order.sources.select_related("source_type").first()


def payment_method_of(order) -> Method | None:
    source = payment_source(order)
    return METHOD_BY_SOURCE_CODE.get(source.source_type.code) if source else None


def is_paid(order) -> bool:
    source = payment_source(order)
    return source is not None and source.amount_debited >= order.total_incl_tax
