"""PostgreSQL only: a GIN index on the weighted term vector, and trigram indexes (pg_trgm) for
typo suggestions and autocomplete. SQLite needs none of this."""

from django.db import migrations

POSTGRES_SQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_document_vector_gin "
    "ON search_searchdocument USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS search_document_title_trgm "
    "ON search_searchdocument USING gin (title_folded gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_indexedword_word_trgm "
    "ON search_indexedword USING gin (folded gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_indexedword_word_trgm",
    "DROP INDEX IF EXISTS search_document_title_trgm",
    "DROP INDEX IF EXISTS search_document_vector_gin",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(POSTGRES_SQL), _run(POSTGRES_REVERSE))]
