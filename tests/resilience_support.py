"""Real dependency servers a test can kill and bring back (redis-server, osmem-server), and
a shopper's round of the storefront to drive while they fail. Every process started here
is stopped by its PID in the fixture's finaliser."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field

import pytest
from django.test import Client

from tests.checkout_support import add_to_basket, checkout_to_preview, place_order

REDIS_BINARY = "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, *, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


@dataclass
class RedisServer:
    """``redis-server`` on a loopback port, without persistence: a restart starts empty, as
    a cache server that lost its memory does."""

    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_BINARY, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        _wait_for_port(self.port)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def keys(self) -> list[bytes]:
        import redis

        return redis.Redis(port=self.port, socket_timeout=1).keys("*")


@pytest.fixture(scope="module")
def redis_server():
    """A redis-server of this module's own; the test may kill and restart it."""
    if not shutil.which(REDIS_BINARY):
        pytest.skip(f"no {REDIS_BINARY} (Debian's redis-server package)")
    server = RedisServer()
    server.start()
    yield server
    server.kill()


@dataclass
class Round:
    """What one round of shopping answered: (path, status) for every request."""

    answers: list[tuple[str, int]] = field(default_factory=list)

    @property
    def server_errors(self) -> list[tuple[str, int]]:
        return [(path, status) for path, status in self.answers if status >= 500]

    def get(self, client: Client, path: str, **extra):
        response = client.get(path, **extra)
        self.answers.append((path, response.status_code))
        return response


def browse(shopper: Client, product, round_: Round | None = None) -> Round:
    """Home, the listing, a search, a product page and /healthz, as a shopper (and the load
    balancer) would ask for them."""
    round_ = round_ or Round()
    for path in ("/", "/catalogue/", "/tim-kiem/?q=c%C3%A0+ph%C3%AA", "/api/search/?q=ca+phe",
                 product.get_absolute_url(), "/healthz"):
        round_.get(shopper, path)
    return round_


def buy_cash_on_delivery(shopper: Client, product) -> int:
    """A guest's whole checkout paying on delivery; the status of the placing request."""
    add_to_basket(shopper, product)
    checkout_to_preview(shopper, method="cod")
    return place_order(shopper).status_code


def shopper() -> Client:
    """A browser that shows server errors as status codes, as a real one sees them."""
    return Client(raise_request_exception=False)


@pytest.fixture(scope="module")
def osmem_server():
    """An osmem-server (OpenSearch-compatible) of this module's own, to kill mid-test."""
    from osmem_server import OsmemError, OsmemServer

    try:
        server = OsmemServer.start(japanese=False)
    except OsmemError as exc:
        pytest.skip(f"osmem-server could not start here: {exc}")
    yield server
    server.close()
