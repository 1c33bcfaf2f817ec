"""Server time of the search API and its autocomplete with 10,000 offers and 500 pages.

Creates a fresh test database (DATABASE_URL, PostgreSQL for the issue's target; the seeded
synonyms of search/0003 are there), imports N generated offers through the offer import
(which indexes them), and builds a site with a news index, news, topic and standard pages with
German titles and teasers. For speed the pages are created live with `add_child` and then
indexed once in bulk with `search.indexing.index_pages` (what publishing each page does one
at a time through the page_published signal). On PostgreSQL it then runs VACUUM ANALYZE, as
autovacuum would after such an import (test servers often run without it).

Then it sends mixed queries (single words, two words, inflected forms, typos, filters; fixed
seed) to GET /api/v2/search/ and word prefixes of 2-6 letters to
GET /api/v2/search/autocomplete/ through Django's test client, sequentially from one client,
after a warm-up. Prints p50/p95/p99 in milliseconds, requests per second, the SQL queries of
one typical request, p95 per kind of query, and whether the targets hold (search p95 ≤ 100 ms,
autocomplete p95 ≤ 30 ms).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/benchsearch .venv/bin/python bench/search.py

`--keep` leaves the database in place and reuses it on the next run with `--keep` (about a
minute instead of four or five; the requests are the same, their seed is their own), for
comparing before and after a change; `--queries N` sends fewer requests. Drop a kept
database with `dropdb -h 127.0.0.1 -U postgres test_benchsearch`.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import time
from collections import defaultdict

from support import throwaway_database

FILLER = [
    "Wir treffen uns in kleinen Gruppen.",
    "Die Teilnahme ist offen für alle Interessierten.",
    "Bitte melden Sie sich vorher an.",
    "Material wird gestellt.",
    "Der Raum ist gut mit Bus und Bahn erreichbar.",
    "Eine Fachkraft begleitet die Treffen.",
    "Fragen beantwortet das Team gern vorab.",
    "Bringen Sie gern eigene Ideen mit.",
]


def with_own_description(row, index):
    """A description about the offer's own three subjects (from its summary) with neutral
    filler, so a search word matches the offers about it, not nearly all of them as with
    import_offers.generate_rows' 60 random bench words (the worst case, --vocabulary dense)."""
    subjects = row["summary"].removeprefix("Ein Angebot zu ").removesuffix(" für alle.")
    rng = random.Random(index)
    sentences = [f"In diesem Angebot geht es um {subjects}.", *rng.sample(FILLER, 4)]
    return {**row, "description": " ".join(sentences)}


SEARCH_TARGET_MS = 100
AUTOCOMPLETE_TARGET_MS = 30
WARMUP = 20

# Page vocabulary: words the offers use too (bench/import_offers.WORDS, topic names) plus the
# site's own (Kita, Schule, Übergang, BNE …), so queries hit both kinds of documents.
SUBJECTS = [
    "Kita",
    "Schule",
    "Grundschule",
    "Sprache",
    "Sprachförderung",
    "Garten",
    "Schulgarten",
    "Beruf",
    "Berufsorientierung",
    "MINT",
    "BNE",
    "Übergang",
    "Robotik",
    "Programmieren",
    "Lesen",
    "Theater",
    "Musik",
    "Klima",
    "Familie",
    "Ausbildung",
    "Ferien",
    "Volkshochschule",
    "Demokratiebildung",
    "Medien",
    "Bewerbung",
    "Kindertagesstätte",
]
PLACES = ["Buckau", "Stadtfeld", "Sudenburg", "Neustadt", "Cracau", "Rothensee", "Reform"]
TITLE_PATTERNS = [
    "{a} in {place}: neues Angebot für Kinder",
    "{a} und {b} – was Familien wissen sollten",
    "Neuer {a}-Treffpunkt in {place} eröffnet",
    "{a}: Fachtag zu {b} im Rathaus",
    "Gute Beispiele für {a} an Schulen",
    "Wie {a} den {b} erleichtert",
    "{a} im Stadtteil {place}",
    "Förderprogramm {a} startet",
    "Elternabend: {a} und {b}",
    "Rückblick auf die Woche der {a}",
]
TEASERS = [
    "Kinder und Jugendliche lernen in {place} mehr über {a} und {b}.",
    "Das Bildungsbüro lädt Eltern, Lehrkräfte und Fachkräfte zum Austausch über {a} ein.",
    "In den Kitas und Schulen der Stadt wächst das Interesse an {a}; auch {b} ist gefragt.",
    "Beim Übergang in den Beruf helfen Angebote zu {a} und {b}.",
    "Gärten, Werkstätten und Sprachkurse: {a} in {place} für alle Generationen.",
]
BODY = (
    "Die Angebote richten sich an Kinder, Jugendliche und Erwachsene. Sie verbinden {a} mit "
    "{b} und werden von Trägern in {place} gemeinsam mit Schulen und Kitas gestaltet. "
    "Anmeldungen nimmt das Bildungsbüro entgegen; viele Kurse sind kostenlos."
)

SINGLE_WORDS = [
    "Garten",
    "Sprache",
    "Kita",
    "Schule",
    "Robotik",
    "Theater",
    "MINT",
    "BNE",
    "Beruf",
    "Übergang",
    "Musik",
    "Technik",
    "Klima",
    "Familie",
    "Computer",
    "Bewerbung",
    "Lesen",
    "Werkstatt",
    "Chemie",
    "Medien",
    "Schulgarten",
    "Sprachkurs",
    "Ausbildung",
    "Ferien",
    "Kindergarten",
]
INFLECTED = [
    "Gärten",
    "Sprachen",
    "Kindern",
    "Schulen",
    "Berufen",
    "Familien",
    "Kurse",
    "Übergänge",
    "Uebergang",
    "Theatern",
    "Werkstätten",
    "Bewerbungen",
    "Schulgärten",
    "Medien",
    "Kitas",
]
TYPOS = [
    "Shulgarten",
    "Programieren",
    "Robtik",
    "Theatr",
    "Sprahce",
    "Gartn",
    "Bewerbng",
    "Musick",
    "Tehcnik",
    "Klimma",
    "Famile",
    "Werkstat",
    "Chemi",
    "Geschichet",
    "Ausbilung",
]
AUTOCOMPLETE_WORDS = [
    "Garten",
    "Sprache",
    "Robotik",
    "Theater",
    "Lesen",
    "Rechnen",
    "Kochen",
    "Natur",
    "Musik",
    "Technik",
    "Klima",
    "Beruf",
    "Bewerbung",
    "Familie",
    "Computer",
    "Geschichte",
    "Werkstatt",
    "Chemie",
    "Kita",
    "Schule",
    "Schulgarten",
    "Übergang",
    "Förderprogramm",
    "Elternabend",
    "Neuer",
    "Rückblick",
]
KINDS = [  # kind, weight in the mix
    ("single word", 25),
    ("two words", 20),
    ("inflected", 10),
    ("typo", 15),
    ("filtered", 25),
    ("filters only", 5),
]


def build_site(count, rng):
    """`count` live pages under the default site's home page, indexed in one go."""
    from wagtail.models import Page, Site
    from wagtail.rich_text import RichText

    from articles.models import NewsIndexPage, NewsPage, TopicIndexPage, TopicPage
    from home.models import HomePage, StandardPage, Topic
    from search.indexing import index_pages

    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Bildung in Magdeburg", slug="start")
    )
    site.root_page = home
    site.save()
    old_root.delete()

    def words():
        a, b = rng.sample(SUBJECTS, 2)
        return {"a": a, "b": b, "place": rng.choice(PLACES)}

    created = [home]
    news_index = home.add_child(instance=NewsIndexPage(title="Aktuelles", slug="aktuelles"))
    topic_index = home.add_child(instance=TopicIndexPage(title="Themen", slug="themen"))
    created += [news_index, topic_index]
    for number, topic in enumerate(Topic.objects.filter(locale__language_code="de")):
        if len(created) >= count:
            break
        filled = words()
        created.append(
            topic_index.add_child(
                instance=TopicPage(
                    title=topic.name,
                    slug=f"thema-{number}",
                    topic=topic,
                    intro=rng.choice(TEASERS).format(**filled),
                    body=[("paragraph", RichText(f"<p>{BODY.format(**filled)}</p>"))],
                )
            )
        )
    topics = list(Topic.objects.filter(locale__language_code="de"))
    standard_count = (count - len(created)) // 5
    for number in range(count - len(created)):
        filled = words()
        title = rng.choice(TITLE_PATTERNS).format(**filled)
        body = [("paragraph", RichText(f"<p>{BODY.format(**filled)}</p>"))]
        if number < standard_count:
            page = home.add_child(
                instance=StandardPage(
                    title=title,
                    slug=f"seite-{number}",
                    intro=rng.choice(TEASERS).format(**filled),
                    body=body,
                )
            )
        else:
            page = news_index.add_child(
                instance=NewsPage(
                    title=title,
                    slug=f"nachricht-{number}",
                    date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 300),
                    teaser=rng.choice(TEASERS).format(**filled),
                    body=body,
                )
            )
            page.topics.set(rng.sample(topics, 2))
            page.save()
        created.append(page)
    index_pages([page.pk for page in created])
    return len(created)


def search_requests(count, rng):
    """[(kind, GET parameters)] of the search requests, mixed by KINDS."""
    from home.seed_data import TOPICS
    from offers.vocabulary import DISTRICTS

    kinds, weights = zip(*KINDS, strict=True)

    def filters():
        chosen = rng.sample(["topic", "district", "free", "age"], rng.randint(1, 2))
        params = {}
        if "topic" in chosen:
            params["topic"] = rng.choice(TOPICS)[0]
        if "district" in chosen:
            params["district"] = rng.choice(DISTRICTS)[0]
        if "free" in chosen:
            params["free"] = "true"
        if "age" in chosen:
            params["age"] = str(rng.choice([4, 8, 12, 17, 30]))
        return params

    requests = []
    for kind in rng.choices(kinds, weights, k=count):
        if kind == "single word":
            params = {"q": rng.choice(SINGLE_WORDS)}
        elif kind == "two words":
            params = {"q": " ".join(rng.sample(SINGLE_WORDS, 2))}
        elif kind == "inflected":
            params = {"q": rng.choice(INFLECTED)}
        elif kind == "typo":
            params = {"q": rng.choice(TYPOS)}
        elif kind == "filtered":
            params = {"q": rng.choice(SINGLE_WORDS + INFLECTED), **filters()}
        else:
            params = filters()
        requests.append((kind, params))
    return requests


def autocomplete_prefixes(count, rng):
    prefixes = []
    for _ in range(count):
        word = rng.choice(AUTOCOMPLETE_WORDS)
        prefixes.append(word[: rng.randint(2, min(6, len(word)))])
    return prefixes


def percentile(timings, share):
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def measure(client, url, requests):
    """Timings in ms of GET url with each parameter dict, every response asserted 200."""
    timings = []
    started = time.perf_counter()
    for params in requests:
        begin = time.perf_counter()
        response = client.get(url, params)
        timings.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200, (url, params, response.status_code)
    return timings, time.perf_counter() - started


def report(label, timings, elapsed, queries, target):
    p95 = percentile(timings, 0.95)
    print(
        f"{label}, {len(timings)} requests: p50 {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, p99 {percentile(timings, 0.99):.1f} ms, "
        f"{len(timings) / elapsed:.1f} requests/s, {queries} queries per request; "
        f"target p95 ≤ {target} ms: {'met' if p95 <= target else 'MISSED'}"
    )


def load_data(connection, args, rng):
    """Import the generated offers, build the site and update the planner's statistics."""
    from import_offers import generate_rows

    from offers.importing import import_offers
    from search.models import SearchDocument

    started = time.perf_counter()
    rows = generate_rows(args.offers)
    if args.vocabulary == "realistic":
        rows = [with_own_description(row, index) for index, row in enumerate(rows)]
    result = import_offers(json.dumps(rows).encode(), "bench.json")
    print(
        f"{connection.vendor}: {result.counts_line} in {time.perf_counter() - started:.1f} s"
        f" ({args.vocabulary} vocabulary)"
    )
    started = time.perf_counter()
    pages = build_site(args.pages, rng)
    documents = SearchDocument.objects
    print(
        f"created and indexed {pages} pages in {time.perf_counter() - started:.1f} s; "
        f"documents: {documents.filter(kind=SearchDocument.OFFER).count()} offers, "
        f"{documents.filter(kind=SearchDocument.PAGE).count()} pages"
    )
    if connection.vendor == "postgresql":
        # what autovacuum does after a bulk import in production; without statistics the
        # planner expects one row per table and the facet counts take seconds
        with connection.cursor() as cursor:
            cursor.execute("SHOW autovacuum")
            autovacuum = cursor.fetchone()[0]
            cursor.execute("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE done (the server's autovacuum is {autovacuum})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--vocabulary",
        choices=["realistic", "dense"],
        default="realistic",
        help="realistic: each offer is about its own three subjects; dense: every offer "
        "mentions nearly every bench word (worst case)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the test database afterwards and reuse its data when it already holds the "
        "offers (for before/after comparisons; drop it with dropdb test_<name>). The data "
        "of a kept database must have been made with the same --offers/--pages/--vocabulary",
    )
    args = parser.parse_args()
    with throwaway_database(keep=args.keep) as connection:
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from search.models import SearchDocument

        rng = random.Random(11)
        documents = SearchDocument.objects
        if args.keep and documents.filter(kind=SearchDocument.OFFER).exists():
            print(
                f"{connection.vendor}: reusing the kept database "
                f"({documents.filter(kind=SearchDocument.OFFER).count()} offers, "
                f"{documents.filter(kind=SearchDocument.PAGE).count()} pages)"
            )
        else:
            load_data(connection, args, rng)

        client = Client()
        search_url, autocomplete_url = "/api/v2/search/", "/api/v2/search/autocomplete/"
        # its own seed, so that a kept database gets the same requests as a fresh one
        rng = random.Random(12)
        requests = search_requests(args.queries, rng)
        prefixes = [{"q": prefix} for prefix in autocomplete_prefixes(args.queries, rng)]
        measure(client, search_url, [params for _kind, params in requests[:WARMUP]])
        load_before = os.getloadavg()[0]
        measure(client, autocomplete_url, prefixes[:WARMUP])

        timings, elapsed = measure(client, search_url, [params for _kind, params in requests])
        completions, completion_elapsed = measure(client, autocomplete_url, prefixes)
        # counted right away: the next request's request_started signal clears the query log
        with CaptureQueriesContext(connection) as captured:
            response = client.get(search_url, {"q": "Garten"})
        search_queries = len(captured)
        with CaptureQueriesContext(connection) as captured:
            client.get(autocomplete_url, {"q": "Gart"})
        autocomplete_queries = len(captured)
        backend = response["X-Search-Backend"]

        print(
            f"backend: {backend}; load average {load_before:.1f} before, "
            f"{os.getloadavg()[0]:.1f} after the requests ({os.cpu_count()} cores)"
        )
        report("search", timings, elapsed, search_queries, SEARCH_TARGET_MS)
        report(
            "autocomplete",
            completions,
            completion_elapsed,
            autocomplete_queries,
            AUTOCOMPLETE_TARGET_MS,
        )
        by_kind = defaultdict(list)
        for (kind, _params), timing in zip(requests, timings, strict=True):
            by_kind[kind].append(timing)
        print(f"{'search by kind':16} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for kind, _weight in KINDS:
            values = by_kind.get(kind)
            if values:
                print(
                    f"{kind:16} {len(values):8d} {statistics.median(values):8.1f} "
                    f"{percentile(values, 0.95):8.1f} {max(values):8.1f}"
                )


if __name__ == "__main__":
    main()
