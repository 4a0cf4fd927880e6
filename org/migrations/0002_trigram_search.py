"""On PostgreSQL, trigram indexes make ``search_text LIKE '%term%'`` fast.

SQLite has no equivalent; there the plain index on search_text serves
prefix use and the tables are small enough to scan.
"""

from django.db import migrations

INDEXES = [
    ("org_person_search_trgm", "org_person"),
    ("org_unit_search_trgm", "org_unit"),
    ("accounts_user_search_trgm", "accounts_user"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial"), ("accounts", "0002_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
