from django.db import migrations

from home.seed_data import (
    PLAIN_NAMES,
    add_plain_language_terms,
    link_german_terms_again,
    remove_plain_language_terms,
)
from offers.vocabulary import PLAIN_ACCESSIBILITY_FEATURE_NAMES

OFFER_PLAIN_NAMES = {
    "AccessibilityFeature": PLAIN_ACCESSIBILITY_FEATURE_NAMES,
    "District": {},  # proper names: the plain terms keep the German names
}


def add_terms(apps, schema_editor):
    add_plain_language_terms(apps, "offers", OFFER_PLAIN_NAMES)


def remove_terms(apps, schema_editor):
    remove_plain_language_terms(apps, "offers", OFFER_PLAIN_NAMES)
    # home 0006 goes next, and its migration state may not hold the offers
    link_german_terms_again(apps, "home", PLAIN_NAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0002_seed_vocabularies_and_permissions"),
        ("home", "0006_plain_language_vocabulary"),
    ]

    operations = [migrations.RunPython(add_terms, remove_terms)]
