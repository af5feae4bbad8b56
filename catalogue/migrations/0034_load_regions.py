from django.db import migrations

from catalogue.regions import load_regions


def forwards(apps, schema_editor):
    load_regions(apps.get_model("catalogue", "Province"), apps.get_model("catalogue", "Ward"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0033_ocop_domain")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
