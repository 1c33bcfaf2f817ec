"""Scheduled publishing in the background: the beat runs `home.publish_scheduled` every
minute, so pages and snippets with a go-live or expiry time need no cron job."""

import contextlib
import logging

from django.apps import apps
from django.db import connection
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from bildung.celery import background_task, transient_errors

logger = logging.getLogger(__name__)
LOCK_KEY = 7_310_001  # PostgreSQL advisory lock: one scheduled-publishing run at a time


class ScheduledPublishingError(Exception):
    """Some objects could not be published or unpublished; the others were."""


@contextlib.contextmanager
def single_run():
    """True when this run may go ahead: on PostgreSQL a second, overlapping run (a slow run
    and the next minute's) gets False and leaves the work to the first."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


def _scheduled_models():
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def publish_scheduled():
    """Wagtail's ``publish_scheduled`` command, one object at a time: unpublish live objects
    whose expiry time has passed, publish revisions whose go-live time has passed.

    Idempotent: a published revision loses its go-live time and an expired object is no longer
    live, so a second run finds nothing to do. One object that fails does not hold up the
    others; the run then ends with ScheduledPublishingError naming it (shown in the report).
    Returns the numbers of objects published and unpublished."""
    done = {"published": 0, "unpublished": 0}
    failures = []
    with single_run() as may_run:
        if not may_run:
            logger.info("Zeitgesteuertes Veröffentlichen läuft bereits")
            return done
        now = timezone.now()
        for model in _scheduled_models():
            for obj in list(model.objects.filter(live=True, expire_at__lt=now)):
                try:
                    obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                    done["unpublished"] += 1
                except transient_errors():
                    raise
                except Exception as error:
                    logger.exception("Zurückziehen fehlgeschlagen: %r", obj)
                    failures.append(f"{model._meta.verbose_name} {obj.pk}: {error}")
        revisions = Revision.objects.filter(approved_go_live_at__lt=now).order_by(
            "approved_go_live_at"
        )
        for revision in list(revisions):
            try:
                revision.publish(log_action="wagtail.publish.scheduled")
                done["published"] += 1
            except transient_errors():
                raise
            except Exception as error:
                logger.exception("Veröffentlichen fehlgeschlagen: Revision %s", revision.pk)
                failures.append(f"Revision {revision.pk} ({revision.object_str}): {error}")
    if failures:
        raise ScheduledPublishingError("; ".join(failures))
    return done


@background_task("home.publish_scheduled")
def publish_scheduled_task():
    return publish_scheduled()


@background_task("home.send_form_notifications")
def send_form_notifications_task():
    """Form notifications the mail server has not taken yet (home/form_notifications.py)."""
    from home.form_notifications import send_pending

    return send_pending()
