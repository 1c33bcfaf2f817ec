"""Translators ("Übersetzung") work in the plain-language tree only: their page permissions
sit on each plain-language root page, not on the whole tree, so the German originals stay
out of their reach. Wagtail's page permissions are per subtree, so this needs no custom
policy; a new plain-language root page gets the permissions when it is created."""

from django.conf import settings

from home.editorial_roles import TRANSLATION_PAGE_PERMISSIONS, UEBERSETZUNG


def grant_translation_root(page, *, apps=None):
    """Give Übersetzung its page permissions on a plain-language root page (idempotent)."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group = Group.objects.filter(name=UEBERSETZUNG).first()
    if group is None:
        return
    for codename in TRANSLATION_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page.pk, permission=permission
        )


def is_plain_language_root(page):
    return page.depth == 2 and page.locale.language_code == settings.PLAIN_LANGUAGE_CODE


def _page_saved(sender, instance, created, raw=False, **kwargs):
    from wagtail.models import Page

    if created and not raw and isinstance(instance, Page) and is_plain_language_root(instance):
        grant_translation_root(instance)


def connect():
    from django.db.models.signals import post_save

    post_save.connect(_page_saved, dispatch_uid="home-translation-root")
