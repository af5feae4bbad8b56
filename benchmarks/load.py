"""Load benchmark against the production topology (deploy/topology.py: nginx with TLS → two
gunicorn machines, Redis, osmem-server, PostgreSQL, the task worker), from this machine.

    .venv/bin/python benchmarks/load.py [--clients 8,32,64] [--seconds 20]
                                        [--models gthread:2x4,sync:3] [--json results.json]

For each worker model (``class:workers`` or ``class:workersxthreads``, per machine), both
machines are restarted with it, then for each number of concurrent clients two phases run:

1. pages: every client loops over the storefront's pages (home, listing, a search, a
   product) and GraphQL ``products(first: 12)``;
2. checkout: every client places cash-on-delivery orders as a guest, start to finish.

Prints requests/s, p50/p95 per kind of request, errors (5xx, dropped connections and any
answer that is not 200/302), orders/s, and the machine's load average before and after.
Targets (2-core machine, 32 clients): pages p95 ≤ 300 ms with 0 errors; ≥ 20 orders/s.
The clients run on the same machine as the servers and take part of its two cores.
Loopback only; each phase is bounded in time.
"""

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from _harness import ROOT, unshadow_libraries

unshadow_libraries()  # benchmarks/graphql.py would shadow the graphql package
sys.path.insert(0, str(ROOT / "deploy"))
from shopper import CheckoutFailed, Shopper  # noqa: E402
from topology import Topology  # noqa: E402

QUERIES = ("ca phe", "nuoc mam", "mat ong", "tra", "gao", "banh")
PAGE_TARGET_P95_MS = 300
ORDERS_TARGET = 20


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


@dataclass
class Phase:
    model: str
    clients: int
    phase: str
    seconds: float
    requests: int
    errors: int
    orders: int
    p50_ms: dict
    p95_ms: dict
    load_before: str
    load_after: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def line(self) -> str:
        kinds = " ".join(f"{k} {self.p50_ms[k]:.0f}/{self.p95_ms[k]:.0f}" for k in sorted(self.p50_ms))
        orders = f" {self.orders / self.seconds:.1f} orders/s" if self.phase == "checkout" else ""
        return (f"{self.model:<12} {self.clients:>3} {self.phase:<8} {self.rps:7.1f} req/s  errors {self.errors:<4}"
                f"{orders}  p50/p95 ms: {kinds}  load {self.load_before} → {self.load_after}")


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def catalogue(topology: Topology) -> tuple[list[dict], str]:
    """Sellable products (id and page) from the public search API, and a ward for addresses."""
    shopper = Shopper(topology.url, certificate=topology.certificate)
    products = {}
    for query in QUERIES:
        for result in shopper.get("api", f"/api/search/?q={query}&page_size=50").json()["results"]:
            products[result["id"]] = {"id": result["id"], "path": result["url"]}
    ward = topology.sql("SELECT w.code FROM catalogue_ward w JOIN catalogue_province p ON p.id = w.province_id "
                        "WHERE p.slug = 'lam-dong' ORDER BY w.code LIMIT 1")[0][0]
    return list(products.values()), ward


def run_phase(topology: Topology, *, model: str, clients: int, phase: str, seconds: float,
              products: list[dict], ward: str) -> Phase:
    stop = threading.Event()
    shoppers = [Shopper(topology.url, certificate=topology.certificate, retries=0) for _ in range(clients)]
    orders = [0] * clients
    failures = [0] * clients

    def pages(i: int, shopper: Shopper) -> None:
        rng = random.Random(i)
        while not stop.is_set():
            kind = rng.choice(("home", "listing", "search", "product", "graphql"))
            if kind == "graphql":
                shopper.graphql_products()
            elif kind == "search":
                shopper.get("search", f"/tim-kiem/?q={rng.choice(QUERIES)}")
            elif kind == "product":
                shopper.get("product", rng.choice(products)["path"])
            else:
                shopper.get(kind, {"home": "/", "listing": "/catalogue/"}[kind])

    def checkout(i: int, shopper: Shopper) -> None:
        rng = random.Random(i)
        n = 0
        while not stop.is_set():
            product = rng.choice(products)
            try:
                shopper.forget()  # a new guest: fresh cookies, a new basket
                shopper.checkout_cod(product_id=product["id"], product_path=product["path"], province="lam-dong",
                                     ward=ward, email=f"load-{phase}-{clients}-{i}-{n}@bench.vn")
                orders[i] += 1
            except (CheckoutFailed, OSError) as exc:
                failures[i] += 1
                print(f"  checkout failed: {exc}", file=sys.stderr)
            n += 1

    work = pages if phase == "pages" else checkout
    before = load_average()
    threads = [threading.Thread(target=work, args=(i, s), daemon=True) for i, s in enumerate(shoppers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.perf_counter() - started
    answers = [a for s in shoppers for a in s.answers]
    by_kind = {}
    for answer in answers:
        by_kind.setdefault(answer.name, []).append(answer.seconds * 1000)
    errors = sum(1 for a in answers if a.status not in (200, 302)) + sum(failures)
    return Phase(model, clients, phase, elapsed, len(answers), errors, sum(orders),
                 {k: statistics.median(v) for k, v in by_kind.items()},
                 {k: percentile(v, 0.95) for k, v in by_kind.items()}, before, load_average())


def parse_model(text: str) -> dict:
    """``gthread:2x4`` → 2 workers of 4 threads per machine; ``sync:3`` → 3 workers."""
    worker_class, _, size = text.partition(":")
    workers, _, threads = size.partition("x")
    return {"worker_class": worker_class, "workers": int(workers or 2), "threads": int(threads or 1)}


def use_model(topology: Topology, model: dict) -> None:
    """Restarts both web machines with this worker model (nginx and the data stay)."""
    topology.worker_class, topology.workers, topology.threads = model["worker_class"], model["workers"], model["threads"]
    for name in ("web1", "web2"):
        topology.kill(name, 15)
        topology.start_web(name)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="8,32,64")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--models", default="gthread:2x4")
    parser.add_argument("--phases", default="pages,checkout")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = []
    with Topology(media="local", log=lambda m: print(m, flush=True)) as topology:
        products, ward = catalogue(topology)
        print(f"{len(products)} products; load average {load_average()}; {os.cpu_count()} cores", flush=True)
        for model_text in args.models.split(","):
            use_model(topology, parse_model(model_text))
            warm = Shopper(topology.url, certificate=topology.certificate)
            for product in products[:20]:
                warm.browse(product_path=product["path"])
            for clients in map(int, args.clients.split(",")):
                for phase in args.phases.split(","):
                    result = run_phase(topology, model=model_text, clients=clients, phase=phase,
                                       seconds=args.seconds, products=products, ward=ward)
                    results.append(result)
                    print(result.line(), flush=True)
                    if args.json:  # after each phase: a run stopped early keeps what it measured
                        args.json.write_text(json.dumps([{**asdict(r), "rps": r.rps} for r in results], indent=1))
    return verdict(results)


def verdict(results: list[Phase]) -> int:
    """Exit 1 when a 32-client phase misses its target."""
    missed = []
    for r in results:
        if r.clients != 32:
            continue
        if r.phase == "pages" and (r.errors or max(r.p95_ms.values()) > PAGE_TARGET_P95_MS):
            missed.append(f"{r.model} pages: p95 {max(r.p95_ms.values()):.0f} ms, {r.errors} errors")
        if r.phase == "checkout" and r.orders / r.seconds < ORDERS_TARGET:
            missed.append(f"{r.model} checkout: {r.orders / r.seconds:.1f} orders/s")
    for line in missed:
        print(f"target missed: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
