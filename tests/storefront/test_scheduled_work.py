"""Issue 18, finding 8: scheduled work on N machines. Every machine carries the same timers;
each scheduled command runs once however many start it, a failed daily run still queues the
next one, and ``--schedule`` twice makes one chain, not two."""

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections

from core.single_run import single_run

pytestmark = pytest.mark.django_db
PROJECT = Path(__file__).resolve().parents[2]
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="advisory locks are PostgreSQL's; on SQLite (one machine, the demo) the lock is a no-op",
)
SCHEDULED = [
    ("ocop_daily", "storefront.management.commands.ocop_daily.run_daily"),
    ("expire_unpaid_orders", "checkout.management.commands.expire_unpaid_orders.expire_unpaid_orders"),
    ("cancel_abandoned_card_orders",
     "checkout.management.commands.cancel_abandoned_card_orders.cancel_abandoned_card_orders"),
    ("expire_certificates", "producers.management.commands.expire_certificates.expire_certificates"),
]


def _call(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@on_postgresql
@pytest.mark.parametrize("command, work", SCHEDULED, ids=[c for c, _ in SCHEDULED])
def test_a_scheduled_command_started_on_two_machines_at_once_runs_once(command, work, monkeypatch):
    # given the command's work, slow enough that a second machine starts while it runs
    runs, first_started, second_done = [], threading.Event(), threading.Event()

    def slow_work(**kwargs):
        runs.append(threading.current_thread().name)
        first_started.set()
        assert second_done.wait(10), "the second run never finished"
        raise SystemExit("stop here: the work itself is not under test")

    monkeypatch.setattr(work, slow_work)
    outputs = {}

    def machine(name):
        try:
            outputs[name] = _call(command)
        except SystemExit:
            outputs[name] = "ran"
        finally:
            connections.close_all()
            if name == "second":
                second_done.set()

    # when two "machines" (threads with their own database sessions) start it at once
    first = threading.Thread(target=machine, args=("first",), name="first")
    first.start()
    assert first_started.wait(10)
    second = threading.Thread(target=machine, args=("second",), name="second")
    second.start()
    second.join(10)
    first.join(10)

    # then the work ran once; the other saw the lock and did nothing
    assert runs == ["first"]
    assert outputs == {"first": "ran", "second": f"{command}: another run holds the lock; nothing done.\n"}


@on_postgresql
def test_a_second_process_exits_0_saying_another_run_holds_the_lock():
    # given this session holds the lock of a run in progress elsewhere
    with single_run("expire_unpaid_orders") as held:
        assert held
        # when another process (a second machine's timer) starts the command
        result = subprocess.run(
            [sys.executable, "manage.py", "expire_unpaid_orders"], cwd=PROJECT, capture_output=True, text=True,
            timeout=120, env={**os.environ, "DEBUG": "1", "DATABASE_URL": _database_url()},
        )

    # then it exits 0 and says why it did nothing
    assert (result.returncode, result.stdout) == (0, "expire_unpaid_orders: another run holds the lock; nothing done.\n")
    # and once the lock is free the command runs
    assert _call("expire_unpaid_orders") == "0 unpaid order(s) cancelled: -\n"


@on_postgresql
def test_the_lock_is_released_when_the_run_raises(monkeypatch):
    def failing(**kwargs):
        raise RuntimeError("search cluster down")

    monkeypatch.setattr("checkout.management.commands.expire_unpaid_orders.expire_unpaid_orders", failing)
    with pytest.raises(RuntimeError):
        _call("expire_unpaid_orders")

    with single_run("expire_unpaid_orders") as held:
        assert held


@pytest.fixture
def database_tasks(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return DBTaskResult.objects.filter(task_path="storefront.daily.daily_task", status="READY")


def test_the_daily_task_queues_the_next_run_even_when_this_run_raises(database_tasks, monkeypatch):
    from storefront.daily import daily_task, next_midnight

    def failing(**kwargs):
        raise RuntimeError("mail server down")

    monkeypatch.setattr("storefront.daily.run_daily", failing)

    with pytest.raises(RuntimeError, match="mail server down"):
        daily_task.call(reschedule=True)

    assert [r.run_after for r in database_tasks] == [next_midnight()]


def test_schedule_twice_starts_one_chain(database_tasks):
    first = _call("ocop_daily", "--schedule")
    second = _call("ocop_daily", "--schedule")

    assert database_tasks.count() == 1
    assert first.startswith("ocop_daily queued for ")
    assert second.startswith("ocop_daily is already queued (for ")


def test_a_queued_run_is_not_doubled_by_the_running_task(database_tasks):
    from storefront.daily import daily_task

    # given a chain queued by --schedule, and a task of a second chain running tonight
    _call("ocop_daily", "--schedule")

    daily_task.call(reschedule=True)

    # then the second chain ends: one run is queued, not two
    assert database_tasks.count() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)  # the worker's own session commits the queued run
def test_the_daily_task_leaves_the_work_to_a_run_holding_the_lock_and_keeps_the_chain(database_tasks, monkeypatch):
    from storefront.daily import daily_task

    monkeypatch.setattr("storefront.daily.run_daily", lambda **kwargs: pytest.fail("ran under a held lock"))
    outcome = []
    # given cron's run of the command holds the lock on this machine
    with single_run("ocop_daily") as held:
        assert held
        # when the worker's queued task starts on another
        worker = threading.Thread(target=_run_and_close, args=(daily_task, outcome))
        worker.start()
        worker.join(30)

    # then it did not run the job, and the chain goes on

    assert outcome == ["another run holds the lock; nothing done"]
    assert database_tasks.count() == 1


def _run_and_close(task, outcome):
    try:
        outcome.append(task.call(reschedule=True))
    finally:
        connections.close_all()
