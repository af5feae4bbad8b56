"""Saleor's global IDs: base64 of ``"Type:pk"``."""

import base64
import binascii


class InvalidID(ValueError):
    pass


def to_global_id(type_name: str, pk) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def from_global_id(global_id: str, expected: str) -> str:
    """The pk inside ``global_id``, which must name ``expected``; ``InvalidID`` otherwise."""
    try:
        type_name, _, pk = base64.b64decode(global_id, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidID(f"Couldn't resolve id: {global_id}.") from exc
    if type_name != expected or not pk or "\x00" in pk:
        raise InvalidID(f"Must receive a {expected} id.")
    return pk


def int_pk(global_id: str, expected: str) -> int:
    pk = from_global_id(global_id, expected)
    if not pk.isdigit():
        raise InvalidID(f"Couldn't resolve id: {global_id}.")
    return int(pk)
