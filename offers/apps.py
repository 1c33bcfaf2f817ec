from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Bildungsangebote")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from offers.search_index import connect_signal_handlers

        connect_signal_handlers()
