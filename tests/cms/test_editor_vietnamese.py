"""Wagtail's admin in Vietnamese where an editor works: the dashboard, the page list, writing
a story and moderating it, and the e-mails; the workflow is named in Vietnamese. Checked
against Wagtail's own catalogue: no English message of Wagtail's (two words or more) may be
left in the text of these pages."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import wagtail
from django.core import mail
from django.urls import reverse
from wagtail.models import Workflow

from tests.cms_support import page_tree
from tests.editor_support import editor, moderator, submitted_story  # noqa: F401  fixtures
from tests.factories import sellable_product
from tests.producer_support import client_for

pytestmark = pytest.mark.django_db
WAGTAIL = Path(wagtail.__file__).parent


def _wagtail_messages() -> set[str]:
    """Wagtail's English messages of two words or more, placeholders cut out."""
    messages = set()
    for po in [WAGTAIL / "locale/en/LC_MESSAGES/django.po", *WAGTAIL.glob("*/locale/en/LC_MESSAGES/django.po")]:
        for msgid in re.findall(r'^msgid "(.+)"$', po.read_text(encoding="utf-8"), re.MULTILINE):
            for run in re.split(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", msgid.replace('\\"', '"')):
                run = run.strip(" .:,")
                if len(run.split()) >= 2 and re.fullmatch(r"[A-Za-z' ,.!?-]+", run):
                    messages.add(run)
    return messages


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "title") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))


def _english_left(html: str, messages: set[str]) -> list[str]:
    parser = _Text()
    parser.feed(html)
    text = "\n".join(parser.parts)
    return sorted(m for m in messages if re.search(rf"(?<![A-Za-z]){re.escape(m)}(?![A-Za-z])", text))


@pytest.fixture
def story_in_moderation(reference_data, editor):
    tree = page_tree()
    product = sellable_product(title="Nước mắm nhĩ")
    return tree, submitted_story(editor=editor, parent=tree.stories, product=product)


def test_the_editor_pages_have_no_english_left(story_in_moderation, editor, moderator):
    tree, page = story_in_moderation
    messages = _wagtail_messages()
    pages = {
        "dashboard (editor)": (editor, reverse("wagtailadmin_home")),
        "page list": (editor, reverse("wagtailadmin_explore", args=[tree.stories.pk])),
        "new story": (editor, reverse("wagtailadmin_pages:add", args=("cms", "productstorypage", tree.stories.pk))),
        "story in moderation (editor)": (editor, reverse("wagtailadmin_pages:edit", args=[page.pk])),
        "story in moderation (moderator)": (moderator, reverse("wagtailadmin_pages:edit", args=[page.pk])),
        "dashboard (moderator)": (moderator, reverse("wagtailadmin_home")),
    }

    left = {}
    for name, (user, url) in pages.items():
        response = client_for(user).get(url)
        assert response.status_code == 200, name
        english = _english_left(response.content.decode(), messages)
        if english:
            left[name] = english

    assert left == {}


def test_the_workflow_is_named_in_vietnamese(story_in_moderation):
    workflow = Workflow.objects.get(active=True)

    assert workflow.name == "Văn phòng OCOP duyệt"
    assert [task.name for task in workflow.tasks] == ["Văn phòng OCOP duyệt nội dung"]


def test_the_approval_email_is_in_vietnamese(story_in_moderation, editor, moderator):
    _tree, page = story_in_moderation
    editor.email = "bientap@ocop.local"
    editor.save()
    task_state = page.current_workflow_state.current_task_state
    mail.outbox.clear()

    client_for(moderator).post(reverse("wagtailadmin_pages:workflow_action",
                                       args=(page.pk, "approve", task_state.pk)), {"comment": ""})

    body = next(m.body for m in mail.outbox if "bientap@ocop.local" in m.to)
    assert "Xin chào bientap," in body
    assert _english_left(body, _wagtail_messages()) == []
