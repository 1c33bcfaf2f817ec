"""Redaktion and Freigabe maintain the synonyms and read the query log reports."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from home.editorial_roles import FREIGABE, REDAKTION

SEARCH_PERMISSIONS = {
    REDAKTION: ["add_synonym", "change_synonym", "delete_synonym", "view_synonym",
                "view_querylogentry"],
    FREIGABE: ["add_synonym", "change_synonym", "delete_synonym", "view_synonym",
               "view_querylogentry"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now so the
    # groups can be given them in this same migration.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in SEARCH_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*Permission.objects.filter(
            content_type__app_label="search", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=SEARCH_PERMISSIONS):
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="search", codename__in=SEARCH_PERMISSIONS[group.name]))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_seed_synonyms"),
        ("home", "0003_editorial_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
