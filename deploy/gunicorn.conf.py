"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py bildung.wsgi`.

Every value can be overridden from the environment (GUNICORN_BIND, WEB_CONCURRENCY, ...).
"""

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
# Recycle workers now and then so a slow leak in any library cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
