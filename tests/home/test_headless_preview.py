"""With HEADLESS_PREVIEW_URL set, an editor's preview opens the headless front end, which
fetches the draft by its token from the API; without it Wagtail renders the preview."""

import os
import re
import subprocess
import sys
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from bildung.settings.base import BASE_DIR
from home.editorial_roles import REDAKTION
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

FRONT_END = "https://vorschau.bildung.example.org/"
HEADLESS = {"CLIENT_URLS": {"default": FRONT_END}}
PREVIEW_API = "/api/v2/page_preview/"


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("redakteurin", "r@example.org", "pw")
    user.groups.add(Group.objects.get(name=REDAKTION))
    client.force_login(user)
    return user


@pytest.fixture
def page(home_page):
    page = StandardPageFactory(parent=home_page, title="Schulanmeldung", intro="Veröffentlicht.")
    page.save_revision().publish()
    return page


def preview_draft(client, page, title):
    """What the editor's preview panel does: send the unsaved form, then load the preview."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "intro": "Noch nicht veröffentlicht.",
            "body": streamfield([]),
        }
    )
    sent = client.post(url, data)
    assert sent.status_code == 200 and sent.json()["is_valid"], sent.content
    return client.get(url)


def test_without_front_end_the_admin_renders_the_draft(client, editor, page):
    response = preview_draft(client, page, "Schulanmeldung 2027 (Entwurf)")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Schulanmeldung 2027 (Entwurf)" in html
    assert FRONT_END not in html


@override_settings(WAGTAIL_HEADLESS_PREVIEW=HEADLESS)
def test_with_front_end_the_preview_opens_it_with_a_token(client, editor, page):
    response = preview_draft(client, page, "Schulanmeldung 2027 (Entwurf)")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Schulanmeldung 2027 (Entwurf)" not in html  # rendered by the front end, not here
    src = unescape(re.search(r'<iframe src="([^"]+)"', html).group(1))
    assert src.startswith(FRONT_END + "?")
    query = parse_qs(urlparse(src).query)
    assert query["content_type"] == ["home.standardpage"]
    assert query["token"][0]


@override_settings(WAGTAIL_HEADLESS_PREVIEW=HEADLESS)
def test_front_end_fetches_the_draft_by_its_token(client, editor, page):
    html = preview_draft(client, page, "Schulanmeldung 2027 (Entwurf)").content.decode()
    query = parse_qs(urlparse(unescape(re.search(r'<iframe src="([^"]+)"', html).group(1))).query)

    client.logout()  # the front end is not logged in; the signed token is its key
    response = client.get(
        PREVIEW_API, {"content_type": query["content_type"][0], "token": query["token"][0]}
    )
    assert response.status_code == 200, response.content
    draft = response.json()
    assert draft["id"] == page.pk
    assert draft["title"] == "Schulanmeldung 2027 (Entwurf)"
    assert draft["intro"] == "Noch nicht veröffentlicht."
    assert draft["meta"]["type"] == "home.StandardPage"
    page.refresh_from_db()
    assert page.title == "Schulanmeldung"  # the preview published nothing


def test_preview_api_refuses_unknown_and_forged_tokens(client, page):
    missing = client.get(PREVIEW_API)
    assert missing.status_code == 400
    assert "content_type" in missing.json()["message"]
    forged = client.get(PREVIEW_API, {"content_type": "home.standardpage", "token": "id=1:abc"})
    assert forged.status_code == 404
    assert "Keine Vorschau" in forged.json()["message"]


def test_headless_preview_url_from_the_environment_configures_the_front_end():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.WAGTAIL_HEADLESS_PREVIEW)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bildung.settings.test"}
    without = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={k: v for k, v in env.items() if k != "HEADLESS_PREVIEW_URL"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert without.stdout.strip() == "{}"
    configured = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**env, "HEADLESS_PREVIEW_URL": FRONT_END},
        capture_output=True,
        text=True,
        check=True,
    )
    assert FRONT_END in configured.stdout
