"""On PostgreSQL the audit table refuses UPDATE and DELETE itself, whatever the code path
(raw SQL, a queryset from a shell). SQLite relies on the model and queryset guards."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION producer_area_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'producer_area_auditentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER producer_area_audit_append_only
    BEFORE UPDATE OR DELETE ON producer_area_auditentry
    FOR EACH ROW EXECUTE FUNCTION producer_area_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS producer_area_audit_append_only ON producer_area_auditentry;
DROP FUNCTION IF EXISTS producer_area_audit_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("producer_area", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
