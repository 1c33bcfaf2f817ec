"""Celery app. Without CELERY_BROKER_URL tasks run inline (CELERY_TASK_ALWAYS_EAGER).

Every task of the project is declared with ``background_task``: it retries with exponential
backoff on transient errors (database or network connection lost), is acknowledged only after
it ran (``acks_late``: a worker that dies mid-task leaves it to be redelivered), and so must be
idempotent. Results and failures land in the database (django-celery-results) and are shown
to administrators under Berichte → Hintergrundaufgaben (home/task_report.py)."""

import logging
import os

from celery import Celery, shared_task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bildung.settings.dev")

app = Celery("bildung")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
logger = logging.getLogger(__name__)


def transient_errors():
    """Errors worth retrying: the database, the broker or a search cluster was unreachable
    for a moment. Anything else is a bug or bad data and fails at once (and is reported)."""
    from django.db import InterfaceError, OperationalError
    from kombu.exceptions import OperationalError as BrokerError

    return (OperationalError, InterfaceError, BrokerError, ConnectionError, TimeoutError)


RETRY_OPTIONS = {
    "retry_backoff": 5,  # 5 s, 10 s, 20 s, … with jitter
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 6,
}


def background_task(name, *, acks_late=True, **options):
    """``shared_task`` with the project's retry policy; ``name`` is the task's stable name
    (the beat schedule and stored results refer to it)."""
    return shared_task(
        name=name,
        acks_late=acks_late,
        autoretry_for=transient_errors(),
        **RETRY_OPTIONS,
        **options,
    )


def send_or_run(task, *args):
    """Hand ``task`` to the worker; when the broker cannot take it (down, refusing, timing
    out after Celery's publish retries), run it here instead and log a warning, so a publish
    or an import confirmed during a broker outage is done, not lost. Without a broker
    configured, ``delay`` runs it inline anyway."""
    try:
        return task.delay(*args)
    except Exception as error:  # kombu's OperationalError, a timeout, a refused socket
        logger.warning("Broker nicht erreichbar (%s): Aufgabe %s läuft direkt", error, task.name)
        return task.apply(args=args, throw=True)
