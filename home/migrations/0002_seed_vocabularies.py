import uuid

from django.conf import settings
from django.db import migrations

from home.seed_data import AUDIENCES, LIFE_PHASES, TOPICS


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for model_name, terms in (("Topic", TOPICS), ("LifePhase", LIFE_PHASES),
                              ("Audience", AUDIENCES)):
        model = apps.get_model("home", model_name)
        for position, (slug, name) in enumerate(terms):
            model.objects.get_or_create(
                slug=slug, locale=locale,
                defaults={"name": name, "sort_order": position,
                          "translation_key": uuid.uuid4()},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
