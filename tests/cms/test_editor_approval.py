"""Approving and publishing a story twice (a double click, two tabs) publishes it once and
answers both clicks without an error; the second is told the story was already decided."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState

from tests.cms_support import page_tree
from tests.editor_support import (  # noqa: F401  fixtures
    approve_and_publish, at_once, editor, moderator, submitted_story)
from tests.factories import sellable_product


def _moderator_client(moderator) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(moderator)
    return client


def _published_once(page, *, revisions: int) -> None:
    """Live, one approval, one publication, and no draft saved after it (the edit page saves
    the approver's form as one revision; the modal saves none)."""
    page.refresh_from_db()
    assert page.live
    assert not page.has_unpublished_changes
    assert TaskState.objects.filter(status=TaskState.STATUS_APPROVED).count() == 1
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    assert page.revisions.count() == revisions


@pytest.mark.django_db
def test_approving_twice_one_after_the_other_publishes_once(reference_data, editor, moderator):
    product = sellable_product(title="Nước mắm nhĩ")
    page = submitted_story(editor=editor, parent=page_tree().stories, product=product)
    client = _moderator_client(moderator)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])

    first = client.post(edit, approve_and_publish(page, product))
    second = client.post(edit, approve_and_publish(page, product), follow=True)

    assert first.status_code == 302
    assert second.status_code == 200
    assert "đã được duyệt hoặc trả lại" in second.content.decode()
    _published_once(page, revisions=2)


@pytest.mark.django_db
def test_approving_twice_through_the_modal_publishes_once(reference_data, editor, moderator):
    product = sellable_product(title="Nước mắm nhĩ")
    page = submitted_story(editor=editor, parent=page_tree().stories, product=product)
    task_state = page.current_workflow_state.current_task_state
    client = _moderator_client(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))

    answers = [client.post(url, {"comment": "Đồng ý"}) for _ in range(2)]

    assert [a.status_code for a in answers] == [302, 302]
    _published_once(page, revisions=1)


@pytest.mark.django_db(transaction=True)
def test_two_tabs_approving_at_the_same_moment_publish_once_without_an_error(
        postgres_only, reference_data, editor, moderator):
    product = sellable_product(title="Nước mắm nhĩ")
    page = submitted_story(editor=editor, parent=page_tree().stories, product=product)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    tabs = [_moderator_client(moderator) for _ in range(2)]
    data = approve_and_publish(page, product)
    connection.close()

    answers = at_once(*[lambda tab=tab: tab.post(edit, data) for tab in tabs])

    assert [a.status_code for a in answers] == [302, 302]
    _published_once(page, revisions=2)
