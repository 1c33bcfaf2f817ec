"""Security headers on every kind of response, form submissions without a CSRF cookie that
only this site's pages can send, and per-visitor limits on the search page and on forms."""

import re

import pytest
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission

from home.models import FormField
from tests.factories import (
    FormPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
)
from tests.factories.offers import create_offer
from tests.factories.pages import topic

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def public_urls(home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    return {
        "home": "/",
        "standard page": StandardPageFactory(parent=home_page).url,
        "news page": NewsPageFactory(parent=news_index, topics=[topic("bne")]).url,
        "topic page": TopicPageFactory(
            parent=TopicIndexPageFactory(parent=home_page), topic=topic("bne")
        ).url,
        "form page": FormPageFactory(parent=home_page).url,
        "offer page": create_offer().url,
        "search page": "/suche/?q=Garten",
        "pages API": "/api/v2/pages/",
        "search API": "/api/v2/search/?q=Garten",
        "sitemap": "/sitemap.xml",
        "not found": "/gibt-es-nicht/",
    }


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "standard page",
        "news page",
        "topic page",
        "form page",
        "offer page",
        "search page",
        "pages API",
        "search API",
        "sitemap",
        "not found",
    ],
)
def test_every_public_response_carries_the_security_headers(client, public_urls, name):
    response = client.get(public_urls[name])
    assert response.status_code in (200, 404)
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert not response.cookies


def test_a_page_from_the_page_cache_carries_the_headers_too(client, settings, home_page):
    settings.PAGE_CACHE_SECONDS = 60
    client.get("/")
    response = client.get("/")
    assert response["X-Page-Cache"] == "HIT"
    assert "'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


@pytest.mark.parametrize(
    "name", ["home", "standard page", "news page", "topic page", "form page", "offer page"]
)
def test_public_pages_have_no_inline_script_or_style(client, public_urls, name):
    html = client.get(public_urls[name]).content.decode()
    scripts = re.findall(r"<script(?P<attributes>[^>]*)>", html)
    assert all('type="application/ld+json"' in attributes for attributes in scripts), scripts
    assert "<style" not in html
    assert not re.search(r"\sstyle\s*=", html)
    assert not INLINE_HANDLER.search(html)


def test_the_admin_still_loads_for_an_editor(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response  # Wagtail's admin needs inline script


@pytest.fixture
def form_page(home_page):
    page = FormPageFactory(parent=home_page)
    FormField.objects.create(page=page, label="Ihre Nachricht", field_type="multiline")
    return page


def test_a_form_page_sets_no_cookie_and_has_no_csrf_token(client, form_page):
    response = client.get(form_page.url)
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_form_sent_from_this_site_is_stored(client, form_page):
    response = client.post(form_page.url, {"ihre_nachricht": "Hallo"}, headers=SAME_ORIGIN)
    assert response.status_code == 200
    assert FormSubmission.objects.filter(page=form_page).count() == 1
    assert not response.cookies


def test_the_fetch_metadata_of_a_same_origin_form_is_enough(client, form_page):
    response = client.post(
        form_page.url, {"ihre_nachricht": "Hallo"}, headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert response.status_code == 200
    assert FormSubmission.objects.filter(page=form_page).count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "https://angreifer.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_a_form_sent_from_elsewhere_is_refused_and_not_stored(client, form_page, headers):
    response = client.post(form_page.url, {"ihre_nachricht": "Hallo"}, headers=headers)
    assert response.status_code == 403
    assert "nicht von dieser Website aus abgeschickt" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_other_pages_keep_djangos_csrf_check(home_page):
    page = StandardPageFactory(parent=home_page)
    client = Client(enforce_csrf_checks=True)
    assert client.post(page.url, {}, headers=SAME_ORIGIN).status_code == 403
    assert client.get(page.url).status_code == 200


def test_form_submissions_over_the_limit_get_a_german_429(client, settings, form_page):
    settings.FORM_RATE_LIMIT = "2/m"
    for _ in range(2):
        response = client.post(form_page.url, {"ihre_nachricht": "Hallo"}, headers=SAME_ORIGIN)
        assert response.status_code == 200
    response = client.post(form_page.url, {"ihre_nachricht": "Zu viel"}, headers=SAME_ORIGIN)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    html = response.content.decode()
    assert "Zu viele Anfragen" in html
    assert "Bitte versuchen Sie es in" in html
    assert FormSubmission.objects.filter(page=form_page).count() == 2


def test_the_form_limit_counts_each_visitor_apart(client, settings, form_page):
    settings.FORM_RATE_LIMIT = "1/m"
    data = {"ihre_nachricht": "Hallo"}
    assert client.post(form_page.url, data, headers=SAME_ORIGIN).status_code == 200
    assert client.post(form_page.url, data, headers=SAME_ORIGIN).status_code == 429
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(form_page.url, data, headers=SAME_ORIGIN).status_code == 200


def test_a_sent_x_forwarded_for_is_not_trusted_without_a_proxy(client, settings, form_page):
    settings.FORM_RATE_LIMIT = "1/m"
    data = {"ihre_nachricht": "Hallo"}
    first = {**SAME_ORIGIN, "X-Forwarded-For": "198.51.100.1"}
    second = {**SAME_ORIGIN, "X-Forwarded-For": "198.51.100.2"}
    assert client.post(form_page.url, data, headers=first).status_code == 200
    assert client.post(form_page.url, data, headers=second).status_code == 429


def test_behind_the_proxy_each_forwarded_visitor_counts_apart(client, settings, form_page):
    settings.FORM_RATE_LIMIT = "1/m"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    data = {"ihre_nachricht": "Hallo"}
    for address in ("198.51.100.1", "198.51.100.2"):
        headers = {**SAME_ORIGIN, "X-Forwarded-For": f"203.0.113.9, {address}"}
        assert client.post(form_page.url, data, headers=headers).status_code == 200
    headers = {**SAME_ORIGIN, "X-Forwarded-For": "10.0.0.1, 198.51.100.1"}
    assert client.post(form_page.url, data, headers=headers).status_code == 429


def test_the_search_page_limit_answers_429_in_german(client, settings, home_page):
    settings.SEARCH_PAGE_RATE_LIMIT = "3/m"
    for _ in range(3):
        assert client.get("/suche/?q=Kita").status_code == 200
    response = client.get("/suche/?q=Kita")
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
    assert int(response["Retry-After"]) >= 1
    assert Client(REMOTE_ADDR="192.0.2.8").get("/suche/?q=Kita").status_code == 200


def test_limits_are_off_with_an_empty_rate(client, settings, form_page):
    settings.SEARCH_PAGE_RATE_LIMIT = ""
    for _ in range(70):
        assert client.get("/suche/?q=Kita").status_code == 200
