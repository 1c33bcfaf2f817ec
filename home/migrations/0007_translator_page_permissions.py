"""Übersetzung works in the plain-language tree only: its page permissions move from the
root of the whole tree to each plain-language root page (home.translation_permissions)."""

from django.conf import settings
from django.db import migrations

from home.editorial_roles import TRANSLATION_PAGE_PERMISSIONS, UEBERSETZUNG
from home.translation_permissions import grant_translation_root


def to_plain_tree(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission.objects.filter(
        group__name=UEBERSETZUNG,
        page__depth=1,
        permission__codename__in=TRANSLATION_PAGE_PERMISSIONS,
    ).delete()
    for page in Page.objects.filter(depth=2, locale__language_code=settings.PLAIN_LANGUAGE_CODE):
        grant_translation_root(page, apps=apps)


def to_whole_tree(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    group = Group.objects.filter(name=UEBERSETZUNG).first()
    if group is None:
        return
    root = Page.objects.get(depth=1)
    for codename in TRANSLATION_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("home", "0006_plain_language_vocabulary")]

    operations = [migrations.RunPython(to_plain_tree, to_whole_tree)]
