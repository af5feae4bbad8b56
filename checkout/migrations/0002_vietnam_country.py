"""Vietnam as the shipping country: Oscar's address Country table needs the VN row."""

from django.db import migrations

from checkout.reference import ensure_vietnam


def add_vietnam(apps, schema_editor):
    ensure_vietnam(apps.get_model("address", "Country"))


class Migration(migrations.Migration):
    dependencies = [
        ("checkout", "0001_initial"),
        ("address", "0007_useraddress_code"),
    ]

    operations = [migrations.RunPython(add_vietnam, migrations.RunPython.noop)]
