"""The background jobs run in a real Celery worker over the real broker (Redis in CI):
a published page reaches the index, a scheduled page goes live, an offer file imported in the
admin is imported by the worker, and results (failures too) land in the database for the
report Berichte → Hintergrundaufgaben."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_celery_results.models import TaskResult

from bildung.settings.test import ARTIFACTS_DIR
from home.editorial_roles import REDAKTION
from home.tasks import publish_scheduled_task
from offers.models import ImportRun, Offer
from offers.tasks import import_offers_file
from search.models import SearchDocument
from tests.conftest import wait_for
from tests.factories.pages import StandardPageFactory
from tests.search.conftest import publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SEARCH_API = "/api/v2/search/"
ROWS = [
    {
        "external_id": f"w{n}",
        "title": f"Orgelbau-Werkstatt {n}",
        "summary": "Pfeifen bauen und spielen",
        "provider": "Domgemeinde",
        "topics": ["kulturelle-bildung"],
        "district": "altstadt",
    }
    for n in range(3)
]


def indexed(kind, pk):
    return SearchDocument.objects.filter(kind=kind, object_id=pk).exists()


def stored(task_name, status="SUCCESS"):
    return TaskResult.objects.filter(task_name=task_name, status=status).exists()


def test_published_and_scheduled_pages_are_handled_by_the_worker(
    celery_worker_process, home_page, client
):
    page = publish(StandardPageFactory(parent=home_page, title="Planetarium für Schulklassen"))
    assert wait_for(lambda: indexed("page", page.pk)), celery_worker_process()
    titles = [
        item["title"] for item in client.get(SEARCH_API, {"q": "Planetarium"}).json()["results"]
    ]
    assert titles == ["Planetarium für Schulklassen"]
    assert wait_for(lambda: stored("search.index_objects")), celery_worker_process()

    later = StandardPageFactory(parent=home_page, title="Nachtwanderung im Stadtpark", live=False)
    later.save_revision(approved_go_live_at=timezone.now() - timezone.timedelta(minutes=1))
    publish_scheduled_task.delay()
    assert wait_for(lambda: stored("home.publish_scheduled")), celery_worker_process()
    later.refresh_from_db()
    assert later.live
    assert indexed("page", later.pk)
    assert "Task home.publish_scheduled" in celery_worker_process()


def test_admin_import_runs_in_the_worker_and_failures_are_reported(
    celery_worker_process, settings, client
):
    settings.MEDIA_ROOT = ARTIFACTS_DIR / "media"  # the worker's storage (bildung.settings.test)
    editor = get_user_model().objects.create_user("redaktion", "r@example.org", "pw")
    editor.groups.add(Group.objects.get(name=REDAKTION))
    client.force_login(editor)
    upload = SimpleUploadedFile("orgel.json", json.dumps(ROWS).encode(), "application/json")
    assert client.post(reverse("offers_import"), {"file": upload}).status_code == 302
    run_id = ImportRun.objects.get(dry_run=True).pk  # the checked file, ready to confirm
    confirmed = client.post(reverse("offers_import_confirm", args=[run_id]))
    assert confirmed.status_code == 302

    run = ImportRun.objects.exclude(pk=run_id).get()
    assert wait_for(lambda: Offer.objects.count() == 3), celery_worker_process()
    assert "Task offers.import_offers_file" in celery_worker_process()
    assert wait_for(lambda: ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.DONE)
    offer_ids = list(Offer.objects.values_list("pk", flat=True))
    assert all(indexed("offer", pk) for pk in offer_ids)
    assert wait_for(lambda: stored("offers.import_offers_file")), celery_worker_process()

    import_offers_file.delay(999_999, "offer-imports/gibt-es-nicht.json")  # no such run
    assert wait_for(lambda: stored("offers.import_offers_file", "FAILURE")), celery_worker_process()
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(admin)
    html = client.get(reverse("task_report")).content.decode()
    failures = html[html.index('id="fehler"') : html.index('id="zeitplan"')]
    assert "offers.import_offers_file" in failures
    assert "DoesNotExist" in failures
