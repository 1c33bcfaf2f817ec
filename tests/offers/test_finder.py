"""The finder page: filters in the URL, disjunctive counts, no-JS form, clear empty state."""

import datetime

import pytest
from django.utils import timezone

from offers.finder import find_offers
from offers.models import District, FinderPage, Offer
from tests.factories.offers import create_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def finder(home_page):
    page = FinderPage(title="Bildungsangebote finden", slug="bildungsangebote")
    home_page.add_child(instance=page)
    return page


def counts(facets, name):
    return {option["slug"]: option["count"] for option in facets[name] if option["count"]}


def test_facet_counts_are_disjunctive(finder):
    buckau = District.objects.get(slug="buckau", locale__language_code="de")
    altstadt = District.objects.get(slug="altstadt", locale__language_code="de")
    create_offer(title="Garten", topics=["bne"], district=buckau)
    create_offer(title="Roboter", topics=["mint"], district=buckau)
    create_offer(title="Chemie", topics=["mint"], district=altstadt)
    from django.http import QueryDict
    from wagtail.models import Locale

    result = find_offers(QueryDict("topic=mint"), locale=Locale.get_default())
    assert sorted(offer.title for offer in result.offers) == ["Chemie", "Roboter"]
    # The topic facet ignores its own filter, other facets respect it.
    assert counts(result.facets, "topic") == {"bne": 1, "mint": 2}
    assert counts(result.facets, "district") == {"buckau": 1, "altstadt": 1}

    result = find_offers(
        QueryDict("topic=mint&topic=bne&district=buckau"), locale=Locale.get_default()
    )
    assert sorted(offer.title for offer in result.offers) == ["Garten", "Roboter"]
    assert counts(result.facets, "topic") == {"bne": 1, "mint": 1}
    assert counts(result.facets, "district") == {"buckau": 2, "altstadt": 1}


def test_each_filter_narrows_the_list(client, finder):
    today = timezone.localdate()
    create_offer(
        title="Kostenlos online",
        format="online",
        district=None,
        cost=0,
        age_min=6,
        age_max=10,
        audiences=["kinder"],
        end_date=today + datetime.timedelta(days=15),
    )
    create_offer(
        title="Teurer Kurs",
        cost=120,
        age_min=16,
        start_date=today + datetime.timedelta(days=90),
        audiences=["erwachsene"],
    )
    cases = {
        "format=online": ["Kostenlos online"],
        "free=true": ["Kostenlos online"],
        "age=8": ["Kostenlos online"],
        "age=40": ["Teurer Kurs"],
        "audience=erwachsene": ["Teurer Kurs"],
        f"date_from={(today + datetime.timedelta(days=60)).isoformat()}": ["Teurer Kurs"],
        f"date_to={(today + datetime.timedelta(days=30)).isoformat()}": ["Kostenlos online"],
    }
    for query, expected in cases.items():
        titles = [
            offer.title for offer in client.get(f"{finder.url}?{query}").context["offers_page"]
        ]
        assert titles == expected, query


def test_results_are_sorted_by_next_start_date(client, finder):
    today = timezone.localdate()
    create_offer(title="Später", start_date=today + datetime.timedelta(days=30))
    create_offer(title="Ohne Datum", start_date=None)
    create_offer(title="Bald", start_date=today + datetime.timedelta(days=2))
    titles = [offer.title for offer in client.get(finder.url).context["offers_page"]]
    assert titles == ["Bald", "Später", "Ohne Datum"]


def test_empty_result_says_so_and_offers_to_drop_a_filter(client, finder):
    create_offer(title="Garten", topics=["bne"])
    response = client.get(f"{finder.url}?topic=mint&district=buckau")
    html = response.content.decode()
    assert "Leider passt kein Angebot" in html
    assert "„MINT“ entfernen" in html
    assert "?district=buckau" in html  # the link that drops the topic filter


def test_bad_filter_values_get_a_german_message_not_an_error(client, finder):
    create_offer(title="Garten")
    response = client.get(f"{finder.url}?topic=gibt-es-nicht&age=alt&date_from=gestern")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unbekannter Wert für Thema: gibt-es-nicht" in html
    assert "Alter als ganze Zahl angeben" in html
    assert "Datum im Format JJJJ-MM-TT" in html
    assert "Garten" in html


def test_the_filter_form_works_without_javascript(client, finder):
    create_offer(title="Garten")
    html = client.get(finder.url).content.decode()
    assert 'method="get"' in html
    assert 'name="topic" value="bne"' in html
    assert "<script" not in html


def test_expired_and_unpublished_offers_are_not_listed(client, finder):
    today = timezone.localdate()
    create_offer(title="Aktuell")
    create_offer(title="Abgelaufen", valid_until=today - datetime.timedelta(days=1))
    create_offer(
        title="Vorbei",
        start_date=today - datetime.timedelta(days=20),
        end_date=today - datetime.timedelta(days=1),
    )
    create_offer(title="Entwurf", publish=False)
    titles = [offer.title for offer in client.get(finder.url).context["offers_page"]]
    assert titles == ["Aktuell"]
    assert Offer.objects.count() == 4


def test_finder_query_count_does_not_grow_with_offers(client, finder):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"{finder.url}?topic=bne&audience=kinder&free=false"

    def queries_for(count):
        for number in range(count):
            create_offer(
                title=f"Angebot {number}", topics=["bne", "mint"], audiences=["kinder", "eltern"]
            )
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return len(queries), len(response.context["offers_page"])

    few, shown_few = queries_for(3)
    many, shown_many = queries_for(30)
    assert (shown_few, shown_many) == (3, 20)
    assert few == many <= 36  # 35 + the language switch (one query for the translations)


def test_each_facet_ignores_only_its_own_filter(finder):
    """Four filters at once (two vocabularies, the format and `free`): every facet counts the
    offers that match all the other three, whatever the order the filters come in."""
    from django.http import QueryDict
    from wagtail.models import Locale

    buckau = District.objects.get(slug="buckau", locale__language_code="de")
    altstadt = District.objects.get(slug="altstadt", locale__language_code="de")
    create_offer(
        title="A", topics=["mint"], audiences=["kinder"], district=buckau, format="online", cost=0
    )
    create_offer(
        title="B", topics=["mint"], audiences=["kinder"], district=buckau, format="praesenz", cost=0
    )
    create_offer(title="C", topics=["bne"], district=buckau, format="online", cost=0)
    create_offer(title="D", topics=["mint"], district=altstadt, format="online", cost=0)
    create_offer(title="E", topics=["mint"], district=buckau, format="online", cost=10)

    result = find_offers(
        QueryDict("topic=mint&district=buckau&format=online&free=true"),
        locale=Locale.get_default(),
    )
    assert [offer.title for offer in result.offers] == ["A"]
    assert counts(result.facets, "topic") == {"mint": 1, "bne": 1}  # A, C
    assert counts(result.facets, "district") == {"buckau": 1, "altstadt": 1}  # A, D
    assert counts(result.facets, "format") == {"online": 1, "praesenz": 1}  # A, B
    assert counts(result.facets, "free") == {"true": 1}  # A (E costs)
    assert counts(result.facets, "audience") == {"kinder": 1}  # only A, all filters hold


def test_facets_of_no_matching_offer_count_zero(finder):
    from django.http import QueryDict
    from wagtail.models import Locale

    create_offer(title="Garten", topics=["bne"])
    result = find_offers(
        QueryDict("topic=bne"), locale=Locale.get_default(), base=Offer.objects.none()
    )
    assert list(result.offers) == []
    assert all(option["count"] == 0 for options in result.facets.values() for option in options)
