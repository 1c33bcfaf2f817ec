from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from search import admin_views
from search.models import Synonym

SEARCH_MENU_HOOK = "register_search_menu_item"
VARIANTS_PREFILL_MAX = 500


class SynonymCreateView(CreateView):
    """Takes a first term from ``?variants=``, so a report row can start a synonym group."""

    def get_initial(self):
        initial = super().get_initial()
        if variants := self.request.GET.get("variants", "")[:VARIANTS_PREFILL_MAX]:
            initial["variants"] = variants
        return initial


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "link"
    menu_label = _("Synonyme und Abkürzungen")
    list_display = ["variants", "note"]
    search_fields = ["variants", "note"]
    ordering = ["variants"]
    add_view_class = SynonymCreateView
    copy_view_enabled = False


class SearchGroup(SnippetViewSetGroup):
    """Everything editors need to tune the site search: the synonyms, and the reports that
    show which ones are missing."""

    menu_label = _("Suche")
    menu_icon = "search"
    menu_order = 270
    items = (SynonymViewSet,)
    submenu_hook = SEARCH_MENU_HOOK


register_snippet(SearchGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    reports = [
        path(
            "haeufige-suchanfragen/",
            admin_views.FrequentQueriesView.as_view(),
            name="frequent_queries",
        ),
        path(
            "haeufige-suchanfragen/ergebnisse/",
            admin_views.FrequentQueriesView.as_view(results_only=True),
            name="frequent_queries_results",
        ),
        path(
            "suchanfragen-ohne-treffer/",
            admin_views.ZeroResultQueriesView.as_view(),
            name="zero_result_queries",
        ),
        path(
            "suchanfragen-ohne-treffer/ergebnisse/",
            admin_views.ZeroResultQueriesView.as_view(results_only=True),
            name="zero_result_queries_results",
        ),
    ]
    return [path("berichte/suche/", include((reports, "search_reports")))]


class QueryLogReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querylogentry")


def frequent_queries_menu_item():
    return QueryLogReportMenuItem(
        _("Häufige Suchanfragen"),
        reverse("search_reports:frequent_queries"),
        name="frequent-search-queries",
        icon_name="list-ol",
        order=710,
    )


def zero_result_queries_menu_item():
    return QueryLogReportMenuItem(
        _("Suchanfragen ohne Treffer"),
        reverse("search_reports:zero_result_queries"),
        name="zero-result-search-queries",
        icon_name="circle-xmark",
        order=720,
    )


# Under "Berichte" with the other reports, and under "Suche" next to the synonyms they lead to.
for menu_hook in ("register_reports_menu_item", SEARCH_MENU_HOOK):
    hooks.register(menu_hook, frequent_queries_menu_item)
    hooks.register(menu_hook, zero_result_queries_menu_item)


@hooks.register("register_permissions")
def register_query_log_permission():
    """Lets administrators grant the reports to further groups under Einstellungen → Gruppen."""
    return Permission.objects.filter(
        content_type__app_label="search", codename="view_querylogentry"
    )
