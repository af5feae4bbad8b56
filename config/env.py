"""The one reader of the environment: typed reads with local defaults."""

import argparse
import os
import shlex

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no; got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer; got {raw!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_required(name: str, reason: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set {reason}.")
    return value



def declared_web_processes() -> int:
    """How many web processes the environment declares for gunicorn: ``--workers``/``-w`` in
    ``GUNICORN_CMD_ARGS``, else ``WEB_CONCURRENCY`` (gunicorn's own default), else 1."""
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    parser.add_argument("-w", "--workers", type=int)
    try:
        workers = parser.parse_known_args(shlex.split(env_str("GUNICORN_CMD_ARGS")))[0].workers
    except (argparse.ArgumentError, ValueError) as exc:
        raise ImproperlyConfigured(f"GUNICORN_CMD_ARGS has an unreadable --workers: {exc}") from exc
    return workers if workers is not None else env_int("WEB_CONCURRENCY", 1)


def other_processes() -> list[str]:
    """The processes the environment declares beside this one that would share a cache:
    more gunicorn workers, a task worker (the database task backend)."""
    found = []
    if (web := declared_web_processes()) > 1:
        found.append(f"{web} web processes (GUNICORN_CMD_ARGS or WEB_CONCURRENCY)")
    if env_str("TASKS_BACKEND").startswith("django_tasks_db"):
        found.append("a task worker (TASKS_BACKEND)")
    return found
