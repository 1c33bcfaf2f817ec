"""Admin reports on the query log: what people search for most, and which searches find
nothing, so editors know which synonyms or content to add. Both aggregate in the database."""

import datetime

import django_filters
from django.db.models import F, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_languages

from search.models import QueryLogEntry

PERIOD_CHOICES = [
    ("7", _("Letzte 7 Tage")),
    ("30", _("Letzte 30 Tage")),
    ("90", _("Letzte 90 Tage")),
    ("365", _("Letzte 365 Tage")),
]
DEFAULT_PERIOD = "30"
QUERY_LOOKUP_MAX = 500


def period_start(days):
    """The first day of a period of ``days`` days that ends today."""
    return timezone.localdate() - datetime.timedelta(days=int(days) - 1)


def language_name(locale_code):
    return get_content_languages().get(locale_code, locale_code)


def query_statistics(entries):
    """One row per query and locale of ``entries``: searches (sum of hits) and the last day
    it was asked, in one grouped query."""
    return entries.values("query", "locale_code").annotate(
        searches=Sum("hits"), last_day=Max("day")
    )


def add_latest_results(rows, entries):
    """Sets ``latest_results`` on each row of ``query_statistics``: the result count on its
    last day, for all rows in one query. (A correlated subquery per group would scan the log
    once per query; the unique (day, query, locale) index serves this lookup.)"""
    rows = list(rows)
    days = {row["last_day"] for row in rows}
    queries = {row["query"] for row in rows}
    latest = entries.filter(day__in=days)
    # A page names its queries; an export of thousands reads the period's rows of those days
    # instead (SQLite takes at most 999 parameters).
    if len(queries) <= QUERY_LOOKUP_MAX:
        latest = latest.filter(query__in=queries)
    results = {
        (query, locale_code, day): count
        for query, locale_code, day, count in latest.values_list(
            "query", "locale_code", "day", "results"
        )
    }
    for row in rows:
        row["latest_results"] = results.get((row["query"], row["locale_code"], row["last_day"]))
    return rows


def zero_result_statistics(entries):
    """Like ``query_statistics``, only queries whose latest search found nothing: the last
    day with zero results is the last day (one row per day, query and locale)."""
    return (
        entries.values("query", "locale_code")
        .annotate(
            searches=Sum("hits"),
            last_day=Max("day"),
            last_zero_day=Max("day", filter=Q(results=0)),
        )
        .filter(last_zero_day=F("last_day"))
    )


class QueryLogFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Zeitraum"),
        choices=PERIOD_CHOICES,
        method="filter_period",
        empty_label=None,
        initial=DEFAULT_PERIOD,
    )
    locale_code = django_filters.ChoiceFilter(
        label=_("Sprache"),
        choices=lambda: list(get_content_languages().items()),
        empty_label=_("Alle Sprachen"),
    )

    class Meta:
        model = QueryLogEntry
        fields = ["period", "locale_code"]

    def __init__(self, data=None, *args, **kwargs):
        # Without a chosen period the default applies, and the form shows it as unchanged.
        if data is not None and not data.get("period"):
            data = data.copy()
            data["period"] = DEFAULT_PERIOD
        super().__init__(data, *args, **kwargs)

    def filter_period(self, queryset, name, value):
        return queryset.filter(day__gte=period_start(value))


class SynonymLinkColumn(BaseColumn):
    """A link to create a synonym group that starts with the row's query."""

    cell_template_name = "search/admin/synonym_link_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if request and request.user.has_perm("search.add_synonym"):
            context["url"] = "{}?{}".format(
                reverse("wagtailsnippets_search_synonym:add"),
                urlencode({"variants": f"{instance['query']}, "}),
            )
        context["query"] = instance["query"]
        return context


class QueryLogReportView(ReportView):
    """Common ground of the query log reports: permission, filters, columns, export."""

    model = QueryLogEntry
    permission_required = "view"  # search.view_querylogentry; superusers always pass
    filterset_class = QueryLogFilterSet
    results_template_name = "search/admin/query_report_results.html"
    default_ordering = "-searches"
    description = ""
    table_caption = ""
    export_headings = {
        "query": _("Suchanfrage"),
        "locale_code": _("Sprache"),
        "searches": _("Anzahl Suchen"),
        "latest_results": _("Treffer (zuletzt)"),
        "last_day": _("Zuletzt gesucht"),
    }

    @cached_property
    def columns(self):
        return self.get_columns()

    def get_columns(self):
        return [
            Column("query", label=_("Suchanfrage"), sort_key="query"),
            Column(
                "locale_code",
                label=_("Sprache"),
                accessor=lambda row: language_name(row["locale_code"]),
            ),
            NumberColumn("searches", label=_("Anzahl Suchen"), sort_key="searches"),
            Column(
                "last_day",
                label=_("Zuletzt gesucht"),
                sort_key="last_day",
                accessor=lambda row: date_format(row["last_day"], "SHORT_DATE_FORMAT"),
            ),
        ]

    def entries(self):
        """The log rows of the chosen period and locale, not yet grouped."""
        entries = QueryLogEntry.objects.all()
        if self.filters and self.filters.is_valid():
            return self.filters.filter_queryset(entries)
        return entries.filter(day__gte=period_start(DEFAULT_PERIOD))

    def statistics(self, entries):
        raise NotImplementedError

    def get_queryset(self):
        return self.order_queryset(self.statistics(self.entries()))

    def get_filtered_queryset(self):
        # get_queryset filters the rows before grouping; filtering the groups again would
        # repeat the same conditions.
        return self.get_queryset()

    def order_queryset(self, queryset):
        # Ties in a clear order, so pages and exports are stable.
        return queryset.order_by(self.ordering or self.default_ordering, "query", "locale_code")

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "caption": self.table_caption}

    @cached_property
    def no_results_message(self):
        return _("Im gewählten Zeitraum gibt es keine passenden Suchanfragen.")


class FrequentQueriesView(QueryLogReportView):
    page_title = _("Häufige Suchanfragen")
    header_icon = "list-ol"
    index_url_name = "search_reports:frequent_queries"
    index_results_url_name = "search_reports:frequent_queries_results"
    export_filename = "haeufige-suchanfragen"
    list_export = ["query", "locale_code", "searches", "latest_results", "last_day"]
    description = _(
        "Wonach auf der Website gesucht wird, die häufigsten Suchanfragen zuerst. „Anzahl "
        "Suchen“ zählt alle Suchen im Zeitraum, „Treffer (zuletzt)“ die Ergebnisse der "
        "letzten Suche. Gespeichert werden nur Suchbegriff, Tag und Sprache, keine Daten "
        "über Personen."
    )
    table_caption = _("Häufige Suchanfragen, nach Anzahl der Suchen")

    def get_columns(self):
        columns = super().get_columns()
        columns.insert(3, NumberColumn("latest_results", label=_("Treffer (zuletzt)")))
        return columns

    def statistics(self, entries):
        return query_statistics(entries)

    def decorate_paginated_queryset(self, object_list):
        # The page's rows are the queryset's cached results, which the table renders too.
        add_latest_results(object_list, self.entries())
        return object_list


class ZeroResultQueriesView(QueryLogReportView):
    page_title = _("Suchanfragen ohne Treffer")
    header_icon = "circle-xmark"
    index_url_name = "search_reports:zero_result_queries"
    index_results_url_name = "search_reports:zero_result_queries_results"
    export_filename = "suchanfragen-ohne-treffer"
    list_export = ["query", "locale_code", "searches", "last_day"]
    description = _(
        "Suchanfragen, deren letzte Suche nichts gefunden hat, die häufigsten zuerst. Hier "
        "helfen ein Synonym (etwa eine Abkürzung oder ein anderes Wort für dieselbe Sache) "
        "oder neue Inhalte."
    )
    table_caption = _("Suchanfragen ohne Treffer, nach Anzahl der Suchen")

    def get_columns(self):
        return [*super().get_columns(), SynonymLinkColumn("synonym", label=_("Aktion"))]

    def statistics(self, entries):
        return zero_result_statistics(entries)
