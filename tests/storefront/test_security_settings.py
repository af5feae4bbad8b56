"""Safe by default: an unset DEBUG is production, and production needs its secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_OURS = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _run(*command: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in _OURS}
    return subprocess.run(list(command), cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=180)


def test_unset_debug_without_a_secret_key_refuses_to_start_and_says_how_to_work_locally():
    result = _run(sys.executable, "manage.py", "check", ALLOWED_HOSTS="ocop.example.vn")

    assert result.returncode != 0
    assert ("SECRET_KEY must be set when DEBUG=0 (production is the default; "
            "set DEBUG=1 for local development).") in result.stderr


def test_unset_debug_without_allowed_hosts_refuses_to_start():
    result = _run(sys.executable, "manage.py", "check", SECRET_KEY="x" * 60)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG=0, comma-separated" in result.stderr


def test_unset_debug_with_production_variables_is_production():
    result = _run(sys.executable, "manage.py", "shell", "-c",
                  "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
                  SECRET_KEY="x" * 60, ALLOWED_HOSTS="ocop.example.vn")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False True"


def test_debug_1_is_local_work_with_the_development_key():
    result = _run(sys.executable, "manage.py", "shell", "-c",
                  "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY)",
                  DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True local-development-only-not-a-secret"


def test_a_plain_pytest_run_without_debug_gets_local_settings_from_the_plugin(tmp_path):
    # pytest.ini registers config.pytest_defaults, which sets DEBUG=1 before pytest-django
    # loads the settings; without it this collection would fail on the missing SECRET_KEY.
    # The `pytest` script itself, from another folder: the project is not on sys.path then.
    pytest_script = Path(sys.executable).with_name("pytest")
    result = subprocess.run(
        [str(pytest_script), "-q", "-p", "no:cacheprovider", "--collect-only",
         str(Path(__file__))],
        cwd=tmp_path, env={k: v for k, v in os.environ.items() if k not in _OURS},
        capture_output=True, text=True, timeout=180)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 tests collected" in result.stdout
