from django.db import migrations

from home.seed_data import PLAIN_NAMES, add_plain_language_terms, remove_plain_language_terms


def add_terms(apps, schema_editor):
    add_plain_language_terms(apps, "home", PLAIN_NAMES)


def remove_terms(apps, schema_editor):
    remove_plain_language_terms(apps, "home", PLAIN_NAMES)


class Migration(migrations.Migration):
    dependencies = [("home", "0005_plain_language_locale")]

    operations = [migrations.RunPython(add_terms, remove_terms)]
