"""The site search page /suche/: the same search as the API, for people with a browser."""

import re

import pytest
from bs4 import BeautifulSoup

from search.models import QueryLogEntry
from tests.factories.offers import create_offer

URL = "/suche/"


def soup(client, **params):
    response = client.get(URL, params)
    return response, BeautifulSoup(response.content, "html.parser")


def tab_counts(page):
    tabs = {}
    for link in page.select("nav.result-tabs a"):
        label, count = re.match(r"\s*(\w+)\s*\((\d+)\)", link.get_text(" ", strip=True)).groups()
        tabs[label] = int(count)
    return tabs


def result_titles(page):
    return [link.get_text(strip=True) for link in page.select("ol.search-results h3 a")]


def test_one_box_finds_pages_and_offers_with_tab_counts(client, corpus):
    response, page = soup(client, q="Schulgarten")
    assert response.status_code == 200
    titles = result_titles(page)
    assert "Neuer Schulgarten in Buckau eröffnet" in titles
    tabs = tab_counts(page)
    assert tabs["Alle"] == tabs["Angebote"] + tabs["Seiten"]
    assert tabs["Seiten"] >= 1
    assert tabs["Alle"] == len(titles)


def test_page_and_api_give_the_same_results(client, corpus):
    _response, page = soup(client, q="Kinder", page_size=20)
    api = client.get("/api/v2/search/", {"q": "Kinder"}).json()
    assert result_titles(page) == [item["title"] for item in api["results"]]


def test_offer_tab_shows_only_offers_and_facets(client, corpus):
    _response, page = soup(client, q="Kinder", type="offer")
    assert (
        page.select_one('nav.result-tabs a[aria-current="page"]').get_text().startswith("Angebote")
    )
    assert {p.get_text(strip=True) for p in page.select("ol.search-results .meta")} == {
        "Bildungsangebot"
    }
    legends = [legend.get_text(strip=True) for legend in page.select("form fieldset legend")]
    assert "Thema" in legends and "Kosten" in legends


def test_facet_filter_narrows_the_results(client, corpus):
    _response, page = soup(client, q="Kinder", free="true")
    assert result_titles(page) == ["Vorlesestunde in der Kindertagesstätte"]
    assert page.select_one('input[name="free"][value="true"]').has_attr("checked")
    assert page.find("a", string=re.compile("Alle Filter zurücksetzen"))


def test_snippets_are_highlighted_and_escaped(client, corpus):
    _response, page = soup(client, q="Gemüse")
    marks = [mark.get_text() for mark in page.select("ol.search-results mark")]
    assert marks == ["Gemüse"]


def test_typo_gets_did_you_mean_link(client, corpus):
    _response, page = soup(client, q="Schulgartn")
    suggestion = page.select_one("p.suggestion")
    assert suggestion.get_text(" ", strip=True).startswith("Meinten Sie")
    assert suggestion.a["href"] == "?q=Schulgarten"


def test_nothing_found_shows_help(client, corpus):
    _response, page = soup(client, q="Quantenchromodynamik")
    assert result_titles(page) == []
    help_box = page.select_one(".no-results")
    assert "Leider haben wir nichts gefunden." in help_box.get_text()
    assert help_box.find("a", href="/suche/?type=offer")
    status = page.select_one('[role="status"]')
    assert status.get_text(strip=True) == "0 Ergebnisse für „Quantenchromodynamik“"


def test_form_is_labelled_and_works_without_javascript(client, corpus):
    _response, page = soup(client)
    form = page.select_one('main form[role="search"]')
    assert form["method"] == "get" and form["action"] == URL
    field = form.select_one("input[name=q]")
    assert page.select_one(f'label[for="{field["id"]}"]').get_text(strip=True) == "Suchbegriff"
    assert not page.select("main script")


def test_results_count_is_announced(client, corpus):
    _response, page = soup(client, q="Schulgarten")
    status = page.select_one('[role="status"]')
    assert re.fullmatch(r"\d+ Ergebnis(se)? für „Schulgarten“", status.get_text(strip=True))


def test_bad_parameter_is_explained_not_a_server_error(client, corpus):
    response, page = soup(client, q="Kita", topic="gibt-es-nicht")
    assert response.status_code == 400
    alert = page.select_one('[role="alert"]')
    assert alert is not None and alert.get_text(strip=True)
    assert page.select_one("main input[name=q]")["aria-invalid"] == "true"


def test_pagination_uses_german_parameter(client, corpus):
    _response, first = soup(client, page_size=3)
    _response, second = soup(client, page_size=3, seite=2)
    assert first.select_one(".pagination") is not None
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assert second.select_one("ol.search-results")["start"] == "4"


def test_search_page_logs_the_query(client, corpus):
    soup(client, q="Schulgarten")
    assert QueryLogEntry.objects.get(query="schulgarten").hits == 1


@pytest.mark.parametrize("kind", ["all", "offer", "page"])
def test_search_page_query_count_does_not_grow_with_results(
    client, corpus, django_assert_max_num_queries, kind
):
    with django_assert_max_num_queries(60) as few:
        client.get(URL, {"q": "Kinder", "type": kind})
    for number in range(6):
        create_offer(title=f"Kinderzirkus {number}", summary="Für Kinder.", topics=("mint",))
    with django_assert_max_num_queries(len(few)):
        client.get(URL, {"q": "Kinder", "type": kind})
