"""Server time and query count of the listing pages with many news items.

Builds a throwaway SQLite database (or uses DATABASE_URL when set to PostgreSQL), creates a
site with N news (default 500), and requests the home page, the news index, a filtered news
index and a topic page through Django's test client. Prints p50/p95 in milliseconds and the
number of SQL queries per request.

    .venv/bin/python bench/listing_pages.py [--news 500] [--requests 50]
"""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from support import throwaway_database


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=int, default=500)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-listing-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    with throwaway_database() as connection:
        from django.conf import settings
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        settings.MEDIA_ROOT = workdir / "media"
        from wagtail.models import Page, Site

        from tests.factories import (
            CreditedImageFactory,
            HomePageFactory,
            NewsIndexPageFactory,
            NewsPageFactory,
            TopicIndexPageFactory,
            TopicPageFactory,
        )
        from tests.factories.pages import topic

        home = HomePageFactory(parent=Page.get_first_root_node(), slug="start")
        site = Site.objects.get(is_default_site=True)
        old_root = site.root_page
        site.root_page = home
        site.save()
        old_root.delete()
        news_index = NewsIndexPageFactory(parent=home)
        topic_page = TopicPageFactory(parent=TopicIndexPageFactory(parent=home), topic=topic("bne"))
        images = [CreditedImageFactory() for _ in range(10)]
        started = time.perf_counter()
        for number in range(args.news):
            NewsPageFactory(
                parent=news_index,
                lead_image=images[number % 10],
                topics=[topic("bne") if number % 2 else topic("mint")],
            )
        print(
            f"created {args.news} news in {time.perf_counter() - started:.1f} s "
            f"({connection.vendor})"
        )

        client = Client()
        urls = {
            "home": "/",
            "news index": news_index.url,
            "news index ?thema=bne, page 3": news_index.url + "?thema=bne&seite=3",
            "topic page": topic_page.url,
        }
        print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        for label, url in urls.items():
            client.get(url)
            timings = []
            for _ in range(args.requests):
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(f"{label:34} {statistics.median(timings):8.1f} {p95:8.1f} {len(queries):8d}")


if __name__ == "__main__":
    main()
