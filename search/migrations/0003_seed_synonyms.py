"""The synonyms and abbreviations every city needs from day one; editors add their own."""

from django.db import migrations

SEED = [
    ("BNE, Bildung für nachhaltige Entwicklung", "Abkürzung"),
    ("MINT, Mathematik Informatik Naturwissenschaft Technik", "Abkürzung"),
    ("Kita, Kindertagesstätte, Kindergarten, Kindertageseinrichtung", ""),
    ("VHS, Volkshochschule", "Abkürzung"),
    ("BuT, Bildung und Teilhabe, Bildungspaket", "Abkürzung"),
    ("Hort, Schulhort, Nachmittagsbetreuung", ""),
    ("Azubi, Auszubildende, Lehrling", ""),
    ("Ausbildung, Berufsausbildung, Lehre", ""),
    ("DaZ, Deutsch als Zweitsprache", "Abkürzung"),
    ("Senioren, Seniorinnen, ältere Menschen", ""),
    ("Ferien, Schulferien", ""),
    ("Computer, PC, Rechner", ""),
    ("Programmieren, Coding, Codieren", ""),
    ("Leichte Sprache, einfache Sprache", ""),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for variants, note in SEED:
        Synonym.objects.get_or_create(variants=variants, defaults={"note": note})


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(variants__in=[variants for variants, _note in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_indexes")]

    operations = [migrations.RunPython(seed, unseed)]
