import os
import subprocess
import sys
import time
import uuid

import pytest
from wagtail.models import Page, Site

from bildung.settings.base import BASE_DIR
from tests.factories import HomePageFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves no cached synonyms,
    vocabularies or pages behind."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="start")
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk:
        old_root.delete()
    return home


def database_url():
    """DATABASE_URL of this test run's database, for processes the tests start."""
    from django.db import connection

    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


@pytest.fixture
def celery_worker_process(settings, tmp_path):
    """A real Celery worker (separate process, CELERY_BROKER_URL, e.g. Redis in CI) working on
    this test's database; tasks sent by the test go to it instead of running inline.

    Use with ``@pytest.mark.django_db(transaction=True, serialized_rollback=True)``: the worker
    sees committed data, and the seeded vocabulary is restored after another test flushed it.
    Yields a function that returns the worker's log so far."""
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        pytest.skip(reason="no CELERY_BROKER_URL set: tasks run inline; CI runs this against Redis")
    from kombu import pools

    from bildung.celery import app

    queue = f"test-{uuid.uuid4().hex[:12]}"  # our own queue: no other worker takes our tasks
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bildung.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
    }
    with log.open("w") as output:
        worker = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "bildung",
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-Q",
                queue,
                "-l",
                "info",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    # saved first: app.conf reads through to Django's settings, changed on the next line
    eager, default_queue = app.conf.task_always_eager, app.conf.task_default_queue
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    # fresh broker connections: a pool an earlier test closed (or left pointing at another
    # broker) would make every send fail and fall back to running inline
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log.read_text():
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Celery worker did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield log.read_text
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = eager, default_queue
        worker.terminate()
        worker.wait(timeout=30)


def wait_for(condition, timeout=30, interval=0.2):
    """Poll until `condition()` is true (work done by another process); False on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()
