"""pytest plugin (registered in pytest.ini with ``-p``): a plain ``pytest`` run is local work.

Settings default to production (DEBUG unset means off, and then SECRET_KEY and ALLOWED_HOSTS
are required). pytest-django loads the settings before any conftest is imported, so the
default must be in place earlier: this wrapper runs before pytest-django's own
``pytest_load_initial_conftests``. An explicit DEBUG in the environment still wins.
"""

import os
import tempfile

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    os.environ.setdefault("DEBUG", "1")
    # Certificate scans written by tests go to a throw-away folder, not the project's.
    os.environ.setdefault("PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="ocop-private-media-"))
    return (yield)
