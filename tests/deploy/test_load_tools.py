"""The HTTP shopper of make prod-check and the load benchmark: a machine going away (502, a
dropped connection) is retried, a server error is not hidden; the benchmark's verdict."""

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
from shopper import Shopper  # noqa: E402


def _load_benchmark():
    """benchmarks/load.py, with its folder on the path only while importing it: left there,
    benchmarks/graphql.py would shadow the graphql package for every later test module."""
    folder = str(ROOT / "benchmarks")
    sys.path.insert(0, folder)
    try:
        import load
    finally:
        sys.path[:] = [p for p in sys.path if p != folder]
    return load


@pytest.fixture
def server():
    """A loopback server answering each path with the statuses queued for it, then 200."""
    queued: dict[str, list[int]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            statuses = queued.get(self.path)
            status = statuses.pop(0) if statuses else 200
            if status == 0:  # drop the connection without an answer
                self.connection.close()
                return
            if status == -1:  # promise a body, then drop the connection mid-answer
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                self.wfile.write(b"partial")
                self.wfile.flush()
                self.connection.shutdown(2)
                return
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", queued
    httpd.shutdown()


@pytest.mark.parametrize("failures", [[502], [503, 502], [0], [-1]],
                         ids=["bad-gateway", "two-in-a-row", "dropped", "cut-mid-answer"])
def test_a_machine_going_away_is_retried(server, failures):
    url, queued = server
    queued["/"] = list(failures)
    shopper = Shopper(url, certificate=False)

    response = shopper.get("home", "/")

    assert response.status_code == 200
    assert [(a.name, a.status, a.retries) for a in shopper.answers] == [("home", 200, len(failures))]


def test_a_server_error_is_reported_not_retried(server):
    url, queued = server
    queued["/"] = [500]
    shopper = Shopper(url, certificate=False)

    assert shopper.get("home", "/").status_code == 500
    assert shopper.answers[0].retries == 0


def test_retries_stop_and_the_last_answer_counts(server):
    url, queued = server
    queued["/"] = [502, 502, 502]
    shopper = Shopper(url, certificate=False, retries=2)

    assert shopper.get("home", "/").status_code == 502
    assert shopper.answers[0].retries == 2


def test_the_benchmark_misses_its_target_on_errors_or_a_slow_p95():
    load = _load_benchmark()
    Phase, parse_model, verdict = load.Phase, load.parse_model, load.verdict

    def phase(kind, *, errors=0, p95=100.0, orders=0):
        return Phase("gthread:2x4", 32, kind, 10.0, 100, errors, orders, {"home": 50.0}, {"home": p95}, "1", "1")

    assert parse_model("gthread:2x4") == {"worker_class": "gthread", "workers": 2, "threads": 4}
    assert parse_model("sync:3") == {"worker_class": "sync", "workers": 3, "threads": 1}
    assert verdict([phase("pages"), phase("checkout", orders=250)]) == 0
    assert verdict([phase("pages", errors=1)]) == 1
    assert verdict([phase("pages", p95=301.0)]) == 1
    assert verdict([phase("checkout", orders=150)]) == 1  # 15 orders/s
