"""Editors upload a file, read the dry-run report, confirm, and find the report later."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from home.editorial_roles import REDAKTION, UEBERSETZUNG
from offers.models import ImportRun, Offer
from offers.tasks import import_offers_from_storage

pytestmark = pytest.mark.django_db

ROWS = [
    {
        "external_id": "a1",
        "title": "Deutsch lernen",
        "summary": "Kurs",
        "provider": "VHS",
        "topics": ["sprachfoerderung"],
        "district": "altstadt",
    }
]


def upload(rows, name="angebote.json"):
    return SimpleUploadedFile(name, json.dumps(rows).encode(), content_type="application/json")


def user_in(group):
    user = get_user_model().objects.create_user(f"u-{group}", "u@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_upload_shows_dry_run_then_confirm_imports(client):
    client.force_login(user_in(REDAKTION))
    response = client.post(reverse("offers_import"), {"file": upload(ROWS)})
    assert response.status_code == 302
    checked = ImportRun.objects.get()
    assert checked.dry_run and checked.created == 1
    assert Offer.objects.count() == 0

    review = client.get(response["Location"])
    assert "created=1 updated=0 unchanged=0 rejected=0" in review.content.decode()
    assert "Jetzt importieren" in review.content.decode()

    done = client.post(reverse("offers_import_confirm", args=[checked.pk]), follow=True)
    assert done.status_code == 200
    assert Offer.objects.get().title == "Deutsch lernen"
    run = ImportRun.objects.exclude(pk=checked.pk).get()
    assert run.status == ImportRun.Status.DONE and run.finished_at
    assert "Deutsch lernen" not in run.report and "created=1" in run.report
    assert run.filename in client.get(reverse("offers_import")).content.decode()


def test_invalid_file_cannot_be_confirmed(client):
    client.force_login(user_in(REDAKTION))
    response = client.post(reverse("offers_import"), {"file": upload([{**ROWS[0], "topics": []}])})
    review = client.get(response["Location"]).content.decode()
    assert "mindestens ein Thema" in review
    assert "Jetzt importieren" not in review
    assert Offer.objects.count() == 0


def test_wrong_file_type_gets_a_clear_message(client):
    client.force_login(user_in(REDAKTION))
    response = client.post(
        reverse("offers_import"), {"file": SimpleUploadedFile("angebote.xlsx", b"PK")}
    )
    assert response.status_code == 200
    assert "Bitte eine .csv-, .json- oder .jsonl-Datei wählen." in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_translators_may_not_import(client):
    client.force_login(user_in(UEBERSETZUNG))
    assert client.get(reverse("offers_import")).status_code in (302, 403)
    assert client.post(reverse("offers_import"), {"file": upload(ROWS)}).status_code in (302, 403)
    assert Offer.objects.count() == 0


def test_background_task_is_idempotent(tmp_path, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    stored = default_storage.save("offer-imports/test.json", ContentFile(json.dumps(ROWS)))
    run = ImportRun.objects.create(filename="test.json", source="admin")
    assert import_offers_from_storage(run.pk, stored) == ImportRun.Status.DONE
    assert import_offers_from_storage(run.pk, stored) == ImportRun.Status.DONE
    assert Offer.objects.count() == 1


def test_expiry_report_lists_offers(client):
    import datetime

    from django.utils import timezone

    from tests.factories.offers import create_offer

    create_offer(
        title="Läuft bald ab", valid_until=timezone.localdate() + datetime.timedelta(days=5)
    )
    client.force_login(user_in(REDAKTION))
    html = client.get(reverse("offers_expiry_report")).content.decode()
    assert "Läuft bald ab" in html


def test_expiry_runs_daily_in_the_beat_schedule(settings):
    from bildung.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["expire-offers-daily"]
    assert entry["task"] in app.tasks
