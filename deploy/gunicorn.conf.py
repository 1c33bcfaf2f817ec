"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py bildung.wsgi`.

Every value can be overridden from the environment (GUNICORN_BIND, WEB_CONCURRENCY, ...).
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "unix:/run/bildung/gunicorn.sock")
# Sync workers: page rendering is CPU-bound Python; two per core plus one keeps the CPUs busy
# while one worker waits for the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Load the site once in the master; every worker is a fork of it. A recycled worker then starts
# at once instead of importing Django and Wagtail again (about two seconds of CPU in which it
# serves nothing; several workers reaching max_requests together left the site without one),
# and the workers share the master's memory. Nothing connects to the database, Redis or the
# broker while the site loads (tests/test_deploy.py checks it), so no connection is shared.
# A new release needs `systemctl restart bildung-web`: a reload (HUP) forks the old code again.
preload_app = True
# Recycle workers now and then so a slow leak in any library cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# nginx in front logs every request, those its cache answers too, with the visitor's address
# (deploy/nginx/bildung.conf); gunicorn's own log of the rest would cost a worker a quarter of
# what serving a cached page costs (measured: 2,000-2,470 against 2,770-2,800 req/s).
# GUNICORN_ACCESS_LOG=- writes it to stdout (the journal), or name a file.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def _freeze():
    """Move everything loaded so far (Django, Wagtail, the URL conf, the models: about
    240,000 objects) out of the garbage collector's reach. Those objects live as long as the
    process; without this every full collection walks all of them again, a pause of about
    150 ms in the middle of some request (measured: p99 of the pages API on one worker fell
    from 93-126 ms to 29-33 ms, bench/README.md). Frozen in the master they also stay shared
    with the workers, since collections no longer write to them."""
    gc.freeze()


def pre_fork(server, worker):
    _freeze()


def post_worker_init(worker):
    _freeze()  # what the worker loaded itself (all of the site, without preload_app)
