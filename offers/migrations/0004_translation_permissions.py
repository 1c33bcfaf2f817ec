"""German originals of offers need a permission of their own; Übersetzung edits offers, but
only plain-language versions (offers.permissions.OfferPermissionPolicy)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from home.editorial_roles import FREIGABE, REDAKTION, UEBERSETZUNG

GRANTS = {
    REDAKTION: ["change_original_offer"],
    FREIGABE: ["change_original_offer"],
    UEBERSETZUNG: ["add_offer", "change_offer"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("offers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="offers", codename__in=codenames)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="offers", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0003_plain_language_vocabulary"),
        ("home", "0007_translator_page_permissions"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="offer",
            options={
                "permissions": [
                    (
                        "change_original_offer",
                        "Deutsche Originale bearbeiten (nicht nur Übersetzungen)",
                    )
                ],
                "verbose_name": "Bildungsangebot",
                "verbose_name_plural": "Bildungsangebote",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
