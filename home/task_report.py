"""Berichte → Hintergrundaufgaben: what the Celery beat runs when, and how recent task runs
went, failures first. For superusers and groups granted "Can view task result"."""

import datetime
import json

from celery.beat import ScheduleEntry
from celery.schedules import crontab
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_celery_results.models import TaskResult
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from bildung.celery import app

PERMISSION = "django_celery_results.view_taskresult"
RECENT_RUNS = 50
FAILURE_DAYS = 30

TASK_DESCRIPTIONS = {
    "home.publish_scheduled": _(
        "Zeitgesteuertes Veröffentlichen: Seiten und Angebote mit erreichtem "
        "Veröffentlichungszeitpunkt gehen online, abgelaufene werden zurückgezogen."
    ),
    "offers.expire_offers": _(
        "Abgelaufene Angebote (gültig bis / Enddatum überschritten) werden zurückgezogen."
    ),
    "search.rebuild": _("Der Suchindex wird vollständig neu aufgebaut."),
    "search.clean_query_log": _("Suchanfragen, die älter als 400 Tage sind, werden gelöscht."),
    "celery.backend_cleanup": _(
        "Ergebnisse von Hintergrundaufgaben, die älter als 30 Tage sind, werden gelöscht."
    ),
    "home.send_form_notifications": _(
        "Noch nicht versandte Benachrichtigungen über Formulareingänge werden erneut gesendet."
    ),
    "search.index_objects": _("Suchindex für veröffentlichte oder geänderte Inhalte"),
    "offers.import_offers_file": _("Angebotsimport aus einer hochgeladenen Datei"),
}

STATE_LABELS = {
    "SUCCESS": _("Erfolgreich"),
    "FAILURE": _("Fehlgeschlagen"),
    "RETRY": _("Wird wiederholt"),
    "STARTED": _("Läuft"),
    "PENDING": _("Wartet"),
    "RECEIVED": _("Angenommen"),
    "REVOKED": _("Abgebrochen"),
}
PROBLEM_STATES = {"FAILURE", "RETRY", "REVOKED"}
WEEKDAYS = {
    0: _("sonntags"),
    1: _("montags"),
    2: _("dienstags"),
    3: _("mittwochs"),
    4: _("donnerstags"),
    5: _("freitags"),
    6: _("samstags"),
}


def user_may_see(user):
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


def describe_schedule(schedule):
    """The schedule in words: "jede Minute", "täglich um 03:30", "montags um 04:00"."""
    if isinstance(schedule, crontab):
        every_day = len(schedule.day_of_week) == 7
        plain_dates = len(schedule.day_of_month) == 31 and len(schedule.month_of_year) == 12
        if len(schedule.hour) == 1 and len(schedule.minute) == 1 and plain_dates:
            time = f"{next(iter(schedule.hour)):02d}:{next(iter(schedule.minute)):02d}"
            if every_day:
                return _("täglich um %(time)s Uhr") % {"time": time}
            if len(schedule.day_of_week) == 1:
                day = WEEKDAYS[next(iter(schedule.day_of_week))]
                return _("%(day)s um %(time)s Uhr") % {"day": day, "time": time}
        return str(schedule)
    seconds = int(schedule.run_every.total_seconds())
    if seconds % 60 == 0:
        minutes = seconds // 60
        if minutes == 1:
            return _("jede Minute")
        return ngettext("alle %(n)d Minute", "alle %(n)d Minuten", minutes) % {"n": minutes}
    return ngettext("alle %(n)d Sekunde", "alle %(n)d Sekunden", seconds) % {"n": seconds}


def error_text(result):
    """The exception of a failed run in one line: its type and message."""
    try:
        data = json.loads(result.result or "")
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("exc_type"):
        message = data.get("exc_message") or ""
        if isinstance(message, list | tuple):
            message = " ".join(str(part) for part in message)
        return f"{data['exc_type']}: {message}".strip(": ")
    lines = (result.traceback or "").strip().splitlines()
    return lines[-1] if lines else ""


def next_minute(moment):
    """Crontab estimates land a few milliseconds before the full minute."""
    return (moment + datetime.timedelta(seconds=30)).replace(second=0, microsecond=0)


def schedule_rows(now=None):
    """One row per beat entry with its next run and the last stored run of its task."""
    now = now or timezone.now()
    entries = [
        ScheduleEntry(name=name, app=app, **options)
        for name, options in app.conf.beat_schedule.items()
    ]
    names = {entry.task for entry in entries}
    latest = TaskResult.objects.filter(task_name__in=names).values("task_name")
    last_done = {row["task_name"]: row["last"] for row in latest.annotate(last=Max("date_done"))}
    last_runs = {
        result.task_name: result
        for result in TaskResult.objects.filter(
            task_name__in=last_done, date_done__in=last_done.values()
        )
    }
    rows = []
    for entry in entries:
        last = last_runs.get(entry.task)
        rows.append(
            {
                "task": entry.task,
                "description": TASK_DESCRIPTIONS.get(entry.task, entry.name),
                "when": describe_schedule(entry.schedule),
                "next_run": next_minute(now + entry.schedule.remaining_estimate(now)),
                "last_run": last,
                "last_state": STATE_LABELS.get(last.status, last.status) if last else "",
                "last_failed": bool(last and last.status in PROBLEM_STATES),
            }
        )
    return sorted(rows, key=lambda row: row["next_run"])


def run_row(result):
    return {
        "task": result.task_name or "–",
        "description": TASK_DESCRIPTIONS.get(result.task_name, ""),
        "done": result.date_done,
        "state": STATE_LABELS.get(result.status, result.status),
        "failed": result.status in PROBLEM_STATES,
        "error": error_text(result) if result.status in PROBLEM_STATES else "",
        "arguments": result.task_args or "",
    }


def task_report(request):
    if not user_may_see(request.user):
        raise PermissionDenied
    now = timezone.now()
    since = now - datetime.timedelta(days=FAILURE_DAYS)
    failures = TaskResult.objects.filter(status__in=PROBLEM_STATES, date_done__gte=since)
    recent = TaskResult.objects.order_by("-date_done")[:RECENT_RUNS]
    return TemplateResponse(
        request,
        "home/admin/task_report.html",
        {
            "schedule": schedule_rows(now),
            "failures": [run_row(result) for result in failures.order_by("-date_done")[:100]],
            "recent": [run_row(result) for result in recent],
            "failure_days": FAILURE_DAYS,
            "broker_configured": bool(settings.CELERY_BROKER_URL),
        },
    )


class TaskReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_see(request.user)


@hooks.register("register_admin_urls")
def register_task_report_url():
    return [path("berichte/hintergrundaufgaben/", task_report, name="task_report")]


@hooks.register("register_reports_menu_item")
def register_task_report_menu_item():
    return TaskReportMenuItem(
        _("Hintergrundaufgaben"), reverse("task_report"), icon_name="cogs", order=900
    )


@hooks.register("register_permissions")
def register_task_result_permission():
    """Lets administrators grant the report to further groups under Einstellungen → Gruppen."""
    return Permission.objects.filter(
        content_type__app_label="django_celery_results", codename="view_taskresult"
    )
