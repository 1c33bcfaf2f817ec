"""A bounded load test: 50 visitors for 2 minutes over pages, search, the offer finder and the
JSON API, against gunicorn with production settings; prints throughput, p50/p95/p99, the
error count and the mix of requests.

Production settings (bildung.settings.production) on PostgreSQL (DATABASE_URL, default
database `benchpages` with the demo content, created when missing) and Redis (REDIS_URL,
default db 4), gunicorn on loopback with the page cache on as in production; search is never
cached. wrk (Debian) drives the visitors: each of the --users connections waits a think time
of 250-750 ms between its requests, picks the next URL from a weighted list of real addresses
of the demo site, and comes from one of --users addresses in X-Forwarded-For (production
counts the visitor behind one proxy, NUM_PROXIES=1), so the per-visitor limits on search and
forms apply as they would to that many people. Every answer that is not 2xx/3xx (a 429 of a
limit included) and every socket error counts as an error. Only 127.0.0.1 is contacted; the
run stops after --duration seconds (default 120).

The visitors reach gunicorn as in production, through nginx as a buffering reverse proxy
(here without its front cache, so every request is gunicorn's): wrk opens a visitor's next
connection before its think time, and a sync worker that accepted such an idle connection
would wait for it instead of serving others. nginx passes a request on only once it is
complete. `--direct` measures without the proxy, which shows that waiting: a page served from
the page cache in 1 ms then has a p95 of about 300 ms.

    .venv/bin/python bench/load.py [--users 50] [--duration 120] [--workers 4] [--direct]
"""

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from pages import (  # noqa: E402
    Gunicorn,
    ensure_database,
    environment,
    free_port,
    get,
    manage,
    running_nginx,
    shell_output,
)

TARGET = "zero errors, p95 ≤ 300 ms"
SEARCH_WORDS = [
    "Kita",
    "Kindern",
    "BNE",
    "MINT",
    "Schulgarten",
    "Sprachförderung",
    "Ausbildung",
    "Weiterbildung",
    "Elternabend",
    "Bildung für nachhaltige Entwicklung",
    "Kindergarden",
    "Berufsorientierung",
    "Lesen lernen",
    "Übergang Schule Beruf",
    "Museum",
]
# Addresses of the demo site, read from the server's own database: (kind, weight, paths).
LIST_URLS = """
import json
from articles.models import LeitbildPage, NewsPage, TopicPage
from home.models import HomePage
from offers.models import FinderPage, Offer
from wagtail.models import Page
def live(model, code="de"):
    return model.objects.live().public().filter(locale__language_code=code)
offers = Offer.objects.current().filter(locale__language_code="de").order_by("pk")
plain = [p.url for p in Page.objects.live().public().filter(locale__language_code="de-x-ls")]
finder = live(FinderPage).first()
print("URLS=" + json.dumps({
    "pages": ["/"] + [p.url for p in live(NewsPage)[:10]] + [p.url for p in live(TopicPage)]
        + [p.url for p in live(LeitbildPage)] + [o.url for o in offers[:10]],
    "plain": plain[:15],
    "finder": [finder.url if finder else "/angebote/"],
    "topics": sorted({t.slug for p in live(TopicPage) for t in [p.topic]}),
    "page_ids": [p.pk for p in Page.objects.live().public().filter(depth__gt=1)[:30]],
    "offer_ids": [o.pk for o in offers[:20]],
}))
"""


def demo_urls(env):
    output = shell_output(env, LIST_URLS)
    return json.loads(output.split("URLS=", 1)[1].strip())


def request_mix(found, seed=7):
    """[(kind, weight, [paths])]: what the simulated visitors ask for, and how often."""
    rng = random.Random(seed)
    words = [quote_plus(word) for word in SEARCH_WORDS]
    topics = found["topics"] or ["bne"]
    finder = found["finder"][0]
    finder_paths = (
        [finder]
        + [f"{finder}?topic={rng.choice(topics)}&kosten=kostenlos" for _ in range(5)]
        + [f"{finder}?topic={topic}" for topic in topics]
    )
    return [
        ("page", 40, found["pages"]),
        ("plain page", 8, found["plain"] or ["/leichte-sprache/"]),
        ("search page", 12, [f"/suche/?q={word}" for word in words]),
        (
            "search API",
            10,
            [f"/api/v2/search/?q={word}" for word in words]
            + [f"/api/v2/search/?q={word}&type=offer&topic={rng.choice(topics)}" for word in words],
        ),
        ("autocomplete", 5, [f"/api/v2/search/autocomplete/?q={word[:3]}" for word in words]),
        ("finder", 10, finder_paths),
        (
            "pages API",
            8,
            ["/api/v2/pages/", "/api/v2/pages/?type=articles.NewsPage&fields=date"]
            + [f"/api/v2/pages/{pk}/" for pk in found["page_ids"]],
        ),
        (
            "offers API",
            7,
            ["/api/v2/offers/", f"/api/v2/offers/?topic={topics[0]}"]
            + [f"/api/v2/offers/{pk}/" for pk in found["offer_ids"]],
        ),
    ]


LUA = r"""
local paths = {PATHS}
local kinds = {KINDS}
local users = {USERS}
local counts = {}
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads * 7919) end
function init(args) math.randomseed(os.time() + tonumber(seed or 0)) end
function delay() return math.random(250, 750) end
function request()
  local i = math.random(#paths)
  counts[kinds[i]] = (counts[kinds[i]] or 0) + 1
  local visitor = math.random(users)
  local address = "198.51." .. math.floor(visitor / 250) .. "." .. (visitor % 250 + 1)
  return wrk.format("GET", paths[i], {["X-Forwarded-For"] = address})
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d connect=%d",
    summary.requests, summary.duration, e.status, e.connect))
  io.write(string.format(" read=%d write=%d timeout=%d", e.read, e.write, e.timeout))
  io.write(string.format(" p50=%d p95=%d p99=%d max=%d\n", latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def lua_script(mix, users):
    """The wrk script: one entry per request slot, so each kind's weight is its share."""
    paths, kinds = [], []
    for kind, weight, options in mix:
        for number in range(weight * 4):
            paths.append(options[number % len(options)])
            kinds.append(kind)
    quote = json.dumps
    return (
        LUA.replace("{PATHS}", "{" + ",".join(quote(path) for path in paths) + "}")
        .replace("{KINDS}", "{" + ",".join(quote(kind) for kind in kinds) + "}")
        .replace("{USERS}", str(users))
    )


def check_mix(base, mix):
    """Every address of the mix answers 200 before the run (a broken URL is no load test)."""
    for kind, _weight, options in mix:
        for path in options:
            status, _headers, _body = get(base + path)
            assert status == 200, f"{kind} {path}: {status}"


PROXY = """
server {{
    listen 127.0.0.1:{port};
    location / {{
        proxy_pass {upstream};
        proxy_set_header Host $host;
        # the simulated visitor's address, which production's nginx takes from the connection
        proxy_set_header X-Forwarded-For $http_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }}
}}
"""


@contextlib.contextmanager
def proxy(server, workdir, *, direct):
    """The address the visitors use: nginx as a buffering proxy to gunicorn, or gunicorn."""
    if direct:
        yield server.url
        return
    port = free_port()
    with running_nginx(
        workdir / "nginx-load",
        upstream=server.url.removeprefix("http://"),
        static_root=workdir / "static",
        media_root=workdir / "media",
        extra=PROXY.format(port=port, upstream=server.url),
        workers=2,
    ):
        yield f"http://127.0.0.1:{port}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=120, help="seconds of load")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/benchpages"),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/4")
    )
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-pages"))  # noqa: S108 - shares media with pages.py
    parser.add_argument(
        "--direct", action="store_true", help="wrk straight to gunicorn, without nginx in front"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk fehlt (apt-get install wrk)")

    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    env = environment(args, workdir, 600)  # the page cache on, as in production
    env["NUM_PROXIES"] = "1"  # the visitor's address comes in X-Forwarded-For, as behind nginx
    ensure_database(args.database_url)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    manage(env, "collectstatic", "--noinput", "--clear")
    mix = request_mix(demo_urls(env))
    subprocess.run(["redis-cli", "-u", args.redis_url, "flushdb"], check=True, capture_output=True)  # noqa: S603, S607
    script = workdir / "visitors.lua"
    script.write_text(lua_script(mix, args.users))

    server = Gunicorn(env, args.workers, workdir)
    try:
        with proxy(server, workdir, direct=args.direct) as base:
            check_mix(base, mix)
            subprocess.run(
                ["redis-cli", "-u", args.redis_url, "flushdb"], check=True, capture_output=True
            )  # noqa: S603, S607
            front = "wrk straight to gunicorn" if args.direct else "nginx (no cache) in front"
            print(
                f"{args.users} visitors, {args.duration} s, think time 250-750 ms, "
                f"gunicorn {args.workers} sync workers, {front}, production settings"
            )
            print("mix: " + ", ".join(f"{kind} {weight} %" for kind, weight, _ in mix))
            output = subprocess.run(  # noqa: S603
                [
                    shutil.which("wrk"),
                    "-t2",
                    f"-c{args.users}",
                    f"-d{args.duration}s",
                    "--timeout",
                    "10s",
                    "-s",
                    str(script),
                    base,
                ],
                capture_output=True,
                text=True,
                check=True,
                timeout=args.duration + 60,
            ).stdout
    finally:
        server.stop()
    pairs = re.findall(r"(\w+)=(\d+)", output.split("RESULT")[1])
    result = {key: int(value) for key, value in pairs}
    seconds = result["duration_us"] / 1e6
    errors = sum(result[key] for key in ("non2xx", "connect", "read", "write", "timeout"))
    p95 = result["p95"] / 1000
    print(
        f"requests: {result['requests']} in {seconds:.0f} s = {result['requests'] / seconds:.1f}/s"
    )
    print(
        f"latency: p50 {result['p50'] / 1000:.1f} ms, p95 {p95:.1f} ms, "
        f"p99 {result['p99'] / 1000:.1f} ms, max {result['max'] / 1000:.1f} ms"
    )
    print(
        f"errors: {errors} (non-2xx/3xx {result['non2xx']}, connect {result['connect']}, "
        f"read {result['read']}, write {result['write']}, timeout {result['timeout']})"
    )
    verdict = "met" if errors == 0 and p95 <= 300 else "MISSED"
    print(f"target ({TARGET}): {verdict}")
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
