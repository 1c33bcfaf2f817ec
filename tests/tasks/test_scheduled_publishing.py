"""The beat's `home.publish_scheduled` publishes what editors scheduled and withdraws what
expired, pages and offers alike; a second run changes nothing."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import PageLogEntry

from bildung.celery import app
from home.tasks import publish_scheduled_task
from search.models import SearchDocument
from tests.factories import StandardPageFactory
from tests.factories.offers import create_offer

pytestmark = pytest.mark.django_db

PAST = datetime.timedelta(minutes=2)


def test_publish_scheduled_runs_every_minute_in_the_beat_schedule():
    app.loader.import_default_modules()
    entries = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "home.publish_scheduled"
    ]
    assert len(entries) == 1
    assert entries[0]["schedule"] <= 60
    assert "home.publish_scheduled" in app.tasks


def test_scheduled_page_goes_live_and_is_found(home_page):
    page = StandardPageFactory(parent=home_page, title="Ferienprogramm Sommer", live=False)
    page.save_revision(approved_go_live_at=timezone.now() - PAST)

    result = publish_scheduled_task.apply().get()

    page.refresh_from_db()
    assert page.live and page.title == "Ferienprogramm Sommer"
    assert result == {"published": 1, "unpublished": 0}
    assert SearchDocument.objects.filter(kind="page", object_id=page.pk).exists()
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1


def test_expired_page_and_offer_are_withdrawn(home_page):
    page = StandardPageFactory(parent=home_page, title="Anmeldung 2025")
    page.save_revision().publish()
    page.refresh_from_db()
    page.expire_at = timezone.now() - PAST
    page.save()
    offer = create_offer(title="Kurs von gestern")
    offer.expire_at = timezone.now() - PAST
    offer.save()

    assert publish_scheduled_task.apply().get() == {"published": 0, "unpublished": 2}

    page.refresh_from_db()
    offer.refresh_from_db()
    assert not page.live and page.expired
    assert not offer.live and offer.expired
    assert not SearchDocument.objects.filter(kind="page", object_id=page.pk).exists()
    assert not SearchDocument.objects.filter(kind="offer", object_id=offer.pk).exists()


def test_running_twice_changes_nothing_more(home_page):
    page = StandardPageFactory(parent=home_page, title="Lesesommer", live=False)
    page.save_revision(approved_go_live_at=timezone.now() - PAST)
    publish_scheduled_task.apply().get()

    assert publish_scheduled_task.apply().get() == {"published": 0, "unpublished": 0}
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
    assert page.revisions.count() == 1


def test_future_schedule_is_left_alone(home_page):
    page = StandardPageFactory(parent=home_page, title="Herbstferien", live=False)
    page.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(hours=1))

    assert publish_scheduled_task.apply().get() == {"published": 0, "unpublished": 0}
    page.refresh_from_db()
    assert not page.live
