from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from articles.models import GlossaryEntry


class GlossaryEntryCreateView(CreateView):
    """New entries start in plain language, the only language whose pages explain them;
    ?locale= still chooses another."""

    def get_locale(self):
        if self.i18n_enabled and not self.request.GET.get("locale"):
            plain = Locale.objects.filter(language_code=settings.PLAIN_LANGUAGE_CODE).first()
            if plain is not None:
                return plain
        return super().get_locale()


class GlossaryEntryViewSet(SnippetViewSet):
    model = GlossaryEntry
    icon = "info-circle"
    menu_label = _("Wörterbuch")
    menu_name = "woerterbuch"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["word", "other_forms", "locale"]
    # no field list: SQLite's full-text backend cannot scope a query to fields
    # ("no such column"); the model's index covers word, other forms and explanation
    ordering = ["word"]
    add_view_class = GlossaryEntryCreateView


register_snippet(GlossaryEntryViewSet)
