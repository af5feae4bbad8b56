"""Shared harness for the benchmark scripts: production-like settings, in-process requests,
server time and SQL query counts per page, p50/p95 printed as a table."""

import os
import secrets
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def unshadow_libraries() -> None:
    """Take this folder off the import path: ``benchmarks/graphql.py`` (the name the issue
    gives it) would otherwise be what ``import graphql`` finds, in every script here."""
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]


def setup_django() -> None:
    """DEBUG off like production (no query logging, cached templates), loopback only."""
    unshadow_libraries()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,lamdong.localhost")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # Static files: plain storage so the benchmark needs no collectstatic run first.
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()


@dataclass
class Measurement:
    name: str
    times_ms: list[float]
    queries: int
    status: int
    cpu_ms: list[float] = field(default_factory=list)  # this process's CPU per request: steadier on a shared machine

    @property
    def p50(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(client, name: str, url: str, *, requests: int, warmup: int = 3) -> Measurement:
    from django.db import connection

    for _ in range(warmup):
        client.get(url)
    # Count with an execute wrapper: Django resets its query log at each request start.
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    times, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return Measurement(name, times, len(executed), response.status_code, cpu)


def report(title: str, rows: list[Measurement], targets: dict[str, float] | None = None) -> bool:
    from django.db import connection

    targets = targets or {}
    print(f"\n{title}  (database: {connection.vendor}, DEBUG off, in-process requests, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    print(f"{'page':<28}{'status':>7}{'p50 ms':>9}{'p95 ms':>9}{'cpu p50':>9}{'queries':>9}  target p95")
    ok = True
    for row in rows:
        target = targets.get(row.name)
        verdict = ""
        if target is not None:
            met = row.p95 <= target and row.status == 200
            ok &= met
            verdict = f"≤ {target:.0f} ms {'met' if met else 'MISSED'}"
        cpu = f"{statistics.median(row.cpu_ms):.1f}" if row.cpu_ms else "-"
        print(f"{row.name:<28}{row.status:>7}{row.p50:>9.1f}{row.p95:>9.1f}{cpu:>9}{row.queries:>9}  {verdict}")
    return ok


def seeded_catalogue(*, products: int) -> int:
    """Migrate, seed the demo (idempotent) and generate products up to ``products``, each
    with its certificate; how many were made now."""
    from django.core.management import call_command

    from demo.seeding import generate_catalog, seed_demo

    call_command("migrate", verbosity=0)
    seed_demo(password="ocop-demo-2026")
    return generate_catalog(products=products, seed=1)
