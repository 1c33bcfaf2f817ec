from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Suche")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import result_cache, signals

        signals.connect()
        result_cache.connect()
