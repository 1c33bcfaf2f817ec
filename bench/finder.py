"""Server time of the offer finder with N offers (default 10,000) and three filters set.

Creates a fresh test database (DATABASE_URL, PostgreSQL for the issue's target), imports
generated offers through the offer import, places a finder page, and requests it through
Django's test client with varying filter combinations. Prints p50/p95/p99 in milliseconds
and the SQL queries per request.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/finder.py
"""

import argparse
import json
import random
import statistics
import time

from support import throwaway_database


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with throwaway_database() as connection:
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from import_offers import generate_rows
        from wagtail.models import Page, Site

        from home.seed_data import AUDIENCES, TOPICS
        from offers.importing import import_offers
        from offers.models import FinderPage
        from offers.vocabulary import DISTRICTS

        rows = generate_rows(args.offers)
        report = import_offers(json.dumps(rows).encode(), "bench.json")
        print(f"{connection.vendor}: {report.counts_line}")
        site = Site.objects.get(is_default_site=True)
        root = Page.objects.get(pk=site.root_page_id)
        finder = FinderPage(title="Bildungsangebote finden", slug="bildungsangebote")
        root.add_child(instance=finder)

        rng = random.Random(3)
        client = Client()
        queries = []
        for _ in range(args.requests):
            queries.append(
                f"{finder.url}?topic={rng.choice(TOPICS)[0]}"
                f"&audience={rng.choice(AUDIENCES)[0]}&district={rng.choice(DISTRICTS)[0]}"
            )
        client.get(queries[0])
        timings = []
        for url in queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as captured:
            client.get(queries[0])
        timings.sort()

        def pct(p):
            return timings[min(len(timings) - 1, int(len(timings) * p))]

        print(
            f"finder, 3 filters, {args.requests} requests: p50 {statistics.median(timings):.1f} "
            f"ms, p95 {pct(0.95):.1f} ms, p99 {pct(0.99):.1f} ms, "
            f"{len(captured)} queries per request"
        )


if __name__ == "__main__":
    main()
