"""Relay connections over a queryset: Saleor's ``first/after/last/before`` with opaque
cursors (base64 of the row's offset) and ``totalCount``."""

import base64
import binascii

from graphql import GraphQLError

MAX_PAGE = 100  # Saleor's own limit on first/last


def _cursor(offset: int) -> str:
    return base64.b64encode(f"arrayconnection:{offset}".encode()).decode()


def _offset(cursor: str) -> int:
    try:
        prefix, _, value = base64.b64decode(cursor, validate=True).decode().partition(":")
        if prefix != "arrayconnection" or not value.isdigit():
            raise ValueError
        return int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise GraphQLError(f"Invalid cursor: {cursor}.") from None


def check_page_arguments(first, last) -> None:
    if first is None and last is None:
        raise GraphQLError("You must provide a `first` or `last` value to properly paginate the connection.")
    if first is not None and last is not None:
        raise GraphQLError("Including a `first` and `last` value is not supported.")
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= MAX_PAGE:
            raise GraphQLError(
                f"Requesting {value} records on the `{name}` argument exceeds the limit of "
                f"{MAX_PAGE} records."
            )


def connection(queryset, *, first=None, after=None, last=None, before=None, load=None, node=None,
               total=None) -> dict:
    """Slice ``queryset`` (already ordered); ``load`` turns the page's queryset into rows,
    ``node`` a row into the GraphQL node."""
    check_page_arguments(first, last)
    count = queryset.count() if total is None else total
    start, end = 0, count
    if after is not None:
        start = max(start, _offset(after) + 1)
    if before is not None:
        end = min(end, _offset(before))
    if first is not None:
        end = min(end, start + first)
    if last is not None:
        start = max(start, end - last)
    start = min(start, count)
    end = max(end, start)
    rows = list((load or (lambda q: q))(queryset[start:end])) if end > start else []
    edges = [{"cursor": _cursor(start + i), "node": node(row) if node else row} for i, row in enumerate(rows)]
    return {
        "edges": edges,
        "totalCount": count,
        "pageInfo": {
            "hasPreviousPage": start > 0,
            "hasNextPage": end < count,
            "startCursor": edges[0]["cursor"] if edges else None,
            "endCursor": edges[-1]["cursor"] if edges else None,
        },
    }
