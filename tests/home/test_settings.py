"""The site speaks German and production refuses to start without its secrets."""

import os
import subprocess
import sys

from django.conf import settings

from bildung.settings.base import BASE_DIR


def test_site_is_german_in_berlin_time():
    assert settings.LANGUAGE_CODE == "de"
    assert settings.TIME_ZONE == "Europe/Berlin"


def run_check(settings_module, extra_env):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG")
    }
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, **extra_env})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_check("bildung.settings.production", {"ALLOWED_HOSTS": "bildung.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_check(
        "bildung.settings.production",
        {
            "SECRET_KEY": "x" * 30 + "Geheimnis-nur-fuer-den-Test-0123456789",
            "ALLOWED_HOSTS": "bildung.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_admin_speaks_german(admin_client, home_page):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Seiten" in response.content.decode()
