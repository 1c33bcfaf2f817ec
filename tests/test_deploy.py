"""The production process files in deploy/ describe processes that really start and serve."""

import configparser
import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import database_url

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = ["bildung-web", "bildung-worker", "bildung-beat"]


def unit(name):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / f"{name}.service")
    return parser


def procfile():
    lines = (DEPLOY / "Procfile").read_text().splitlines()
    entries = (line.split(":", 1) for line in lines if line and not line.startswith("#"))
    return {name: command.strip() for name, command in entries}


def command_without_path(exec_start):
    argv = shlex.split(exec_start)
    return [Path(argv[0]).name, *argv[1:]]


@pytest.mark.parametrize("name", UNITS)
def test_unit_runs_production_settings_from_the_environment_file(name):
    service = unit(name)["Service"]
    assert service["Environment"] == "DJANGO_SETTINGS_MODULE=bildung.settings.production"
    assert service["EnvironmentFile"] == "/etc/bildung/bildung.env"
    assert service["Restart"] == "on-failure"
    assert service["User"] == "bildung"


def test_units_and_procfile_start_the_same_programs():
    web, worker, beat = (command_without_path(unit(name)["Service"]["ExecStart"]) for name in UNITS)
    processes = procfile()
    assert web == shlex.split(processes["web"])
    assert worker == shlex.split(processes["worker"])
    assert beat[: len(shlex.split(processes["beat"]))] == shlex.split(processes["beat"])


@pytest.mark.parametrize("program", ["gunicorn", "celery"])
def test_the_programs_the_units_start_are_installed(program):
    assert (Path(sys.executable).parent / program).exists()


def test_celery_app_named_in_the_units_loads_with_the_beat_schedule():
    from bildung.celery import app

    assert app.main == "bildung"
    assert app.conf.beat_schedule, "the beat unit would start with nothing to send"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gunicorn_config_serves_the_site_with_production_settings(home_page, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bildung.settings.production",
        "SECRET_KEY": "deploy-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url(),
        "STATIC_ROOT": str(tmp_path / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
    }
    env.pop("CELERY_BROKER_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(gunicorn), "-c", str(DEPLOY / "gunicorn.conf.py"), "bildung.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                # as nginx forwards it: TLS ended in front, HSTS must still be sent
                request = urllib.request.Request(  # noqa: S310
                    f"http://127.0.0.1:{port}/", headers={"X-Forwarded-Proto": "https"}
                )
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                    body = response.read().decode()
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail((tmp_path / "gunicorn.log").read_text()[-3000:])
                time.sleep(0.3)
        assert response.status == 200
        assert home_page.title in body
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_gunicorn_master_loads_the_site_without_a_connection_and_freezes_it(tmp_path):
    """With preload_app the workers are forks of the master: it must hold no connection they
    would share (database, Redis, broker) after loading the site, and it takes what it loaded
    out of the garbage collector's reach before forking (pre_fork), so no full collection walks
    those objects again in the middle of a request."""
    script = (
        "import gc, runpy, socket\n"
        "config = runpy.run_path('deploy/gunicorn.conf.py')\n"
        "assert config['preload_app']\n"
        "import bildung.wsgi\n"
        "from django.db import connections\n"
        "sockets = [o for o in gc.get_objects() if isinstance(o, socket.socket)]\n"
        "before = gc.get_freeze_count()\n"
        "config['pre_fork'](None, None)\n"
        "print(len(sockets), connections['default'].connection is None, before,"
        " gc.get_freeze_count())\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bildung.settings.production",
        "SECRET_KEY": "deploy-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"),
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
        "STATIC_ROOT": str(tmp_path),
    }
    run = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr[-3000:]
    sockets, no_database, before, after = run.stdout.split()[-4:]
    assert (sockets, no_database) == ("0", "True")
    assert int(before) == 0
    assert int(after) > 100_000  # Django, Wagtail and the project's modules
