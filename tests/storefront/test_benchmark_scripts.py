"""The benchmark scripts run from their folder, where ``benchmarks/graphql.py`` (the name the
issue gives it) would shadow the graphql-core package for every script: the shared harness
takes the folder off the import path before Django loads the API."""

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_after_the_harness_unshadows_graphql_is_the_library_not_the_script():
    code = ("import sys; sys.path.insert(0, {folder!r}); import _harness; _harness.unshadow_libraries(); "
            "import graphql.type, graphql; print(graphql.__file__)").format(folder=str(BENCHMARKS))
    result = subprocess.run([sys.executable, "-c", code], cwd=BENCHMARKS, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "site-packages" in result.stdout and "benchmarks" not in result.stdout


def test_without_it_the_script_shadows_the_library():
    """The check above can fail: the script folder first on the path does shadow graphql-core."""
    code = "import sys; sys.path.insert(0, {folder!r}); import graphql.type".format(folder=str(BENCHMARKS))
    result = subprocess.run([sys.executable, "-c", code], cwd=BENCHMARKS, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "not a package" in result.stderr
