"""Per-client budgets for the API, counted in the cache as ``core.throttle`` counts its hits
(fixed windows, one key per client and window, atomic increments in Redis), but by an amount:
a request spends its query cost, so a client may send many cheap queries or a few dear ones.

A signed-in caller is counted by account, anyone else by address (``core.throttle.client_ip``):
many shoppers behind one carrier's address share its budget, which is why the anonymous
budget is the larger one."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from graphql import GraphQLError

from core.throttle import client_ip

WINDOW_SECONDS = 60


class TooManyRequests(GraphQLError):
    """Over a budget: the code is where Saleor's clients look, and the view answers 429."""

    def __init__(self, message: str):
        super().__init__(message, extensions={"code": "TOO_MANY_REQUESTS"})


@dataclass(frozen=True)
class Client:
    key: str
    budget: int


def client_of(request, user) -> Client:
    if user is not None:
        return Client(f"user:{user.pk}", settings.GRAPHQL_USER_COST_PER_MINUTE)
    return Client(f"ip:{client_ip(request) or 'unknown'}", settings.GRAPHQL_ANONYMOUS_COST_PER_MINUTE)


def _key(client: Client) -> str:
    return f"ocop:graphql-cost:{client.key}:{int(time.time()) // WINDOW_SECONDS}"


def check_budget(client: Client) -> None:
    """Refuse a client already over its budget before its document is even parsed."""
    if (cache.get(_key(client)) or 0) >= client.budget:
        raise TooManyRequests(_message())


def spend(client: Client, amount: int) -> None:
    """Count ``amount`` first (atomic, so parallel requests cannot all slip under the budget),
    then refuse the request that went over."""
    key = _key(client)
    if cache.add(key, amount, WINDOW_SECONDS):
        spent = amount
    else:
        try:
            spent = cache.incr(key, amount)
        except ValueError:  # the window expired between add and incr
            cache.add(key, amount, WINDOW_SECONDS)
            spent = amount
    if spent > client.budget:
        raise TooManyRequests(_message())


def retry_after() -> int:
    return WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS


def _message() -> str:
    return f"Too many requests: this client's query budget for the minute is spent; retry in {retry_after()} s."
