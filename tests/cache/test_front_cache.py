"""The front cache: nginx configured from deploy/nginx/bildung.conf in front of the live
server keeps anonymous pages, and an edit an editor publishes in the admin is visible through
it at once (Wagtail purges nginx through its purge server)."""

import urllib.error
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from deploy.render_nginx import missing_parts, running_nginx
from tests.factories.pages import StandardPageFactory, standard_page_edit_form

pytestmark = [
    pytest.mark.skipif(bool(missing_parts()), reason="; ".join(missing_parts()) or "-"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def nginx(live_server, settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 600
    (tmp_path / "static").mkdir()
    (tmp_path / "media").mkdir()
    upstream = live_server.url.removeprefix("http://")
    with running_nginx(
        tmp_path / "nginx",
        upstream=upstream,
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
    ) as server:
        settings.WAGTAILFRONTENDCACHE = {
            **settings.WAGTAILFRONTENDCACHE,
            "nginx": {
                "BACKEND": "home.page_cache.NginxPurgeBackend",
                "LOCATION": server.purge_url,
            },
        }
        yield server


@pytest.fixture
def site_behind(nginx, home_page):
    """The site's address is nginx's, as in production: purges name the cached URLs."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", nginx.port
    site.save()
    return site


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.headers, response.read().decode()


def test_an_edit_published_in_the_admin_is_visible_through_the_front_cache_at_once(
    nginx, site_behind, home_page, admin_user
):
    page = StandardPageFactory(
        parent=home_page, title="Ferienbetreuung", slug="ferien", intro="Anmeldung ab März."
    )
    url = nginx.url + page.url
    headers, body = fetch(url)
    assert headers["X-Cache-Status"] == "MISS"
    assert "Anmeldung ab März." in body
    headers, body = fetch(url)
    assert headers["X-Cache-Status"] == "HIT"
    assert "X-Accel-Expires" not in headers  # nginx keeps its instructions to itself

    editor = Client()
    editor.force_login(admin_user)
    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        standard_page_edit_form(
            page, intro="Anmeldung ab April.", **{"action-publish": "action-publish"}
        ),
    )
    assert response.status_code == 302, response.content.decode()[:1000]

    headers, body = fetch(url)
    assert "Anmeldung ab April." in body
    assert headers["X-Cache-Status"] == "MISS"
    assert fetch(url)[0]["X-Cache-Status"] == "HIT"


def test_visitors_with_a_session_bypass_the_front_cache(nginx, site_behind, home_page):
    fetch(nginx.url + "/")
    assert fetch(nginx.url + "/")[0]["X-Cache-Status"] == "HIT"
    headers, _body = fetch(nginx.url + "/", {"Cookie": "sessionid=abc"})
    assert headers["X-Cache-Status"] == "BYPASS"


def test_pages_the_application_does_not_mark_are_not_kept(nginx, site_behind, home_page):
    fetch(nginx.url + "/suche/")
    assert fetch(nginx.url + "/suche/")[0]["X-Cache-Status"] == "MISS"  # search: never stored


def test_static_files_come_from_disk(nginx, tmp_path):
    (tmp_path / "static" / "probe.css").write_text("body { color: black; }")
    headers, body = fetch(nginx.url + "/static/probe.css")
    assert body == "body { color: black; }"
    assert "X-Cache-Status" not in headers


def test_media_comes_from_disk_but_documents_and_import_files_never(nginx, tmp_path):
    media = tmp_path / "media"
    for folder in ("images", "documents", "offer-imports"):
        (media / folder).mkdir()
        (media / folder / "probe.txt").write_text(folder)
    assert fetch(nginx.url + "/media/images/probe.txt")[1] == "images"
    for folder in ("documents", "offer-imports"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            fetch(f"{nginx.url}/media/{folder}/probe.txt")
        assert refused.value.code == 404, folder
