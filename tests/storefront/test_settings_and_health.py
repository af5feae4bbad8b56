"""Settings refuse an unsafe production start; /healthz reports each dependency."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connection

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE",
                          "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.smoke
def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="0", ALLOWED_HOSTS="ocop.example.vn")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG=0" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _manage("check", DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG=0" in result.stderr


def test_deploy_check_is_clean_with_production_variables():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="0",
                     SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="ocop.example.vn")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_malformed_boolean_is_refused_not_guessed():
    result = _manage("check", DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


@pytest.mark.smoke
@pytest.mark.django_db
def test_healthz_reports_database_and_search(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "search": "ok",
                               "storage": "ok", "worker": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_naming_the_database_when_the_driver_fails(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "error"


# Transactional: the migrated rows are put back after it (tests/db_support.py).
@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_when_postgresql_is_really_unreachable(client):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: an in-memory SQLite test database cannot be disconnected")
    original_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original_port

    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"


@pytest.mark.django_db
def test_vietnamese_is_the_default_even_for_an_english_browser(client):
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.headers["Content-Language"] == "vi"


@pytest.mark.django_db
def test_the_language_switcher_leads_to_the_english_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/catalogue/"})

    assert response["Location"] == "/en/catalogue/"
    assert client.get(response["Location"]).headers["Content-Language"] == "en"


def test_redis_url_switches_the_cache_to_redis():
    result = _manage("shell", "-c", "from django.core.cache import caches; cache = caches['default']; "
                     "cache.set('ocop-probe', 42); print(type(cache).__name__, cache.get('ocop-probe'))",
                     DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/15")

    if "Connection refused" in result.stderr or "Error 111" in result.stderr:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("FailSafeRedisCache 42")


PRODUCTION = {"DEBUG": "0", "ALLOWED_HOSTS": "ocop.example.vn"}


@pytest.mark.parametrize("declared, named", [
    ({"WEB_CONCURRENCY": "4"}, "4 web processes"),
    ({"GUNICORN_CMD_ARGS": "--bind 127.0.0.1:8001 --workers 3"}, "3 web processes"),
    ({"GUNICORN_CMD_ARGS": "-w2"}, "2 web processes"),
    ({"TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}, "a task worker"),
], ids=["web-concurrency", "gunicorn-workers", "gunicorn-w", "task-worker"])
def test_production_refuses_the_local_memory_cache_for_more_than_one_process(declared, named):
    result = _manage("check", SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION, **declared)

    assert result.returncode != 0
    assert "REDIS_URL must be set when DEBUG=0 with " + named in result.stderr


@pytest.mark.parametrize("declared", [
    {"WEB_CONCURRENCY": "1"},
    {"WEB_CONCURRENCY": "4", "REDIS_URL": "redis://127.0.0.1:6379/15"},
], ids=["one-process", "with-redis"])
def test_production_starts_with_one_process_or_with_redis(declared):
    result = _manage("check", SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION, **declared)

    assert result.returncode == 0, result.stderr
