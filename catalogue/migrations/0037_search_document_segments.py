"""Search documents per coverage segment: the table is rebuilt with an id key,
``sellable_from`` / ``sellable_until`` and several rows per product. The new table starts
empty: run ``manage.py search_index --rebuild`` after migrating (``seed_demo`` does)."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from catalogue.migrations._search_indexes import create_postgres_indexes, drop_postgres_indexes


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0036_producer_suspension_certificate_scan'),
    ]

    operations = [
        migrations.RunPython(drop_postgres_indexes, create_postgres_indexes),
        migrations.DeleteModel(name='SearchDocument'),
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('product', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='search_documents', to='catalogue.product')),
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
                ('sellable_from', models.DateField()),
                ('sellable_until', models.DateField()),
                ('folded_title', models.TextField()),
                ('folded_text', models.TextField()),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('product', 'sellable_from'), name='searchdoc_one_per_segment')],
                'indexes': [models.Index(fields=['price', 'product'], name='searchdoc_price'), models.Index(fields=['-created', '-product'], name='searchdoc_newest'), models.Index(fields=['producer_slug'], name='searchdoc_producer'), models.Index(fields=['province_slug'], name='searchdoc_province'), models.Index(fields=['former_province_slug'], name='searchdoc_former_province'), models.Index(fields=['sellable_until', 'sellable_from', 'province_slug', 'stars', 'group_slug', 'former_province_slug', 'category_slug', 'producer_slug'], name='searchdoc_facets')],
            },
        ),
        migrations.RunPython(create_postgres_indexes, drop_postgres_indexes),
    ]
