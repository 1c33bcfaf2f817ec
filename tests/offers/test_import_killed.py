"""An import killed with SIGKILL in the middle leaves the database exactly as before."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from bildung.settings.base import BASE_DIR
from offers.models import Offer, Provider
from tests.conftest import database_url

# serialized_rollback: the seeded vocabulary is restored for the transactional tests after it
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_import_killed_midway_changes_nothing(tmp_path):
    rows = [
        {
            "external_id": f"k-{n}",
            "title": f"Angebot {n}",
            "summary": "Kurz.",
            "provider": "Träger",
            "topics": ["bne"],
            "district": "altstadt",
            "description": "Text " * 200,
        }
        for n in range(6000)
    ]
    path = tmp_path / "gross.json"
    path.write_text(json.dumps([{**rows[0], "title": "Vorher"}]), encoding="utf-8")
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "bildung.settings.test",
    }
    command = [sys.executable, "manage.py", "import_offers", str(path)]
    subprocess.run(
        command,
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,  # noqa: S603
        timeout=120,
    )
    assert Offer.objects.get().title == "Vorher"

    path.write_text(json.dumps(rows), encoding="utf-8")
    process = subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=env,  # noqa: S603
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(4)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL, "the import finished before the kill"
    connection.close()
    assert list(Offer.objects.values_list("external_id", "title")) == [("k-0", "Vorher")]
    assert Provider.objects.count() == 1
