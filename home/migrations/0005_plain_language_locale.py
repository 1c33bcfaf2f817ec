from django.conf import settings
from django.db import migrations


def create_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code=settings.PLAIN_LANGUAGE_CODE)


def remove_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.filter(language_code=settings.PLAIN_LANGUAGE_CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0004_formfield_autocomplete")]

    operations = [migrations.RunPython(create_locale, remove_locale)]
