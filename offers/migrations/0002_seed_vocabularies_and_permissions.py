import uuid

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

from home.editorial_roles import FREIGABE, REDAKTION, UEBERSETZUNG
from offers.vocabulary import ACCESSIBILITY_FEATURES, DISTRICTS

OFFER_PERMISSIONS = {
    REDAKTION: ["add_offer", "change_offer", "view_offer", "add_provider", "change_provider",
                "view_provider", "view_district", "view_accessibilityfeature"],
    FREIGABE: ["add_offer", "change_offer", "delete_offer", "publish_offer", "lock_offer",
               "unlock_offer", "view_offer", "add_provider", "change_provider",
               "delete_provider", "view_provider", "add_district", "change_district",
               "view_district", "add_accessibilityfeature", "change_accessibilityfeature",
               "view_accessibilityfeature"],
    UEBERSETZUNG: ["view_offer", "view_provider", "view_district", "view_accessibilityfeature"],
}


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for model_name, terms in (("AccessibilityFeature", ACCESSIBILITY_FEATURES),
                              ("District", DISTRICTS)):
        model = apps.get_model("offers", model_name)
        for position, (slug, name) in enumerate(terms):
            model.objects.get_or_create(
                slug=slug, locale=locale,
                defaults={"name": name, "sort_order": position,
                          "translation_key": uuid.uuid4()},
            )

    app_config = apps.get_app_config("offers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Wagtail adds these for draft-state and lockable snippets after migrations; create them
    # now so the groups can be given them.
    offer_type, _ = ContentType.objects.get_or_create(app_label="offers", model="offer")
    for action in ("publish", "lock", "unlock"):
        Permission.objects.get_or_create(
            content_type=offer_type, codename=f"{action}_offer",
            defaults={"name": f"Can {action} Bildungsangebot"},
        )
    for group_name, codenames in OFFER_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*Permission.objects.filter(
            content_type__app_label="offers", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0001_initial"),
        ("home", "0003_editorial_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
