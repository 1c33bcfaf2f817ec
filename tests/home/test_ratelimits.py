"""Per-client request limits of the HTML search page and form submissions (home/ratelimits.py):
below the limit a request is served, over it the visitor gets a German 429 page with
Retry-After and a form submission is not stored; clients count separately, and an empty
rate switches the limit off."""

import pytest
from wagtail.contrib.forms.models import FormSubmission

from home.models import FormNotification
from tests.factories.pages import FormPageFactory

pytestmark = pytest.mark.django_db

SEARCH_URLS = ["/suche/", "/leichte-sprache/suche/"]


@pytest.fixture
def form_page(home_page):
    page = FormPageFactory(parent=home_page, title="Kontakt")
    page.form_fields.create(label="Nachricht", field_type="multiline", required=True)
    page.save_revision().publish()
    return page


def assert_limited(response):
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= 60
    html = response.content.decode()
    assert "Zu viele Anfragen" in html
    assert f"bitte in {seconds} Sekunde" in html
    assert 'role="alert"' in html
    assert 'class="site-header"' in html  # the site's layout, not a bare error


@pytest.mark.parametrize("url", SEARCH_URLS)
def test_search_page_answers_within_the_limit(client, home_page, settings, url):
    settings.SEARCH_PAGE_RATE_LIMIT = "3/m"
    for _request in range(3):
        assert client.get(url, {"q": "Schule"}).status_code == 200


@pytest.mark.parametrize("url", SEARCH_URLS)
def test_search_page_over_the_limit_gets_a_german_429(client, home_page, settings, url):
    settings.SEARCH_PAGE_RATE_LIMIT = "3/m"
    for _request in range(3):
        client.get(url, {"q": "Schule"})
    assert_limited(client.get(url, {"q": "Schule"}))


def test_form_submission_within_the_limit_is_stored(client, form_page, settings):
    settings.FORM_RATE_LIMIT = "2/m"
    for number in range(2):
        response = client.post(form_page.url, {"nachricht": f"Hinweis {number}"})
        assert response.status_code == 200
    assert FormSubmission.objects.filter(page=form_page).count() == 2


def test_form_submission_over_the_limit_is_refused_and_not_stored(client, form_page, settings):
    settings.FORM_RATE_LIMIT = "2/m"
    for number in range(2):
        client.post(form_page.url, {"nachricht": f"Hinweis {number}"})

    response = client.post(form_page.url, {"nachricht": "Eine Nachricht zu viel"})

    assert_limited(response)
    stored = [s.form_data["nachricht"] for s in FormSubmission.objects.filter(page=form_page)]
    assert "Eine Nachricht zu viel" not in stored
    assert len(stored) == 2
    assert FormNotification.objects.count() == 2  # no mail for the refused one


def test_showing_the_form_is_not_limited(client, form_page, settings):
    settings.FORM_RATE_LIMIT = "1/m"
    client.post(form_page.url, {"nachricht": "Hinweis"})
    assert client.post(form_page.url, {"nachricht": "Noch einer"}).status_code == 429
    assert client.get(form_page.url).status_code == 200


def test_clients_are_counted_separately(client, home_page, settings):
    settings.SEARCH_PAGE_RATE_LIMIT = "2/m"
    for _request in range(2):
        client.get("/suche/", {"q": "Kita"}, REMOTE_ADDR="192.0.2.1")
    assert client.get("/suche/", {"q": "Kita"}, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/suche/", {"q": "Kita"}, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_behind_the_proxy_the_forwarded_address_counts(client, home_page, settings):
    """nginx (NUM_PROXIES=1) appends the visitor to X-Forwarded-For: two visitors behind the
    same proxy count separately, and a forged entry in front of theirs changes nothing."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    settings.SEARCH_PAGE_RATE_LIMIT = "2/m"
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for forged in ("10.0.0.1", "10.0.0.2"):
        client.get(
            "/suche/", {"q": "Kita"}, HTTP_X_FORWARDED_FOR=f"{forged}, 198.51.100.7", **proxy
        )
    over = client.get("/suche/", {"q": "Kita"}, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert over.status_code == 429
    other = client.get("/suche/", {"q": "Kita"}, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)
    assert other.status_code == 200


def test_without_a_proxy_a_client_sent_forwarded_header_is_ignored(client, home_page, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 0}
    settings.SEARCH_PAGE_RATE_LIMIT = "2/m"
    for number in range(2):
        client.get("/suche/", {"q": "Kita"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    assert client.get("/suche/", {"q": "Kita"}, HTTP_X_FORWARDED_FOR="10.0.0.9").status_code == 429


@pytest.mark.parametrize("rate", [None, ""])
def test_an_empty_rate_switches_the_limits_off(client, form_page, settings, rate):
    settings.SEARCH_PAGE_RATE_LIMIT = settings.FORM_RATE_LIMIT = rate
    for number in range(8):
        assert client.get("/suche/", {"q": "Kita"}).status_code == 200
        assert client.post(form_page.url, {"nachricht": f"Hinweis {number}"}).status_code == 200
    assert FormSubmission.objects.filter(page=form_page).count() == 8


def test_the_json_search_api_keeps_its_own_throttle(client, home_page, settings):
    settings.SEARCH_PAGE_RATE_LIMIT = "1/m"
    settings.SEARCH_THROTTLE_RATE = "2/minute"
    assert client.get("/suche/", {"q": "Kita"}).status_code == 200
    for _request in range(2):
        assert client.get("/api/v2/search/", {"q": "Kita"}).status_code == 200
    assert client.get("/api/v2/search/", {"q": "Kita"}).status_code == 429
