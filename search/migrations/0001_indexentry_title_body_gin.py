"""A GIN index on ``title || body`` of the search index table, on PostgreSQL only.

The database backend matches a query against the title and body vectors together; without
an index on that exact expression PostgreSQL concatenates and tests every row's vectors.
Other databases keep their own full-text structures and get nothing here.
"""

from django.db import migrations

INDEX_NAME = "search_indexentry_title_body_gin"


def _table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(_table(apps))
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {table} USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
