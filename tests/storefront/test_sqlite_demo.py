"""The demo on SQLite (issue 18, finding 9): three people writing at once (an import, a
Wagtail save, a counter sale) get no "database is locked", with the settings' WAL journal
and immediate transactions, on a real database file."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.sqlite_support import ROUNDS

ROOT = Path(__file__).resolve().parents[2]


def test_three_concurrent_writers_on_the_demo_file_never_meet_a_locked_database(tmp_path):
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}

    result = subprocess.run([sys.executable, "-m", "tests.sqlite_support"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["units_left"] == 1000 - ROUNDS  # every sale counted, none lost
    assert outcome["journal_mode"] == "wal"
