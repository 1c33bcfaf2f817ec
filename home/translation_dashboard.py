"""The translation dashboard in the admin ("Übersetzungen"): every German page and current
offer with the state of its plain-language version, counts per state, filters, and the
wagtail-localize link that starts, continues or syncs each translation. The states come
from home.translation_status; this module only parses the filters and renders."""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail_localize.models import Translation

from home import translation_status
from home.translation_status import OFFER, OFFER_TYPE, TranslationStatus

SUBMIT_PERMISSION = "wagtail_localize.submit_translation"
MENU_LABEL = _("Übersetzungen")
TABLE_ID = "translation-status-table"


class TranslationDashboardFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Stand"),
        choices=TranslationStatus.choices,
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
        method="keep_all",  # the state is known only once the rows are computed
    )
    type = django_filters.ChoiceFilter(
        label=_("Typ"),
        choices=lambda: [
            *translation_status.page_type_choices(),
            (OFFER_TYPE, str(translation_status.OFFER_TYPE_LABEL)),
        ],
        empty_label=_("Alle Typen"),
        method="keep_all",
    )
    section = django_filters.ChoiceFilter(
        label=_("Bereich"), empty_label=_("Alle Bereiche"), method="keep_all"
    )

    class Meta:
        # Not a translatable model, so Wagtail adds no locale filter: every row is a German
        # original, its plain-language version the thing the row reports on.
        model = Translation
        fields = []

    def __init__(self, *args, section_pages=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The view reads the sections once and shares them with the rows.
        self.filters["section"].extra["choices"] = [
            (str(section.pk), section.title) for section in section_pages
        ]

    def keep_all(self, queryset, name, value):
        return queryset


class ScopedHeaderMixin:
    """Column headers as <th scope="col">, with aria-sort on the sorted column."""

    header_template_name = "home/admin/translation_column_header.html"


class HeaderColumn(ScopedHeaderMixin, Column):
    pass


class TitleColumn(ScopedHeaderMixin, Column):
    """The original's title, as the row's header cell."""

    cell_template_name = "home/admin/translation_title_cell.html"


class StatusColumn(ScopedHeaderMixin, Column):
    cell_template_name = "home/admin/translation_status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["status"] = instance.status
        context["primary"] = instance.status == TranslationStatus.UP_TO_DATE
        return context


class DateHeaderColumn(ScopedHeaderMixin, DateColumn):
    pass


def submit_url(row):
    if row.kind == OFFER:
        meta = row.original._meta
        return reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, quote(row.original.pk)],
        )
    return reverse("wagtail_localize:submit_page_translation", args=[row.original.pk])


def edit_url(row):
    if row.kind == OFFER:
        meta = row.translation._meta
        return reverse(
            f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit",
            args=[quote(row.translation.pk)],
        )
    return reverse("wagtailadmin_pages:edit", args=[row.translation.pk])


def sync_url(row, next_url):
    url = reverse("wagtail_localize:update_translations", args=[row.translation_source_id])
    return f"{url}?{urlencode({'next': next_url})}"


class ActionsColumn(ScopedHeaderMixin, BaseColumn):
    """Start the translation, continue it, or take over the German changes (sync)."""

    cell_template_name = "home/admin/translation_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        links = []
        if instance.translation is None:
            links.append((_("Übersetzung beginnen"), submit_url(instance)))
        else:
            if instance.status == TranslationStatus.OUT_OF_DATE and instance.translation_source_id:
                next_url = parent_context.get("index_url") or reverse("translation_dashboard:index")
                links.append((_("Änderungen übernehmen"), sync_url(instance, next_url)))
            links.append((_("Übersetzung bearbeiten"), edit_url(instance)))
        context["links"] = links
        context["title"] = instance.title
        return context


def _text_key(value):
    return (value or "").lower()


SORT_KEYS = {
    "title": lambda row: _text_key(row.title),
    "type": lambda row: _text_key(row.type_label),
    "section": lambda row: (row.section is None, _text_key(row.section_title)),
    "status": lambda row: translation_status.STATUS_ORDER[row.status],
    "published_at": lambda row: (row.published_at is None, row.published_at),
}


class TranslationDashboardView(ReportView):
    page_title = _("Leichte Sprache: Stand der Übersetzungen")
    header_icon = "wagtail-localize-language"
    index_url_name = "translation_dashboard:index"
    index_results_url_name = "translation_dashboard:results"
    results_template_name = "home/admin/translation_dashboard_results.html"
    filterset_class = TranslationDashboardFilterSet
    permission_policy = ModelPermissionPolicy(Translation)
    permission_required = "submit"  # wagtail_localize.submit_translation; superusers pass
    export_filename = "stand-leichte-sprache"
    list_export = [
        "title",
        "type_label",
        "section_title",
        "status_label",
        "published_at",
        "synced_at",
    ]
    export_headings = {
        "title": _("Titel"),
        "type_label": _("Typ"),
        "section_title": _("Bereich"),
        "status_label": _("Stand"),
        "published_at": _("Deutsch veröffentlicht"),
        "synced_at": _("Zuletzt abgeglichen"),
    }
    description = _(
        "Alle veröffentlichten deutschen Seiten und aktuellen Angebote mit dem Stand ihrer "
        "Fassung in Leichter Sprache. „Veraltet“ heißt: Das deutsche Original wurde "
        "veröffentlicht, nachdem die Übersetzung zuletzt abgeglichen wurde. „Änderungen "
        "übernehmen“ holt die neue deutsche Fassung in die Übersetzung."
    )
    table_caption = _(
        "Deutsche Seiten und Angebote mit dem Stand ihrer Fassung in Leichter Sprache"
    )

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("Titel"), sort_key="title"),
            HeaderColumn("type_label", label=_("Typ"), sort_key="type"),
            HeaderColumn("section_title", label=_("Bereich"), sort_key="section"),
            StatusColumn("status_label", label=_("Stand"), sort_key="status"),
            DateHeaderColumn(
                "published_at", label=_("Deutsch veröffentlicht"), sort_key="published_at"
            ),
            DateHeaderColumn("synced_at", label=_("Zuletzt abgeglichen")),
            ActionsColumn("actions", label=_("Aktion")),
        ]

    @cached_property
    def section_pages(self):
        return list(translation_status.sections())

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "section_pages": self.section_pages}

    @cached_property
    def chosen(self):
        """The valid filter values; invalid ones are ignored (the form shows the error)."""
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    def get_queryset(self):
        pages = translation_status.german_pages()
        offers = translation_status.current_german_offers()
        chosen_type = self.chosen.get("type")
        if chosen_type == OFFER_TYPE:
            pages = pages.none()
        elif chosen_type:
            app_label, model = chosen_type.split(".")
            pages = pages.filter(content_type__app_label=app_label, content_type__model=model)
            offers = offers.none()
        if chosen_section := self.chosen.get("section"):
            section = next(page for page in self.section_pages if str(page.pk) == chosen_section)
            pages = pages.filter(path__startswith=section.path)
            offers = offers.none()
        rows = translation_status.translation_rows(pages, offers, self.section_pages)
        self.counts = translation_status.count_by_status(rows)
        if chosen_status := self.chosen.get("status"):
            rows = [row for row in rows if row.status == chosen_status]
        return self.order_queryset(rows)

    def get_filtered_queryset(self):
        return self.get_queryset()  # get_queryset applied the filters already

    def order_queryset(self, rows):
        if not self.ordering:
            return rows  # pages in tree order, then offers by title
        key = self.ordering.lstrip("-")
        return sorted(rows, key=SORT_KEYS[key], reverse=self.ordering.startswith("-"))

    def get_table_kwargs(self):
        return {
            **super().get_table_kwargs(),
            "caption": self.table_caption,
            "attrs": {"id": TABLE_ID},
        }

    def status_counts(self):
        """(status, count, link filtering by it) for each state, in working order."""
        query = self.request.GET.copy()
        for name in (self.page_kwarg, "_w_filter_fragment", "export"):
            query.pop(name, None)
        counts = []
        for status in TranslationStatus:
            query["status"] = status.value
            counts.append((status, self.counts[status], f"{self.index_url}?{query.urlencode()}"))
        return counts

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["status_counts"] = self.status_counts()
        context["chosen_status"] = self.chosen.get("status") or ""
        context["total_count"] = sum(self.counts.values())
        return context

    @cached_property
    def no_results_message(self):
        return _("Keine Seiten oder Angebote passen zu den gewählten Filtern.")


@hooks.register("register_admin_urls")
def register_translation_dashboard_urls():
    urls = [
        path("", TranslationDashboardView.as_view(), name="index"),
        path("ergebnisse/", TranslationDashboardView.as_view(results_only=True), name="results"),
    ]
    return [path("uebersetzungen/", include((urls, "translation_dashboard")))]


class TranslationDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SUBMIT_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_translation_dashboard_menu_item():
    return TranslationDashboardMenuItem(
        MENU_LABEL,
        reverse("translation_dashboard:index"),
        name="translation-dashboard",
        icon_name="wagtail-localize-language",
        order=280,
    )


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationDashboardMenuItem(
        _("Stand der Übersetzungen"),
        reverse("translation_dashboard:index"),
        name="translation-status-report",
        icon_name="wagtail-localize-language",
        order=730,
    )
