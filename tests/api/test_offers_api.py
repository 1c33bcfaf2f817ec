"""/api/v2/offers/ and /api/v2/offers/<id>/ as the search-api contract's "Offers" section says."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from offers.models import Offer
from tests.api.conftest import PLAIN, translate
from tests.factories.offers import create_offer

API = "/api/v2/offers/"
IMPORT_FIELDS = {
    "external_id", "title", "summary", "description", "provider", "topics", "life_phases",
    "audiences", "format", "district", "street", "postcode", "city", "latitude", "longitude",
    "start_date", "end_date", "schedule", "cost", "cost_note", "age_min", "age_max", "languages",
    "accessibility", "registration_url", "website", "contact_email", "contact_phone",
    "valid_until", "published",
}  # fmt: skip


def get(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content[:500]
    return response.json()


def titles(data):
    return [item["title"] for item in data["results"]]


def test_list_has_current_offers_sorted_by_start_with_facets(client, offers):
    create_offer(title="Entwurf", publish=False)
    create_offer(title="Abgelaufen", valid_until=timezone.localdate() - datetime.timedelta(days=1))
    data = get(client, API)
    assert (data["locale"], data["total"], data["page"], data["page_size"]) == ("de", 2, 1, 20)
    assert set(titles(data)) == {"Gärtnern mit Kindern", "Roboter bauen"}
    assert {facet["slug"]: facet["count"] for facet in data["facets"]["topic"]}["mint"] == 1
    assert IMPORT_FIELDS | {"id", "url", "detail_url"} <= set(data["results"][0])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"topic": "mint"}, ["Roboter bauen"]),
        ({"audience": "kinder"}, ["Gärtnern mit Kindern"]),
        ({"format": "online"}, ["Roboter bauen"]),
        ({"free": "true"}, ["Gärtnern mit Kindern"]),
        ({"district": "buckau"}, ["Gärtnern mit Kindern"]),
        ({"topic": ["mint", "bne"]}, ["Gärtnern mit Kindern", "Roboter bauen"]),
    ],
)
def test_list_filters_like_the_search(client, offers, params, expected):
    assert sorted(titles(get(client, API, params))) == expected


def test_list_pages(client, offers):
    first = get(client, API, {"page_size": 1})
    second = get(client, API, {"page_size": 1, "page": 2})
    assert first["total"] == second["total"] == 2
    assert len(first["results"]) == len(second["results"]) == 1
    assert titles(first) != titles(second)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"locale": "xx"}, "locale"),
        ({"topic": "gibt-es-nicht"}, "topic"),
        ({"date_from": "morgen"}, "date_from"),
        ({"age": "alt"}, "age"),
        ({"page_size": "500"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"free": "vielleicht"}, "free"),
        ({"q": "Garten"}, "q"),
    ],
)
def test_bad_parameters_are_german_400s(client, offers, params, field):
    response = client.get(API, params)
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field
    assert body["error"]


def test_list_needs_no_query_per_offer(client, offers, django_assert_max_num_queries):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(API).status_code == 200
        return len(queries)

    count()  # the first request reads the site into the cache
    few = count()
    for number in range(8):
        create_offer(title=f"Angebot {number}", audiences=["eltern"])
    assert count() == few
    # locale, vocabularies (twice), facets, count, offers and their vocabulary links
    with django_assert_max_num_queries(7):
        client.get(API)


def test_detail_has_every_import_field_terms_provider_and_url(client, offers):
    offer = offers["garden"]
    data = get(client, f"{API}{offer.pk}/")
    assert IMPORT_FIELDS | {"id", "url", "translations"} <= set(data)
    assert data["url"] == offer.url
    assert data["provider"] == {"name": offer.provider.name, "website": ""}
    assert data["audiences"] == [{"slug": "kinder", "name": "Kinder"}]
    assert data["topics"][0]["slug"] == "bne"
    assert data["district"] == {"slug": "buckau", "name": "Buckau"}
    assert data["cost"] == 0
    assert data["published"] is True


def test_detail_lists_the_translations_of_both_locales(client, offers, plain_locale):
    german = offers["garden"]
    plain = translate(german, plain_locale, title="Im Garten arbeiten")
    assert plain.url.startswith("/leichte-sprache/")
    expected = {
        "de": {"id": german.pk, "url": german.url},
        PLAIN: {"id": plain.pk, "url": plain.url},
    }
    assert get(client, f"{API}{german.pk}/")["translations"] == expected
    plain_data = get(client, f"{API}{plain.pk}/")
    assert plain_data["translations"] == expected
    assert plain_data["locale"] == PLAIN
    assert plain_data["topics"][0]["name"] == "Lernen für eine gute Zukunft"


def test_plain_list_shows_plain_offers(client, offers, plain_locale):
    plain = translate(offers["garden"], plain_locale, title="Im Garten arbeiten")
    data = get(client, API, {"locale": PLAIN})
    assert titles(data) == ["Im Garten arbeiten"]
    assert data["results"][0]["id"] == plain.pk


def test_unpublished_or_expired_offer_is_a_german_404(client, offers):
    draft = create_offer(title="Entwurf", publish=False)
    expired = create_offer(
        title="Vorbei", valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    for offer in (draft, expired):
        response = client.get(f"{API}{offer.pk}/")
        assert response.status_code == 404
        assert response.json() == {"error": "Nicht gefunden.", "field": None}
    assert Offer.objects.filter(pk=draft.pk).exists()
