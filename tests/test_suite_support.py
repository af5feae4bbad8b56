"""The suite's own machinery: the migrated template database (tests/db_template.py)."""

from django.db import connection

from tests.db_template import PREFIX, ROOT, _project_imports, schema_key


def test_the_template_key_covers_what_migrations_import():
    """A change to the regions loader changes the wards the migrations write: it must make a
    new template, so the key covers the project modules migrations import."""
    assert ROOT / "catalogue" / "regions.py" in _project_imports(ROOT / "catalogue/migrations/0034_load_regions.py")
    assert len(schema_key()) == 16 and schema_key() == schema_key()


def test_the_migrated_template_exists_for_this_schema(postgres_only):
    base = connection.settings_dict["TEST"].get("NAME") or connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [PREFIX + "%" + schema_key()])
        templates = [name for (name,) in cursor.fetchall()]
    assert templates, f"no migrated template for {base}"
