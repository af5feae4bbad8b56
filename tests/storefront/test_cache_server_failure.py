"""The cache server (Redis) dies mid-traffic and comes back (issue 18, finding 1): the shop
answers every page without a server error, a cash-on-delivery order is placed while it is
down, and the shared cache is used again once it is back."""

import time

import pytest
from django.core.cache import cache
from oscar.core.loading import get_model

from core.cache import cache_settings
from tests.resilience_support import browse, buy_cash_on_delivery, redis_server, shopper  # noqa: F401

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(redis_server, settings):  # noqa: F811
    """The settings' own cache for REDIS_URL, pointed at this module's redis-server; a
    failed server is tried again after 0.2 s instead of the production 5 s."""
    settings.CACHES = {"default": cache_settings(redis_server.url, retry_seconds=0.2)}
    yield redis_server
    if redis_server.process.poll() is not None:
        redis_server.start()
    cache.clear()


def test_the_shop_sells_while_the_cache_server_is_down_and_recovers(redis_cache, shop):
    # given a shopper browsing with the cache server up
    product = shop["coffee"]
    before = browse(shopper(), product)
    assert before.server_errors == []
    assert redis_cache.keys(), "the pages used the shared cache"

    # when the cache server dies mid-traffic
    redis_cache.kill()
    during = browse(shopper(), product)
    browse(shopper(), product, during)
    buyer = shopper()
    placed = buy_cash_on_delivery(buyer, product)
    health_down = buyer.get("/healthz")

    # then every page still answers, the order is placed and /healthz names the cache
    assert during.server_errors == []
    assert [status for _path, status in during.answers] == [200] * 12
    assert placed == 302
    assert Order.objects.count() == 1
    assert health_down.status_code == 200
    assert health_down.json()["cache"].startswith("error")
    assert health_down.json()["database"] == "ok"

    # and when it comes back, the shared cache is used again
    redis_cache.start()
    time.sleep(0.3)
    after = browse(shopper(), product)
    assert after.server_errors == []
    assert redis_cache.keys(), "the pages use the shared cache again"
    assert shopper().get("/healthz").json()["cache"] == "ok"
