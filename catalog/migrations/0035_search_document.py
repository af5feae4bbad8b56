import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models

# PostgreSQL only (the extension operations skip other databases by themselves): a GIN index
# for full-text matching and a trigram index for suggestions by part of a title.
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


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0034_load_regions'),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('product', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='catalogue.product')),
                ('title', models.CharField(max_length=255)),
                ('description', models.TextField(blank=True)),
                ('url', models.CharField(max_length=255)),
                ('producer_slug', models.CharField(max_length=128)),
                ('producer_name', models.CharField(max_length=255)),
                ('producer_kind', models.CharField(max_length=32)),
                ('province_slug', models.CharField(max_length=64)),
                ('province_name', models.CharField(max_length=128)),
                ('former_province_slug', models.CharField(max_length=64, null=True)),
                ('former_province_name', models.CharField(max_length=128, null=True)),
                ('ward_name', models.CharField(max_length=128, null=True)),
                ('group_slug', models.CharField(max_length=255, null=True)),
                ('group_name', models.CharField(max_length=255, null=True)),
                ('category_slug', models.CharField(max_length=255, null=True)),
                ('category_name', models.CharField(max_length=255, null=True)),
                ('stars', models.PositiveSmallIntegerField()),
                ('price', models.BigIntegerField()),
                ('currency', models.CharField(max_length=3)),
                ('in_stock', models.BooleanField()),
                ('certificate_number', models.CharField(max_length=64)),
                ('certificate_expires_on', models.DateField()),
                ('created', models.DateTimeField()),
                ('image', models.CharField(max_length=255, null=True)),
                ('folded_title', models.TextField()),
                ('folded_text', models.TextField()),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                'indexes': [models.Index(fields=['price', 'product'], name='searchdoc_price'), models.Index(fields=['-created', '-product'], name='searchdoc_newest'), models.Index(fields=['producer_slug'], name='searchdoc_producer'), models.Index(fields=['province_slug'], name='searchdoc_province'), models.Index(fields=['former_province_slug'], name='searchdoc_former_province'), models.Index(fields=['certificate_expires_on', 'province_slug', 'stars', 'group_slug', 'former_province_slug', 'category_slug', 'producer_slug'], name='searchdoc_facets')],
            },
        ),
        migrations.RunPython(create_postgres_indexes, drop_postgres_indexes),
    ]
