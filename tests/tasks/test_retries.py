"""Every task retries with backoff on transient errors and is safe to run twice."""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError
from wagtail.models import ModelLogEntry

from bildung.celery import app
from offers import importing
from offers.models import ImportRun, Offer
from offers.tasks import expire_offers_task, import_offers_file

pytestmark = pytest.mark.django_db

PROJECT_TASKS = [
    "home.publish_scheduled",
    "offers.import_offers_file",
    "offers.expire_offers",
    "search.index_objects",
    "search.rebuild",
    "search.clean_query_log",
]
ROWS = [
    {
        "external_id": "r1",
        "title": "Schwimmkurs für Kinder",
        "summary": "Seepferdchen",
        "provider": "Stadtbad",
        "topics": ["sprachfoerderung"],
        "district": "altstadt",
    }
]


@pytest.mark.parametrize("name", PROJECT_TASKS)
def test_task_retries_transient_errors_with_backoff(name):
    app.loader.import_default_modules()
    task = app.tasks[name]
    for error in (OperationalError, InterfaceError, BrokerError, ConnectionError):
        assert issubclass(error, task.autoretry_for), (name, error)
    assert not issubclass(ValueError, task.autoretry_for)  # bugs and bad data fail at once
    assert task.retry_backoff and task.retry_jitter and task.max_retries >= 3
    assert task.acks_late  # every task is idempotent, so redelivery after a crash is safe


def test_import_interrupted_by_a_database_error_is_retried_and_imports_once(monkeypatch):
    stored = default_storage.save("offer-imports/retry.json", ContentFile(json.dumps(ROWS)))
    run = ImportRun.objects.create(filename="retry.json", source="admin")
    real_import = importing.import_offers
    attempts = []

    def connection_lost_once(*args, **kwargs):
        attempts.append(1)
        if len(attempts) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_import(*args, **kwargs)

    monkeypatch.setattr(importing, "import_offers", connection_lost_once)

    # throw=False: handle the retry as a worker does instead of raising it to the caller
    result = import_offers_file.apply(args=(run.pk, stored), throw=False)

    assert result.successful(), result.traceback
    assert len(attempts) == 2
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and run.created == 1
    assert list(Offer.objects.values_list("title", flat=True)) == ["Schwimmkurs für Kinder"]
    assert not default_storage.exists(stored)

    # redelivered after it finished: nothing is imported again
    assert import_offers_file.apply(args=(run.pk, stored)).get() == ImportRun.Status.DONE
    assert Offer.objects.count() == 1


def test_import_with_bad_data_is_not_retried(monkeypatch):
    stored = default_storage.save("offer-imports/kaputt.json", ContentFile(b"{kein json"))
    run = ImportRun.objects.create(filename="kaputt.json", source="admin")

    result = import_offers_file.apply(args=(run.pk, stored))

    assert result.get() == ImportRun.Status.FAILED
    run.refresh_from_db()
    assert run.finished_at and Offer.objects.count() == 0


def test_expiring_twice_is_harmless():
    import datetime

    from django.utils import timezone

    from tests.factories.offers import create_offer

    offer = create_offer(
        title="Abgelaufen", valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert expire_offers_task.apply().get() == 1
    assert expire_offers_task.apply().get() == 0
    offer.refresh_from_db()
    assert not offer.live
    unpublished = ModelLogEntry.objects.filter(object_id=str(offer.pk), action="wagtail.unpublish")
    assert unpublished.count() == 1
