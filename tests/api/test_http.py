"""HTTP behaviour of the API: CORS for configured origins only, ETag/Last-Modified/304,
Cache-Control, per-client throttling of the search with a German 429, compact JSON."""

import json

import pytest
from django.test import override_settings

URLS = ["/api/v2/pages/", "/api/v2/offers/", "/api/v2/search/?q=Garten", "/api/v2/images/"]
ALLOWED = "https://app.bildung.example.org"


@pytest.mark.parametrize("url", URLS)
@override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED])
def test_configured_origin_may_read_the_api(client, site_content, url):
    response = client.get(url, headers={"Origin": ALLOWED})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "origin" in response["Vary"].lower()


@override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED])
def test_preflight_of_configured_origin_is_answered(client, site_content):
    response = client.options(
        "/api/v2/pages/",
        headers={"Origin": ALLOWED, "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED


@pytest.mark.parametrize("url", URLS)
@override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED])
def test_other_origin_gets_no_cors_header(client, site_content, url):
    response = client.get(url, headers={"Origin": "https://evil.example.com"})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED])
def test_pages_outside_the_api_get_no_cors_header(client, site_content):
    response = client.get("/", headers={"Origin": ALLOWED})
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("url", URLS)
def test_api_answers_carry_etag_and_public_cache_control(client, site_content, settings, url):
    response = client.get(url)
    assert response["ETag"]
    assert response["Cache-Control"] == f"public, max-age={settings.API_CACHE_MAX_AGE}"


@pytest.mark.parametrize("url", URLS)
def test_matching_etag_is_answered_304(client, site_content, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_changed_content_gets_a_new_etag(client, site_content):
    url = f"/api/v2/pages/{site_content['standard'].pk}/"
    etag = client.get(url)["ETag"]
    page = site_content["standard"]
    page.title = "Impressum (neu)"
    page.save_revision().publish()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_page_and_offer_details_have_last_modified(client, site_content, offers):
    page = site_content["news"]
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response["Last-Modified"]
    again = client.get(
        f"/api/v2/pages/{page.pk}/", headers={"If-Modified-Since": response["Last-Modified"]}
    )
    assert again.status_code == 304
    assert client.get(f"/api/v2/offers/{offers['garden'].pk}/")["Last-Modified"]


def test_editors_get_private_cache_control(client, site_content, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("redaktion", "r@example.org", "x")
    )
    assert client.get("/api/v2/pages/")["Cache-Control"] == "private, no-cache"


def test_errors_are_not_cached_publicly(client, site_content):
    response = client.get("/api/v2/pages/", {"locale": "xx"})
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/api/v2/search/?q=Garten", "/api/v2/search/autocomplete/?q=Ga"])
def test_search_is_throttled_per_client_with_a_german_429(client, site_content, settings, url):
    settings.SEARCH_THROTTLE_RATE = settings.AUTOCOMPLETE_THROTTLE_RATE = "2/minute"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["field"] is None
    assert body["error"].startswith("Zu viele Anfragen")
    other_client = client.get(url, REMOTE_ADDR="10.1.2.3")
    assert other_client.status_code == 200


def test_offers_and_pages_are_not_throttled_by_the_search_limit(client, site_content, settings):
    settings.SEARCH_THROTTLE_RATE = "1/minute"
    for _ in range(3):
        assert client.get("/api/v2/pages/").status_code == 200
        assert client.get("/api/v2/offers/").status_code == 200


@pytest.mark.parametrize("url", [*URLS, "/api/v2/documents/"])
def test_every_endpoint_answers_compact_json_and_indents_on_request(client, site_content, url):
    compact = client.get(url)
    assert compact.status_code == 200
    assert compact.content.startswith(b'{"') and b"\n" not in compact.content
    indented = client.get(url, headers={"Accept": "application/json; indent=4"})
    assert indented.content.startswith(b'{\n    "')
    assert json.loads(indented.content) == json.loads(compact.content)
