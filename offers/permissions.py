"""Who may change which offers: translators edit plain-language versions, never the German
originals (issue: plain language, point 4)."""

from django.conf import settings
from wagtail.permission_policies.base import ModelPermissionPolicy

from bildung.language_urls import locale_code

ORIGINAL_PERMISSION = "offers.change_original_offer"
GUARDED_ACTIONS = {"change", "delete", "publish", "unpublish", "lock", "unlock"}


def may_touch(user, instance):
    """Everyone with the model permission may act on translations; originals (the default
    locale) need the extra permission that Redaktion and Freigabe have and Übersetzung not."""
    if locale_code(instance.locale_id) != settings.LANGUAGE_CODE:
        return True
    return user.has_perm(ORIGINAL_PERMISSION)


def may_create_in(user, locale):
    """A new offer in the default locale is a German original: creating one needs the
    originals' permission as well as add_offer (which Übersetzung has for translations)."""
    if locale is not None and locale.language_code != settings.LANGUAGE_CODE:
        return True
    return user.has_perm(ORIGINAL_PERMISSION)


class OfferPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        if action in GUARDED_ACTIONS and not may_touch(user, instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )


def user_may_import(user):
    """Imports write German originals: the model permissions plus the originals' one."""
    return all(
        user.has_perm(permission)
        for permission in ("offers.add_offer", "offers.change_offer", ORIGINAL_PERMISSION)
    )
