"""PostgreSQL restarted under a running site: gunicorn (production settings, persistent
connections with health checks) serves pages again right after the restart, without being
restarted itself, and while the database is down the visitor gets a German 503 page, not a
traceback.

The database is a private cluster (initdb) of the test's own on a free port, run as the
`postgres` user (PostgreSQL refuses to run as root); the shared server is never touched."""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import wait_for
from tests.faults.services import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
SETUP_CONTENT = """
from wagtail.models import Page, Site
from home.models import HomePage
site = Site.objects.get(is_default_site=True)
welcome = site.root_page
home = Page.get_first_root_node().add_child(
    instance=HomePage(title="Bildung in Magdeburg", slug="start")
)
site.root_page = home
site.save()
welcome.delete()
from home.models import StandardPage
home.add_child(instance=StandardPage(title="Neuigkeiten", slug="neuigkeiten"))
"""

pytestmark = pytest.mark.skipif(
    not PG_BIN or shutil.which("runuser") is None or os.geteuid() != 0,
    reason="needs PostgreSQL's server binaries (initdb) and root to run them as `postgres`",
)


class PrivatePostgres:
    def __init__(self):
        self.bin = PG_BIN[-1].parent
        # not under pytest's tmp_path: its parent is private to root, the server runs as postgres
        self.base = Path(tempfile.mkdtemp(prefix="bildung-pgfault-"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/bildung"
        shutil.chown(self.base, "postgres", "postgres")

    def run(self, program, *arguments):
        subprocess.run(  # noqa: S603
            [shutil.which("runuser"), "-u", "postgres", "--", str(self.bin / program), *arguments],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def ctl(self, *arguments):
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", *arguments)

    def init(self):
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.base}"
        self.ctl("-o", options, "start")
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "bildung")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.ctl("-m", "immediate", "stop")
        shutil.rmtree(self.base, ignore_errors=True)


def get(url):
    """(status, body) of a GET; errors are answers too here."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:
        return None, str(error)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """gunicorn with production settings on a private PostgreSQL holding a home page."""
    workdir = tmp_path_factory.mktemp("pgfault")
    database = PrivatePostgres()
    gunicorn = None
    log = (workdir / "gunicorn.log").open("w")
    try:
        database.init()
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bildung.settings.production",
            "SECRET_KEY": "fault-test-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database.url,
            "CONN_MAX_AGE": "60",
            "PAGE_CACHE_SECONDS": "0",  # every request goes to the database
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_ACCESS_LOG": str(workdir / "access.log"),
            "LOG_LEVEL": "WARNING",
        }
        for name in ("CELERY_BROKER_URL", "REDIS_URL", "ELASTICSEARCH_URL", "OPENSEARCH_URL"):
            env.pop(name, None)
        for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "shell", "-c", SETUP_CONTENT],
            cwd=ROOT,
            env=env,
            check=True,
        )
        gunicorn = subprocess.Popen(  # noqa: S603
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py"]
            + ["bildung.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        if not wait_for_port(port, timeout=60):
            pytest.fail((workdir / "gunicorn.log").read_text()[-3000:])
        # a page below the home page: routing it always asks the database (the home page
        # itself can come entirely from the in-process caches, database or not)
        yield database, f"http://127.0.0.1:{port}/neuigkeiten/"
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        log.close()
        database.destroy()


def test_pages_are_served_again_right_after_a_restart_without_restarting_gunicorn(site):
    database, url = site
    # the first answer of a cold worker on a loaded CI machine can take longer than get()'s
    # 10 s; wait for it before counting, so the test measures the restart, not the warm-up
    assert wait_for(lambda: get(url)[0] == 200, timeout=90)
    for _request in range(6):  # every worker holds a persistent connection
        assert get(url)[0] == 200

    started = time.monotonic()
    database.ctl("-m", "fast", "restart")
    back = time.monotonic()
    answers = [get(url) for _request in range(10)]
    recovered = time.monotonic()

    statuses = [status for status, _body in answers]
    print(
        f"\nPostgreSQL restart took {back - started:.2f} s; "
        f"the next 10 requests took {recovered - back:.2f} s: {statuses}"
    )
    assert statuses == [200] * 10  # stale connections are replaced, none fails
    assert "Bildung in Magdeburg" in answers[0][1]


def test_while_the_database_is_down_visitors_get_a_german_503(site):
    database, url = site
    assert get(url)[0] == 200
    database.ctl("-m", "fast", "stop")
    try:
        status, body = get(url)
    finally:
        database.ctl(
            "-o", f"-p {database.port} -c listen_addresses=127.0.0.1 -k {database.base}", "start"
        )
    assert status == 503
    assert "vorübergehend nicht erreichbar" in body
    assert 'lang="de"' in body
    assert "Traceback" not in body
    assert "OperationalError" not in body

    started = time.monotonic()
    assert get(url)[0] == 200
    print(f"\nfirst page after PostgreSQL came back: {time.monotonic() - started:.2f} s")
