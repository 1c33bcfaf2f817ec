"""A publish while the broker is down still reaches the search index: sending the task fails,
so the update runs inline in the publishing process (bildung.celery.send_or_run). The outage is
real from the client's side: the broker URL points at a port where nothing listens."""

import logging
import os
import socket
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from kombu import pools

from bildung.celery import app
from bildung.settings.base import BASE_DIR
from search.models import SearchDocument
from tests.factories.pages import StandardPageFactory

pytestmark = pytest.mark.django_db

API = "/api/v2/search/"


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free again once closed: nothing listens there


def _drop_broker_connections():
    """Forget every broker connection. kombu keeps its pools in a process-wide registry keyed
    by the broker URL: closing one (force_close_all) without clearing the registry would leave
    later tests a closed pool for the real broker."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down(settings, monkeypatch):
    url = f"redis://127.0.0.1:{closed_port()}/2"
    # saved first: app.conf reads through to Django's settings, changed below
    saved = app.conf.get("broker_url"), app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setenv("CELERY_BROKER_URL", url)  # Celery reads the variable before its conf
    app.conf.broker_url, app.conf.task_always_eager = url, False
    _drop_broker_connections()
    yield url
    app.conf.broker_url, app.conf.task_always_eager = saved
    monkeypatch.undo()
    _drop_broker_connections()


def test_publish_during_broker_outage_updates_the_index_inline(
    broker_down, home_page, client, caplog, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home_page, title="Lernwerkstatt Rothensee")
    with (
        caplog.at_level(logging.WARNING, logger="bildung.celery"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()

    assert SearchDocument.objects.filter(kind="page", object_id=page.pk).exists()
    titles = [item["title"] for item in client.get(API, {"q": "Lernwerkstatt"}).json()["results"]]
    assert titles == ["Lernwerkstatt Rothensee"]
    assert "Broker nicht erreichbar" in caplog.text


def test_unpublish_during_broker_outage_removes_the_page_inline(
    broker_down, home_page, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home_page, title="Alte Seite")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert SearchDocument.objects.filter(kind="page", object_id=page.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not SearchDocument.objects.filter(kind="page", object_id=page.pk).exists()


def test_import_confirmed_during_broker_outage_runs_inline(broker_down, client, caplog):
    """The admin import hands the file to the worker; with the broker down it imports here."""
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from home.editorial_roles import REDAKTION
    from offers.models import ImportRun, Offer
    from tests.offers.test_admin_import import ROWS, upload

    editor = get_user_model().objects.create_user("redaktion", "r@example.org", "pw")
    editor.groups.add(Group.objects.get(name=REDAKTION))
    client.force_login(editor)
    client.post(reverse("offers_import"), {"file": upload(ROWS)})
    checked = ImportRun.objects.get()

    with caplog.at_level(logging.WARNING, logger="bildung.celery"):
        done = client.post(reverse("offers_import_confirm", args=[checked.pk]), follow=True)

    assert done.status_code == 200
    assert Offer.objects.get().title == "Deutsch lernen"
    assert ImportRun.objects.exclude(pk=checked.pk).get().status == ImportRun.Status.DONE
    assert "Broker nicht erreichbar" in caplog.text


def celery_settings(broker_url):
    """CELERY_* settings as base.py derives them from the environment (a fresh process)."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_RESULT_BACKEND)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    env["DJANGO_SETTINGS_MODULE"] = "bildung.settings.dev"
    if broker_url:
        env["CELERY_BROKER_URL"] = broker_url
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_without_a_broker_tasks_run_inline_and_with_one_results_are_stored():
    assert celery_settings("") == ["True", "None"]
    assert celery_settings("redis://127.0.0.1:6379/2") == ["False", "django-db"]


def test_without_a_broker_publishing_indexes_inline(settings, home_page, client):
    assert settings.CELERY_TASK_ALWAYS_EAGER
    page = StandardPageFactory(parent=home_page, title="Mathe-Olympiade")
    page.save_revision().publish()  # no on-commit capture: inline means at once

    assert SearchDocument.objects.filter(kind="page", object_id=page.pk).exists()
    titles = [item["title"] for item in client.get(API, {"q": "Olympiade"}).json()["results"]]
    assert titles == ["Mathe-Olympiade"]
