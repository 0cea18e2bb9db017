import logging

from django.db import DatabaseError, migrations, models, transaction

logger = logging.getLogger(__name__)

# Trigram indexes serve the lists' "contains" searches (`name_key LIKE '%…%'`, Django's
# icontains as `UPPER(col::text) LIKE UPPER('%…%')`) on PostgreSQL; each expression is the
# one the queries use, or the planner ignores the index. SQLite has no such index: its
# searches scan, as before.
TRIGRAM_INDEXES = {
    "organisation_name_key_trgm": ("network_organisation", "name_key"),
    "organisation_city_trgm": ("network_organisation", "UPPER(city::text)"),
    "organisation_short_name_trgm": ("network_organisation", "UPPER(short_name::text)"),
    "partnership_title_trgm": ("network_partnership", "UPPER(title::text)"),
    "partnership_description_trgm": ("network_partnership", "UPPER(description::text)"),
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        # pg_trgm is a trusted extension: the owner of the database may create it.
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        logger.warning("pg_trgm unavailable, searches will scan: %s", error)
        return
    for name, (table, expression) in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression} gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0006_member_keys_and_unique_names"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(fields=["updated_at"], name="organisation_updated_at"),
        ),
        migrations.AddIndex(
            model_name="partnership",
            index=models.Index(fields=["updated_at"], name="partnership_updated_at"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["name_key", "id"], name="person_name_order"),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
