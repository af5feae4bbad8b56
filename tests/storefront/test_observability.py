"""Observability: a request id on every response and log line, JSON log lines, metrics for
loopback only, error reports to Sentry when a DSN is set."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.observability_support import json_log, sentry_events  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]
FRESH_ID = re.compile(r"^[0-9a-f]{32}$")


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``manage.py`` in a fresh process with these variables (settings are read once per
    process, so LOG_FORMAT and SENTRY_DSN need their own)."""
    clean = {k: v for k, v in os.environ.items()
             if k not in {"LOG_FORMAT", "SENTRY_DSN", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT,
                          env={**clean, "DEBUG": "1", **env}, capture_output=True, text=True, timeout=120)


@pytest.mark.smoke
@pytest.mark.django_db
def test_every_response_carries_a_fresh_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert FRESH_ID.match(first) and FRESH_ID.match(second)
    assert first != second


@pytest.mark.django_db
def test_the_request_id_nginx_sends_is_kept_and_echoed(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="4f2c0a9e1b7d4c3a8e6f5d2c1b0a9f8e")

    assert response["X-Request-ID"] == "4f2c0a9e1b7d4c3a8e6f5d2c1b0a9f8e"


@pytest.mark.parametrize("hostile", [
    pytest.param("abc\r\nSet-Cookie: x=1", id="header-injection"),
    pytest.param("abc\x00def", id="nul-byte"),
    pytest.param("a" * 1000, id="huge"),
    pytest.param('"}{"level":"CRITICAL', id="json-breaking"),
    pytest.param("", id="empty"),
])
@pytest.mark.django_db
def test_a_hostile_request_id_is_replaced_not_echoed(client, hostile):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=hostile)

    assert FRESH_ID.match(response["X-Request-ID"])


def test_production_logs_json_lines_on_stdout():
    result = _manage("shell", "-c", "import logging; logging.getLogger('ocop.check').warning('stock %s', 'low')",
                    LOG_FORMAT="json")

    assert result.returncode == 0, result.stderr
    (line,) = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {k: line[k] for k in ("level", "logger", "message", "request_id")} == {
        "level": "WARNING", "logger": "ocop.check", "message": "stock low", "request_id": "-"}
    assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", line["time"])


@pytest.mark.django_db
def test_each_line_of_a_request_names_it(client, json_log):
    # Given JSON logs; when a request is answered 404 (Django logs a warning for it)
    response = client.get("/khong-co-trang-nay/", HTTP_X_REQUEST_ID="req-0001")

    # then its lines name the request, and the access line says what was answered
    assert response.status_code == 404
    by_logger = {line["logger"]: line for line in json_log()}
    assert by_logger["django.request"]["level"] == "WARNING"
    assert by_logger["django.request"]["request_id"] == "req-0001"
    access = by_logger["storefront.access"]
    assert access["request_id"] == "req-0001"
    assert (access["method"], access["path"], access["status"]) == ("GET", "/khong-co-trang-nay/", 404)
    assert access["duration_ms"] >= 0


def test_text_logs_stay_readable_lines_on_stderr():
    result = _manage("shell", "-c", "import logging; logging.getLogger('ocop.check').warning('plain %s', 'text')",
                    LOG_FORMAT="text")

    assert result.returncode == 0, result.stderr
    assert "plain text" in result.stderr
    assert not any(line.startswith("{") for line in result.stdout.splitlines())


def test_an_unknown_log_format_is_refused():
    result = _manage("check", LOG_FORMAT="xml")

    assert result.returncode != 0
    assert "LOG_FORMAT must be one of json, text" in result.stderr


@pytest.mark.django_db
def test_metrics_answer_a_loopback_scraper(client):
    client.get("/healthz")

    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")

    assert response.status_code == 200
    assert b"django_http_requests_total_by_method_total" in response.content


@pytest.mark.django_db
def test_a_loopback_scraper_is_not_sent_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True  # production's default

    scraped = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    page = client.get("/catalogue/", REMOTE_ADDR="127.0.0.1")

    assert scraped.status_code == 200
    assert page.status_code == 301 and page["Location"].startswith("https://")


@pytest.mark.parametrize("headers", [
    pytest.param({"REMOTE_ADDR": "203.0.113.7"}, id="outside-address"),
    pytest.param({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}, id="through-nginx"),
])
@pytest.mark.django_db
def test_metrics_are_not_public(client, headers):
    response = client.get("/metrics", **headers)

    assert response.status_code == 404
    assert b"django_http" not in response.content


def test_error_reporting_is_on_only_with_a_dsn():
    code = "import sentry_sdk; print('ACTIVE', sentry_sdk.get_client().is_active())"

    without = _manage("shell", "-c", code)
    # A DSN on a reserved name: nothing is sent, since nothing goes wrong in this process.
    with_dsn = _manage("shell", "-c", code, SENTRY_DSN="https://public@sentry.invalid/1")

    assert "ACTIVE False" in without.stdout, without.stderr
    assert "ACTIVE True" in with_dsn.stdout, with_dsn.stderr


@pytest.mark.django_db
def test_an_error_report_names_the_request_and_no_personal_data(client, sentry_events):
    with pytest.raises(ZeroDivisionError):
        client.get("/__boom__/", HTTP_X_REQUEST_ID="req-boom", HTTP_COOKIE="sessionid=secret-session")

    (event,) = [e for e in sentry_events if e.get("exception")]
    assert event["tags"]["request_id"] == "req-boom"
    assert event["exception"]["values"][-1]["type"] == "ZeroDivisionError"
    assert "secret-session" not in json.dumps(event)
    assert "user" not in event or not event["user"].get("ip_address")
