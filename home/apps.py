from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website-Grundlagen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home import cache_invalidation, site_scope, translation_permissions

        translation_permissions.connect()
        cache_invalidation.connect()
        site_scope.connect()
