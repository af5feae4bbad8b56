"""pytest-xdist (``make test`` runs ``-n auto``): the demo's tests go to one worker together,
so the demo is seeded once a run, and every other test is scheduled on its own.

xdist's ``--dist loadgroup`` marks a group by renaming node ids (``item._nodeid``), which
pytest 9 no longer reads, so each group would be spread over the workers. Instead, each
worker writes the ids of its tests that take ``seeded_demo`` to a folder the controller
names, and the controller schedules with xdist's LoadScope, one scope for those tests and
one per other test. LoadScope hands out its largest scope first, so the demo starts early.
Only for ``--dist load`` (what ``-n`` means alone); any other ``--dist`` is xdist's own.
"""

import json
import shutil
import tempfile
from pathlib import Path

from xdist.scheduler import LoadScopeScheduling

FOLDER = "ocop_test_groups"


class GroupsOnOneWorker:
    """Controller side: registered by tests/conftest.py when tests run under xdist."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="ocop-xdist-groups-")

    def pytest_configure_node(self, node):
        node.workerinput[FOLDER] = self.folder

    def pytest_unconfigure(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def pytest_xdist_make_scheduler(self, config, log):
        if config.getvalue("dist") != "load":
            return None
        return GroupScheduling(config, log, folder=self.folder)


class GroupScheduling(LoadScopeScheduling):
    def __init__(self, config, log=None, *, folder: str):
        super().__init__(config, log)
        self.folder = Path(folder)
        self.groups: dict[str, str] | None = None

    def _split_scope(self, nodeid: str) -> str:
        # Called once every worker has collected, so every worker's file is written.
        if self.groups is None:
            self.groups = {}
            for path in self.folder.glob("*.json"):
                self.groups.update(json.loads(path.read_text()))
        return self.groups.get(nodeid, nodeid)


def write_groups(config, groups: dict[str, str]) -> None:
    """Worker side: which group each grouped test belongs to (nothing outside xdist)."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput and FOLDER in workerinput:
        path = Path(workerinput[FOLDER]) / f"{workerinput['workerid']}.json"
        path.write_text(json.dumps(groups))
