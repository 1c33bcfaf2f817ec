"""The cache of search answers (search/result_cache.py): a repeated search costs no search
query and is still logged, and no change a citizen could notice is ever answered from it.

The whole search API and search page suites run here a second time with the cache on (their
tests search, change pages, offers, promotions and synonyms, and search again)."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search import result_cache
from search.models import QueryLogEntry, Synonym
from tests.factories.offers import create_offer
from tests.factories.pages import StandardPageFactory
from tests.search import test_search_api, test_search_page
from tests.search.conftest import publish
from tests.search.test_search_api import API, get, titles

# Collected again in this module, where the fixture below switches the cache on.
for _module in (test_search_api, test_search_page):
    for _name in dir(_module):
        if _name.startswith("test_"):
            globals()[f"{_name}__cache_on"] = getattr(_module, _name)


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SEARCH_CACHE_SECONDS = 60


def document_queries(context):
    return [q["sql"] for q in context.captured_queries if "search_searchdocument" in q["sql"]]


def test_a_repeated_search_runs_no_search_query_and_is_logged_each_time(client, corpus):
    with CaptureQueriesContext(connection) as first:
        answer = get(client, q="Schulgarten", topic="bne")
    with CaptureQueriesContext(connection) as second:
        again = get(client, q="Schulgarten", topic="bne")
    assert again == answer
    assert document_queries(first), "the first search must run the search"
    assert not document_queries(second), "the repeated search came from the cache"
    assert len(second) < len(first)
    assert QueryLogEntry.objects.get(query="schulgarten").hits == 2


def test_parameters_locale_and_page_each_have_their_own_answer(client, corpus):
    everything = get(client, q="Kinder")
    offers = get(client, q="Kinder", type="offer")
    bne = get(client, q="Kinder", topic="bne")
    small = get(client, q="Kinder", page_size=1)
    second_page = get(client, q="Kinder", page_size=1, page=2)
    plain = get(client, q="Kinder", locale="de-x-ls")
    assert all(item["type"] == "offer" for item in offers["results"])
    assert titles(bne) == ["Klimadetektive"]
    assert len(small["results"]) == len(second_page["results"]) == 1
    assert titles(small) != titles(second_page)
    assert plain["locale"] == "de-x-ls" and plain["total"] == 0
    assert everything["total"] > bne["total"]


def test_a_published_page_is_found_at_once(client, home_page, corpus):
    assert get(client, q="Zirkusschule")["total"] == 0
    publish(StandardPageFactory(parent=home_page, title="Zirkusschule für alle"))
    assert titles(get(client, q="Zirkusschule")) == ["Zirkusschule für alle"]
    assert [s["title"] for s in autocomplete(client, "Zirkus")] == ["Zirkusschule für alle"]


def autocomplete(client, prefix):
    return client.get(f"{API}autocomplete/", {"q": prefix}).json()["suggestions"]


def test_imported_offers_are_found_at_once(client, corpus, tmp_path):
    from django.core.management import call_command

    assert get(client, q="Trommelkurs")["total"] == 0
    assert autocomplete(client, "Trommel") == []
    path = tmp_path / "angebote.json"
    row = {
        "external_id": "musik-1",
        "title": "Trommelkurs im Park",
        "summary": "Rhythmus für Kinder.",
        "provider": "Musikschule Magdeburg",
        "topics": ["bne"],
        "district": "altstadt",
    }
    path.write_text(json.dumps([row], ensure_ascii=False), encoding="utf-8")
    call_command("import_offers", str(path), stdout=None)
    assert titles(get(client, q="Trommelkurs")) == ["Trommelkurs im Park"]
    assert [s["title"] for s in autocomplete(client, "Trommel")] == ["Trommelkurs im Park"]


def test_a_new_synonym_changes_the_answer_at_once(client, corpus):
    assert "Robotik-Werkstatt" not in titles(get(client, q="Tüftelei"))
    Synonym.objects.create(variants="Tüftelei, Robotik")
    assert "Robotik-Werkstatt" in titles(get(client, q="Tüftelei"))


def test_a_renamed_topic_shows_in_the_facets_at_once(client, corpus):
    def topic_names():
        return {o["slug"]: o["name"] for o in get(client, q="Kinder")["facets"]["topic"]}

    assert topic_names()["bne"] != "Nachhaltig lernen"
    topic = corpus["topic"]("bne")
    topic.name = "Nachhaltig lernen"
    topic.save()
    assert topic_names()["bne"] == "Nachhaltig lernen"


def test_an_offer_that_ends_today_is_gone_tomorrow(client, corpus, monkeypatch):
    today = timezone.localdate()
    create_offer(
        title="Lesenacht", summary="Heute zum letzten Mal.", start_date=today, end_date=today
    )
    assert titles(get(client, q="Lesenacht")) == ["Lesenacht"]
    monkeypatch.setattr(timezone, "localdate", lambda *a: today + datetime.timedelta(days=1))
    assert get(client, q="Lesenacht")["total"] == 0


def test_search_answers_without_a_reachable_cache(client, corpus, settings):
    settings.CACHES = {
        **settings.CACHES,
        "unreachable": {
            "BACKEND": "bildung.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        },
    }
    settings.PAGE_CACHE_ALIAS = "unreachable"
    assert "Neuer Schulgarten in Buckau eröffnet" in titles(get(client, q="Schulgarten"))
    assert get(client, q="Schulgarten")["total"] >= 1
    assert QueryLogEntry.objects.get(query="schulgarten").hits == 2


def test_the_cache_is_off_without_a_lifetime(client, corpus, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    get(client, q="Schulgarten")
    with CaptureQueriesContext(connection) as second:
        get(client, q="Schulgarten")
    assert document_queries(second)
    assert result_cache.ttl() == 0
