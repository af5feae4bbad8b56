"""A shopper over HTTP, as a browser would send it through nginx: pages, search, GraphQL, and
a cash-on-delivery checkout as a guest (basket, gateway, address, shipping, payment, place).

Used by make prod-check (deploy/prod_check.py) and the load benchmark (benchmarks/load.py).
A step that meets a 502/503/504 or a connection dropped before or during the answer (a
machine going away) is sent again,
up to ``retries`` times: placing an order is idempotent per basket, so a repeated
place-order returns the order the first one made, never a second.
"""

import random
import re
import time
from dataclasses import dataclass, field

import requests

ADDRESS = {"first_name": "Khách Kiểm Tra", "line1": "12 Lê Duẩn", "notes": ""}
RETRIED_STATUSES = {502, 503, 504}
GRAPHQL_PRODUCTS = "query { products(first: 12, channel: \"default-channel\") { edges { node { id name slug } } } }"


@dataclass
class Answer:
    """One request as the shopper saw it (after retries)."""

    name: str
    status: int
    seconds: float
    retries: int = 0


@dataclass
class Shopper:
    base_url: str
    certificate: str | bool = True
    retries: int = 3
    timeout: float = 30
    answers: list[Answer] = field(default_factory=list)

    def __post_init__(self):
        self.session = requests.Session()
        self.session.verify = self.certificate
        # Django's CSRF check on HTTPS compares Origin (or Referer) with the host.
        self.session.headers.update({"Origin": self.base_url, "Referer": f"{self.base_url}/",
                                     "User-Agent": "ocop-prod-check"})

    def forget(self) -> None:
        """Becomes a new guest: no session, no basket, no CSRF cookie."""
        self.session.cookies.clear()

    # -- requests ----------------------------------------------------------------------------
    def request(self, name: str, method: str, path: str, **options) -> requests.Response:
        """Sends one request, again after a 502/503/504 or a dropped connection; records it."""
        # Per request: requests lets REQUESTS_CA_BUNDLE override a session's own verify.
        options.setdefault("verify", self.certificate)
        started = time.perf_counter()
        for attempt in range(self.retries + 1):
            try:
                response = self.session.request(method, f"{self.base_url}{path}", timeout=self.timeout, **options)
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):  # cut mid-answer
                if attempt == self.retries:
                    self.answers.append(Answer(name, 0, time.perf_counter() - started, attempt))
                    raise
                time.sleep(0.2)
                continue
            if response.status_code not in RETRIED_STATUSES or attempt == self.retries:
                break
            time.sleep(0.2)
        self.answers.append(Answer(name, response.status_code, time.perf_counter() - started, attempt))
        return response

    def get(self, name: str, path: str, **options) -> requests.Response:
        return self.request(name, "GET", path, **options)

    def post_form(self, name: str, path: str, data: dict, **options) -> requests.Response:
        token = self.session.cookies.get("csrftoken", "")
        return self.request(name, "POST", path, data={"csrfmiddlewaretoken": token, **data}, **options)

    # -- what a shopper does -------------------------------------------------------------------
    def browse(self, *, product_path: str, query: str = "ca phe") -> None:
        self.get("home", "/")
        self.get("listing", "/catalogue/")
        self.get("search", f"/tim-kiem/?q={query}")
        self.get("product", product_path)

    def graphql_products(self) -> requests.Response:
        return self.request("graphql", "POST", "/graphql/", json={"query": GRAPHQL_PRODUCTS})

    def checkout_cod(self, *, product_id: int, product_path: str, province: str, ward: str, email: str) -> str:
        """A guest's cash-on-delivery order of one unit; returns the thank-you page's text."""
        self.get("product", product_path)  # sets the CSRF cookie, as the browser's visit would
        steps = [
            ("basket-add", f"/basket/add/{product_id}/", {"quantity": 1}),
            ("checkout-gateway", "/checkout/", {"username": email, "options": "anonymous"}),
            ("checkout-address", "/checkout/shipping-address/",
             {**ADDRESS, "phone_number": f"091{random.randrange(10**7):07d}", "province": province, "ward": ward}),
            ("checkout-shipping", "/checkout/shipping-method/", {"method_code": "giao-tieu-chuan"}),
            ("checkout-payment", "/checkout/payment-method/", {"payment_method": "cod"}),
            ("checkout-place", "/checkout/preview/", {"action": "place_order"}),
        ]
        for name, path, data in steps:
            response = self.post_form(name, path, data)
            if response.status_code >= 400:
                raise CheckoutFailed(f"{name}: HTTP {response.status_code}")
        if not response.url.endswith("/checkout/thank-you/"):
            raise CheckoutFailed(f"placing ended on {response.url}, not the thank-you page")
        return response.text


class CheckoutFailed(Exception):
    """A checkout step was refused or the order was not placed."""


def order_number(thank_you_html: str) -> str | None:
    """The order number the thank-you page shows (Oscar's numbers are digits)."""
    match = re.search(r"\b(\d{6,})\b", thank_you_html)
    return match.group(1) if match else None
