"""Search benchmark: p50/p95 server time and SQL queries per request for typical searches.

    python manage.py generate_catalog --products 20000 --seed 1
    python benchmarks/search.py --rebuild          # time a full rebuild, then the queries
    python benchmarks/search.py --runs 100         # queries only

Uses whatever DATABASE_URL and SEARCH_BACKEND say (the database backend by default). Each
request goes through Django's full stack (``/api/search/`` via the test client, no network),
after two warm-up requests; the reference data cache is warm as on a running site.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from _harness import setup_django  # noqa: E402

# Production-like settings (DEBUG off, as the other benchmarks): production is the default.
setup_django()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalogue.rules import today_in_vietnam  # noqa: E402
from search.backends import get_backend  # noqa: E402
from search.documents import count_sellable  # noqa: E402

TYPICAL = [
    ("text only", "/api/search/", {"q": "mật ong"}),
    ("text, no diacritics", "/api/search/", {"q": "nuoc mam"}),
    ("text + province + stars", "/api/search/", {"q": "cà phê", "province": "lam-dong", "stars": "4"}),
    ("former province + min_stars", "/api/search/", {"province": "binh-thuan", "min_stars": "4"}),
    ("facets only (no text)", "/api/search/", {}),
    ("sort by price", "/api/search/", {"sort": "price"}),
    ("text, sort by -stars, page 3", "/api/search/", {"q": "tra", "sort": "-stars", "page": "3"}),
    ("suggest", "/api/search/suggest/", {"q": "nuoc ma"}),
]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def measure(client: Client, path: str, params: dict, runs: int) -> tuple[list[float], int, int]:
    for _ in range(2):
        client.get(path, params)
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path, params)
            times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} {params}: HTTP {response.status_code} {response.content[:300]!r}")
        queries = max(queries, len(captured.captured_queries))
    body = response.json()
    count = body["count"] if "count" in body else len(body["suggestions"])
    return times, queries, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--rebuild", action="store_true", help="time a full rebuild first")
    args = parser.parse_args()

    day = today_in_vietnam()
    print(f"database: {connection.vendor}, search backend: {settings.SEARCH_BACKEND}, "
          f"sellable products: {count_sellable(day=day)}")
    if args.rebuild:
        start = time.perf_counter()
        written = get_backend().rebuild(day=day, total=0)
        print(f"full rebuild: {written} documents in {time.perf_counter() - start:.1f} s")

    client = Client()
    print(f"{'query':32} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'matches':>8}")
    for name, path, params in TYPICAL:
        times, queries, count = measure(client, path, params, args.runs)
        print(f"{name:32} {statistics.median(times):8.1f} {percentile(times, 95):8.1f} "
              f"{queries:8d} {count:8d}")


if __name__ == "__main__":
    main()
