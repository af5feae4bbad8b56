"""With production's database task backend, work queued after a commit waits for the worker."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from catalogue.models import SearchDocument
from tests.factories import sellable_product


@pytest.mark.django_db(transaction=True)
def test_indexing_is_queued_in_the_database_and_done_by_the_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    product = sellable_product(title="Mật ong hoa cà phê")  # commits: the reindex is queued

    assert DBTaskResult.objects.filter(status="READY").exists()
    assert not SearchDocument.objects.filter(product=product).exists()

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())

    assert SearchDocument.objects.get(product=product).title == "Mật ong hoa cà phê"
    assert not DBTaskResult.objects.filter(status="READY").exists()
