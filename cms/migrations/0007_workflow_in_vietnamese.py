"""Wagtail's default moderation workflow and its task, named in Vietnamese: editors and the
program office read "Moderators approval" in the admin and in every moderation e-mail.
Only the names Wagtail gave are changed; a name someone chose stays."""

from django.db import migrations

NAMES = {
    "wagtailcore.Workflow": ("Moderators approval", "Văn phòng OCOP duyệt"),
    "wagtailcore.Task": ("Moderators approval", "Văn phòng OCOP duyệt nội dung"),
}


def _rename(apps, *, forward: bool) -> None:
    for model, (english, vietnamese) in NAMES.items():
        old, new = (english, vietnamese) if forward else (vietnamese, english)
        apps.get_model(model).objects.filter(name=old).update(name=new)


def to_vietnamese(apps, schema_editor):
    _rename(apps, forward=True)


def to_english(apps, schema_editor):
    _rename(apps, forward=False)


class Migration(migrations.Migration):

    dependencies = [
        ("cms", "0006_storefront_greeting"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        migrations.RunPython(to_vietnamese, to_english),
    ]
