"""/healthz names each part (database, cache, search, storage, worker), answers 503 only when
the shop cannot sell (the database is down), and never waits long for any part."""

import datetime
import threading
import time

import pytest
from django.core.files.storage import storages
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from storefront import health

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _ready_task(*, enqueued_ago: int, run_after=None) -> None:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="search.indexing.reindex_products",
        backend_name="default", run_after=run_after or datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - datetime.timedelta(seconds=enqueued_ago))


def test_a_task_waiting_too_long_names_the_worker_but_the_shop_still_sells(client, worker_queue):
    _ready_task(enqueued_ago=30)
    _ready_task(enqueued_ago=900)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["worker"].startswith("late: a task has waited 9")


def test_a_task_scheduled_for_later_is_not_late_until_its_time_has_passed(client, worker_queue):
    # the daily job, queued yesterday to run in an hour
    _ready_task(enqueued_ago=86400, run_after=timezone.now() + datetime.timedelta(hours=1))

    assert client.get("/healthz").json()["worker"] == "ok"


def test_the_immediate_task_backend_has_no_queue_to_be_late(client):
    _ready_task(enqueued_ago=86400)

    assert client.get("/healthz").json()["worker"] == "ok"


def test_failing_media_storage_is_named_and_the_shop_still_sells(client, monkeypatch):
    def broken(name):
        raise PermissionError("media volume unmounted")

    monkeypatch.setattr(storages["default"], "exists", broken)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["storage"] == "error: PermissionError"
    assert response.json()["status"] == "degraded"


def test_a_part_that_hangs_is_reported_within_the_time_limit(client, monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(health, "CHECK_SECONDS", 0.3)
    monkeypatch.setattr(health, "check_search", lambda: "ok" if release.wait(10) else "ok")

    started = time.perf_counter()
    response = client.get("/healthz")
    took = time.perf_counter() - started
    release.set()

    assert took < 2
    assert response.status_code == 200
    assert response.json()["search"] == "error: no answer within 0.3 s"
