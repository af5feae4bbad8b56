"""The editor's side of Wagtail in tests: an editor and a moderator as the demo makes them,
and a story submitted for approval through the admin's own form."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import ProductStoryPage
from tests.factories import UserFactory


@pytest.fixture
def editor(db):
    user = UserFactory(username="bientap")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(username="vanphong", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def story_form(product, **extra) -> dict:
    return nested_form_data({
        "title": "Giọt mắm nhĩ", "slug": "giot-mam-nhi", "intro": "Cá cơm tươi.",
        "producer": product.producer.pk, "province": product.producer.province.pk, "tags": "",
        "body": streamfield([("paragraph", rich_text("<p>Mười hai tháng ủ chượp.</p>"))]),
        **extra,
    })


def submitted_story(*, editor, parent, product) -> ProductStoryPage:
    """A story the editor wrote and submitted: in moderation, not live."""
    client = Client()
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:add", args=("cms", "productstorypage", parent.pk)),
                           story_form(product, **{"action-submit": "action-submit"}))
    assert response.status_code == 302, response.content[:2000]
    return ProductStoryPage.objects.get(slug="giot-mam-nhi")


def approve_and_publish(page, product) -> dict:
    """The edit page's "Approve and publish" button, as the browser posts it."""
    return story_form(product, **{"action-workflow-action": "true", "workflow-action-name": "approve",
                                  "workflow-action-extra-data": '{"comment": ""}'})


def at_once(*calls):
    """Run the callables at the same moment, each on its own connection; their answers."""
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def run(i):
        try:
            barrier.wait()
            answers[i] = calls[i]()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def signed_in_page(browser, live_server, user, **context_options):
    """A Chromium tab of ``user``'s session (Django's test login, no login form)."""
    from django.conf import settings

    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN", **context_options)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url}])
    page = context.new_page()
    page.console_problems = []
    page.on("console", lambda m: m.type == "error" and page.console_problems.append(m.text))
    page.on("pageerror", lambda e: page.console_problems.append(f"page error: {e}"))
    return page
