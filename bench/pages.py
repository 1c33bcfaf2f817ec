"""Requests per second and p50/p99 of public pages through each cache layer, with wrk.

Production settings (bildung.settings.production) on PostgreSQL (DATABASE_URL, default
database `benchpages`, created and filled with the demo content when missing) and Redis
(REDIS_URL, default db 4), served by gunicorn on loopback. For the home page, a news page, a
topic page, an offer page and the pages API listing, each measured with 16 connections:

  (a) gunicorn, application cache off (PAGE_CACHE_SECONDS=0)
  (b) gunicorn, application cache warm
  (c) nginx front cache (deploy/nginx/bildung.conf, rendered by deploy/render_nginx.py) warm
  (d) nginx serving a saved copy of the same bytes from disk

and prints the ratio of each to (d). Only 127.0.0.1 is contacted; every wrk run is bounded
(--duration seconds, default 6, after --warmup seconds that are not measured, default 2),
the whole run takes about four minutes.

    .venv/bin/python bench/pages.py [--duration 6] [--workers 4] [--connections 16]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.render_nginx import free_port, missing_parts, running_nginx, wait_for_port  # noqa: E402

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
TARGETS = "(c) ≥ 50 % of (d); (b) ≥ 1,500 req/s; (a) p99 ≤ 150 ms; API listing (a) p99 ≤ 100 ms"


def environment(args, workdir, cache_seconds):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bildung.settings.production",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # loopback without TLS
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        "LOG_LEVEL": "WARNING",
        "CELERY_BROKER_URL": "",
    }


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def manage(env, *arguments):
    started = time.perf_counter()
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"manage.py {arguments[0]}: {time.perf_counter() - started:.0f} s")


def shell_output(env, script):
    """What `script` prints when run by `manage.py shell` with `env`."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def pick_urls(env):
    """Paths of the pages measured, from the demo content."""
    script = (
        "from articles.models import NewsPage, TopicPage\n"
        "from offers.models import Offer\n"
        "print('/')\n"
        "print(NewsPage.objects.live().filter(locale__language_code='de').order_by('-date').first().url)\n"
        "print(TopicPage.objects.live().filter(locale__language_code='de').first().url)\n"
        "print(Offer.objects.current().filter(locale__language_code='de').order_by('pk').first().url)\n"
        "print('/api/v2/pages/')\n"
    )
    output = shell_output(env, script).split()
    output = [line for line in output if line.startswith("/")]  # not the shell's banner
    return dict(
        zip(("home", "news page", "topic page", "offer page", "API listing"), output, strict=True)
    )


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        return response.status, response.headers, response.read()


class Gunicorn:
    def __init__(self, env, workers, workdir):
        self.port = free_port()
        self.log = (workdir / f"gunicorn-{self.port}.log").open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).with_name("gunicorn")),
                # the production configuration, on a loopback port with --workers workers
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "bildung.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        if not wait_for_port(self.port, self.process, timeout=60):
            raise RuntimeError(f"gunicorn did not start, see {self.log.name}")
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def wrk(url, args, duration=None):
    """(requests/s, p50 ms, p99 ms, non-2xx count) of one bounded wrk run."""
    duration = duration or args.duration
    output = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk"),
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{duration}s",
            "--timeout",
            "5s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 30,
    ).stdout
    latency = {
        share: float(value) * UNITS[unit]
        for share, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    }
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    if socket_errors:
        print(f"  wrk {url}: socket errors {socket_errors.group(1)}")
    return rate, latency["50"], latency["99"], int(errors.group(1)) if errors else 0


def measure(label, base, urls, args, results, check_header=None):
    for name, path in urls.items():
        status, headers, _body = get(base + path)
        assert status == 200, (base + path, status)
        if check_header:
            header, expected = check_header
            get(base + path)
            value = get(base + path)[1].get(header)
            assert value == expected, f"{name}: {header} is {value!r}, not {expected!r}"
        # Not measured: every gunicorn worker compiles its templates and fills its
        # per-process state on its first requests; the figures are of the steady state.
        wrk(base + path, args, duration=args.warmup)
        rate, p50, p99, errors = wrk(base + path, args)
        if errors:
            print(f"  {label} {name}: {errors} responses were not 2xx/3xx")
        results[(label, name)] = (rate, p50, p99)
        print(f"  {label} {name:12} {rate:9.0f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=6, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured seconds per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/benchpages"),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/4")
    )
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-pages"))  # noqa: S108
    args = parser.parse_args()
    missing = missing_parts() + ([] if shutil.which("wrk") else ["wrk fehlt (apt-get install wrk)"])
    if missing:
        sys.exit("; ".join(missing))

    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    env_off = environment(args, workdir, 0)
    env_on = environment(args, workdir, 600)
    ensure_database(args.database_url)
    manage(env_off, "migrate", "--noinput")
    manage(env_off, "load_demo_content")
    manage(env_off, "collectstatic", "--noinput", "--clear")
    urls = pick_urls(env_off)
    subprocess.run(["redis-cli", "-u", args.redis_url, "flushdb"], check=True, capture_output=True)  # noqa: S603, S607
    print(f"pages: {urls}")
    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s", end="; ")
    print(f"gunicorn {args.workers} sync workers")

    results = {}
    server = Gunicorn(env_off, args.workers, workdir)
    try:
        measure("(a)", server.url, urls, args, results)
    finally:
        server.stop()

    server = Gunicorn(env_on, args.workers, workdir)
    try:
        measure("(b)", server.url, urls, args, results, check_header=("X-Page-Cache", "HIT"))
        copies = workdir / "copies"
        shutil.rmtree(copies, ignore_errors=True)
        copies.mkdir()
        copy_port = free_port()
        extra = (
            "server {\n"
            f"    listen 127.0.0.1:{copy_port};\n"
            f"    root {copies};\n"
            "    types { text/html html; application/json json; }\n"
            "}\n"
        )
        with running_nginx(
            workdir / "nginx",
            upstream=server.url.removeprefix("http://"),
            static_root=workdir / "static",
            media_root=workdir / "media",
            extra=extra,
            workers=2,
        ) as nginx:
            measure("(c)", nginx.url, urls, args, results, check_header=("X-Cache-Status", "HIT"))
            copy_urls = {}
            for number, (name, path) in enumerate(urls.items()):
                status, headers, body = get(nginx.url + path)
                suffix = "json" if "json" in headers["Content-Type"] else "html"
                (copies / f"{number}.{suffix}").write_bytes(body)
                copy_urls[name] = f"/{number}.{suffix}"
            measure("(d)", f"http://127.0.0.1:{copy_port}", copy_urls, args, results)
    finally:
        server.stop()

    print()
    print(
        f"{'page':12} | {'(a) req/s':>9} {'p50':>6} {'p99':>6} | {'(b) req/s':>9} {'p50':>5} "
        f"{'p99':>5} | {'(c) req/s':>9} {'p99':>5} | {'(d) req/s':>9} {'p99':>5} | a/d   b/d   c/d"
    )
    for name in urls:
        a, b, c, d = (results[(label, name)] for label in ("(a)", "(b)", "(c)", "(d)"))
        print(
            f"{name:12} | {a[0]:9.0f} {a[1]:6.1f} {a[2]:6.1f} | {b[0]:9.0f} {b[1]:5.1f} "
            f"{b[2]:5.1f} | {c[0]:9.0f} {c[2]:5.1f} | {d[0]:9.0f} {d[2]:5.1f} | "
            f"{a[0] / d[0]:5.1%} {b[0] / d[0]:6.1%} {c[0] / d[0]:6.1%}"
        )
    print(f"\ntargets: {TARGETS}")
    for name in urls:
        a, b, c, d = (results[(label, name)] for label in ("(a)", "(b)", "(c)", "(d)"))
        p99_target = 100 if name == "API listing" else 150
        verdicts = [
            f"(c)/(d) {'met' if c[0] >= d[0] / 2 else 'MISSED'}",
            f"(b) {'met' if b[0] >= 1500 else 'MISSED'}",
            f"(a) p99 {'met' if a[2] <= p99_target else 'MISSED'}",
        ]
        print(f"  {name:12} " + ", ".join(verdicts))
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
