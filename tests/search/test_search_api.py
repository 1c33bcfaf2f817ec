"""The search API as ../shared/contracts/search-api.md specifies it."""

import re

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from search.models import QueryLogEntry, SearchDocument
from tests.search.conftest import publish

API = "/api/v2/search/"


def get(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [item["title"] for item in data["results"]]


def test_response_has_the_contract_fields(client, corpus):
    data = get(client, q="Schulgarten")
    assert set(data) == {
        "query",
        "locale",
        "total",
        "page",
        "page_size",
        "results",
        "facets",
        "suggestion",
    }
    assert (data["query"], data["locale"], data["page"], data["page_size"]) == (
        "Schulgarten",
        "de",
        1,
        20,
    )
    page = next(item for item in data["results"] if item["type"] == "page")
    assert set(page) == {"type", "id", "page_type", "title", "url", "summary", "highlight"}
    assert page["page_type"] == "articles.NewsPage"
    assert page["id"] == corpus["pages"]["garden"].pk
    assert page["url"] == corpus["pages"]["garden"].url
    assert set(data["facets"]) == {
        "topic",
        "life_phase",
        "audience",
        "district",
        "format",
        "accessibility",
        "free",
    }
    assert data["facets"]["free"][0]["slug"] == "true"
    assert data["facets"]["free"][0]["name"] == "kostenlos"


def test_offer_result_fields(client, corpus):
    data = get(client, q="Klimadetektive")
    offer = corpus["offers"]["bne"]
    assert data["results"][0] == {
        "type": "offer",
        "id": offer.pk,
        "external_id": offer.external_id,
        "title": "Klimadetektive",
        "url": offer.url,
        "summary": offer.summary,
        "highlight": data["results"][0]["highlight"],
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kindern", "Neuer Schulgarten in Buckau eröffnet"),  # inflection
        ("Garten", "Neuer Schulgarten in Buckau eröffnet"),  # compound part
        ("Uebergang", "Übergang von der Kita in die Grundschule"),  # umlaut spelled ue
        ("Ubergang", "Übergang von der Kita in die Grundschule"),  # umlaut left out
        ("Sprachkurs", "Deutsch im Alltag"),  # compound split into "Kurs … Sprache"
        ("BNE", "Klimadetektive"),  # abbreviation -> synonym
        ("Kita", "Vorlesestunde in der Kindertagesstätte"),  # synonym
        ("Kindergarten", "Vorlesestunde in der Kindertagesstätte"),  # synonym
        ("MINT", "Robotik-Werkstatt"),  # abbreviation, matched through the topic
        ("Robotik", "Robotik-Werkstatt"),
        ("Schulgartn", "Neuer Schulgarten in Buckau eröffnet"),  # typo
    ],
)
def test_german_language_handling(client, corpus, query, expected):
    assert expected in titles(get(client, q=query))


def test_title_matches_outrank_body_matches(client, corpus):
    data = get(client, q="Übergang", type="page")
    assert titles(data)[:2] == [
        "Übergang von der Kita in die Grundschule",
        "Jahresbericht des Bildungsbüros",
    ]


def test_ended_offers_do_not_appear(client, corpus):
    assert "Schulgarten-Sommerfest" not in titles(get(client, q="Schulgarten"))
    assert "Schulgarten-Sommerfest" not in titles(get(client))


def test_highlight_is_escaped_text_with_only_mark_tags(client, corpus, home_page):
    from tests.factories.pages import StandardPageFactory

    publish(
        StandardPageFactory(
            parent=home_page,
            title="Sicherheit",
            intro='Ein Garten <script>alert("x")</script> & <b>fett</b>',
        )
    )
    data = get(client, q="Garten Sicherheit")
    for item in data["results"]:
        markup = re.findall(r"<[^>]*>", item["highlight"] or "")
        assert set(markup) <= {"<mark>", "</mark>"}, item["highlight"]
    highlight = next(i["highlight"] for i in data["results"] if i["title"] == "Sicherheit")
    assert "<script" not in highlight and "&amp;" in highlight and "&quot;x&quot;" in highlight
    assert "<mark>Garten</mark>" in highlight


def test_type_filter_and_filters_return_offers_only(client, corpus):
    assert {item["type"] for item in get(client, q="Schulgarten", type="page")["results"]} == {
        "page"
    }
    assert {item["type"] for item in get(client, type="offer")["results"]} == {"offer"}
    data = get(client, q="Kinder", free="true")
    assert {item["type"] for item in data["results"]} == {"offer"}
    assert titles(data) == ["Vorlesestunde in der Kindertagesstätte"]


def test_filters_combine_and_facets_are_disjunctive(client, corpus):
    data = get(client, topic=["bne", "mint"])
    assert sorted(titles(data)) == ["Klimadetektive", "Robotik-Werkstatt"]
    topics = {option["slug"]: option["count"] for option in data["facets"]["topic"]}
    # a facet's own filter does not narrow its counts
    assert topics["sprachfoerderung"] == 1
    assert topics["bne"] == 1
    free = data["facets"]["free"][0]["count"]
    assert free == 1  # Robotik is free, Klimadetektive costs
    data = get(client, topic=["bne", "mint"], free="true")
    assert titles(data) == ["Robotik-Werkstatt"]
    assert get(client, age=4)["total"] == 3  # Kita (3-6) and the two offers without ages
    assert get(client, q="Kinder", age=8)["results"][0]["title"] == "Klimadetektive"


def test_facets_count_only_offers_matching_the_query(client, corpus):
    data = get(client, q="Klimadetektive")
    topics = {option["slug"]: option["count"] for option in data["facets"]["topic"]}
    assert topics["bne"] == 1
    assert topics["mint"] == 0


def test_empty_query_lists_offers_by_next_start_then_pages(client, corpus):
    data = get(client, page_size=50)
    kinds = [item["type"] for item in data["results"]]
    assert kinds == sorted(kinds)  # offers first, then pages
    assert data["total"] == 4 + SearchDocument.objects.filter(kind="page").count()


def test_pagination(client, corpus):
    first = get(client, page_size=2)
    second = get(client, page_size=2, page=2)
    assert first["total"] == second["total"]
    assert len(first["results"]) == 2
    assert not {i["id"] for i in first["results"]} & {i["id"] for i in second["results"]}
    beyond = get(client, page_size=2, page=99)
    assert beyond["results"] == []


def test_suggestion_for_a_typo(client, corpus):
    assert get(client, q="Schulgartn")["suggestion"] == "Schulgarten"
    assert get(client, q="schulgartn")["suggestion"] == "schulgarten"
    assert get(client, q="Schulgarten")["suggestion"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"locale": "xx"}, "locale"),
        ({"topic": "gibt-es-nicht"}, "topic"),
        ({"district": "atlantis"}, "district"),
        ({"format": "telepathie"}, "format"),
        ({"date_from": "24.11.2026"}, "date_from"),
        ({"date_to": "2026-13-40"}, "date_to"),
        ({"age": "zwölf"}, "age"),
        ({"age": "-3"}, "age"),
        ({"page": "0"}, "page"),
        ({"page": "eins"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "51"}, "page_size"),
        ({"q": "x" * 201}, "q"),
        ({"type": "video"}, "type"),
        ({"free": "vielleicht"}, "free"),
    ],
)
def test_bad_parameters_get_400_with_german_message_and_field(client, corpus, params, field):
    response = client.get(API, params)
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field
    assert body["error"] and not body["error"].startswith("Enter")  # German, not Django's default


def test_query_of_200_characters_is_fine(client, corpus):
    assert client.get(API, {"q": "a " * 100}).status_code == 200


def test_results_are_only_of_the_requested_locale(client, corpus):
    Locale.objects.get_or_create(language_code="en")
    assert get(client, q="Schulgarten", locale="en")["total"] == 0
    assert get(client, q="Schulgarten", locale="de")["total"] >= 1


def test_search_promotion_pins_a_page_first(client, corpus):
    pinned = corpus["pages"]["body_only"]
    SearchPromotion.objects.create(query=Query.get("kinder"), page=pinned, sort_order=0)
    data = get(client, q="Kinder")
    assert data["results"][0]["id"] == pinned.pk
    assert data["results"][0]["type"] == "page"


def test_autocomplete(client, corpus):
    response = client.get(f"{API}autocomplete/", {"q": "Schul"})
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert {
        "title": "Neuer Schulgarten in Buckau eröffnet",
        "url": corpus["pages"]["garden"].url,
        "type": "page",
    } in suggestions
    assert all(set(item) == {"title", "url", "type"} for item in suggestions)
    assert "Schulgarten-Sommerfest" not in [item["title"] for item in suggestions]  # ended
    assert client.get(f"{API}autocomplete/", {"q": "S"}).json() == {"suggestions": []}
    assert client.get(f"{API}autocomplete/", {"q": "robo"}).json()["suggestions"][0]["title"] == (
        "Robotik-Werkstatt"
    )
    assert client.get(f"{API}autocomplete/", {"q": "x" * 101}).status_code == 400
    assert client.get(f"{API}autocomplete/", {"q": "Sc", "locale": "xx"}).status_code == 400


def test_autocomplete_returns_at_most_ten(client, home_page):
    from tests.factories.pages import StandardPageFactory

    for number in range(12):
        publish(StandardPageFactory(parent=home_page, title=f"Ferienangebot {number}"))
    assert len(client.get(f"{API}autocomplete/", {"q": "Ferien"}).json()["suggestions"]) == 10


def test_query_log_counts_queries_without_personal_data(client, corpus):
    get(client, q="  Schulgarten ")
    get(client, q="schulgarten")
    get(client, q="schulgarten", page=2)  # paging is not a new search
    get(client, q="Quantenphysik")
    entry = QueryLogEntry.objects.get(query="schulgarten")
    assert (entry.hits, entry.locale_code) == (2, "de")
    assert entry.results >= 1
    assert QueryLogEntry.objects.get(query="quantenphysik").results == 0
    fields = {field.name for field in QueryLogEntry._meta.get_fields()}
    assert not fields & {"ip", "ip_address", "user", "session", "cookie", "user_agent"}


def test_publish_unpublish_and_delete_update_the_index(client, corpus):
    page = corpus["pages"]["garden"]
    page.title = "Schulgarten wird größer"
    publish(page)
    assert "Schulgarten wird größer" in titles(get(client, q="größer"))
    page.unpublish()
    assert page.pk not in [i["id"] for i in get(client, q="Schulgarten", type="page")["results"]]
    offer = corpus["offers"]["mint"]
    offer.delete()
    assert get(client, q="Robotik")["total"] == 0


def test_typo_of_a_synonym_is_corrected_even_if_no_text_uses_the_word(client, corpus):
    assert not SearchDocument.objects.filter(body__icontains="Kindergarten").exists()
    data = get(client, q="Kindergarden")
    assert data["suggestion"] == "Kindergarten"
    assert "Vorlesestunde in der Kindertagesstätte" in titles(data)


def test_facets_with_a_query_are_disjunctive_too(client, corpus):
    narrowed = get(client, q="Kinder", topic="bne")
    assert titles(narrowed) == ["Klimadetektive"]
    topics = {option["slug"]: option["count"] for option in narrowed["facets"]["topic"]}
    # the topic filter does not narrow the topic counts: the Kita offer still counts
    assert topics["bne"] == 1 and topics["sprachfoerderung"] == 1
    free = {option["slug"]: option["count"] for option in narrowed["facets"]["free"]}
    assert free == {"true": 0}  # other facets count within the topic filter


def test_searching_stores_no_promotion_queries(client, corpus):
    get(client, q="Etwas ganz Neues")
    assert not Query.objects.filter(query_string="etwas ganz neues").exists()


def test_autocomplete_needs_few_queries(client, corpus, django_assert_max_num_queries):
    client.get(f"{API}autocomplete/", {"q": "Sch"})  # the site scope is read on first sight
    with django_assert_max_num_queries(3):
        client.get(f"{API}autocomplete/", {"q": "Schul"})


def test_facets_of_a_filtered_query_count_any_word_when_no_offer_has_all(client, corpus):
    """No offer mentions both words: the search falls back to offers with any of them, and so
    do the facets, which ignore the topic filter for their own counts."""
    data = get(client, q="Robotik Klimadetektive", topic="bne", type="offer")
    assert titles(data) == ["Klimadetektive"]
    topics = {option["slug"]: option["count"] for option in data["facets"]["topic"]}
    assert topics["bne"] == 1 and topics["mint"] == 1


@pytest.mark.parametrize(
    ("params", "most", "most_with_cluster"),
    [
        ({"q": "Garten"}, 7, 8),
        ({"q": "Kinder", "topic": "bne", "free": "true"}, 7, 11),
        ({"q": "Robotik Klimadetektive", "topic": "bne"}, 10, 13),  # any-word fallback
        ({"topic": "bne", "age": "8"}, 6, 6),
        ({}, 6, 6),
    ],
    ids=["query", "query and filters", "any word", "filters only", "everything"],
)
def test_a_search_needs_few_queries(
    corpus, django_assert_max_num_queries, params, most, most_with_cluster
):
    """Locale, vocabularies, one look-up per typed word, ranking (twice for the any-word
    fallback, plus one check for its facets), promotions, the result page and all facets in
    one query: the same with 5 or 5,000 offers. It had been 22 to 30 queries. With a cluster,
    the ranked ids are looked up in the database, and a filtered query asks the cluster a
    second time for the facets' unfiltered matches."""
    from django.http import QueryDict

    from search.backends import cluster
    from search.engine import parse_params, search

    data = QueryDict(mutable=True)
    data.update(params)
    search(parse_params(data))  # the synonyms are cached from the first search on
    with django_assert_max_num_queries(most if cluster() is None else most_with_cluster):
        search(parse_params(data))
