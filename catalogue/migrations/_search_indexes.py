"""PostgreSQL-only indexes of the search table, shared by the migrations that (re)create it:
a GIN index for full-text matching and a trigram index for suggestions by part of a title."""

POSTGRES_INDEXES = (
    "CREATE INDEX searchdoc_vector ON catalogue_searchdocument USING gin (search_vector)",
    "CREATE INDEX searchdoc_title_trgm ON catalogue_searchdocument "
    "USING gin (folded_title gin_trgm_ops)",
)


def create_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_INDEXES:
            schema_editor.execute(sql)


def drop_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchdoc_vector")
        schema_editor.execute("DROP INDEX IF EXISTS searchdoc_title_trgm")
