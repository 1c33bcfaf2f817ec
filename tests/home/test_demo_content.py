"""`load_demo_content` builds the realistic demo site once, and a second run changes nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from articles.models import (
    CommitteePage,
    EventPage,
    LeitbildChapterPage,
    NewsPage,
    ReportPage,
    TopicPage,
)
from home.models import CreditedImage, FormPage, HomePage, SiteChromeSettings, SizedDocument

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "images": CreditedImage.objects.count(),
        "documents": SizedDocument.objects.count(),
        "revisions": sum(page.revisions.count() for page in Page.objects.all()),
    }


def load(**options):
    output = io.StringIO()
    call_command("load_demo_content", stdout=output, **options)
    return output.getvalue()


def test_demo_content_builds_the_whole_site(settings):
    settings.DEBUG = False
    load()
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert NewsPage.objects.live().count() >= 8
    assert TopicPage.objects.live().count() >= 6
    assert LeitbildChapterPage.objects.live().count() >= 5
    assert CommitteePage.objects.live().count() == 2
    assert ReportPage.objects.live().count() == 2
    assert EventPage.objects.live().count() == 2
    statement = FormPage.objects.get(slug="barrierefreiheit")
    assert statement.form_fields.filter(required=True).count() == 1
    assert FormPage.objects.get(slug="kontakt").form_fields.count() == 3
    assert all(news.lead_image and news.lead_image.credit for news in NewsPage.objects.all())
    assert all(
        document.file_size and document.file_type == "PDF"
        for document in SizedDocument.objects.all()
    )
    chrome = SiteChromeSettings.for_site(site)
    assert len(chrome.footer_pages) == 4
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_the_accessibility_statement_is_complete_and_in_every_footer(client, settings):
    settings.DEBUG = False
    load()
    statement = FormPage.objects.live().get(slug="barrierefreiheit", locale__language_code="de")
    html = client.get(statement.url).content.decode()
    for heading in (
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Was wir versprechen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback und Kontakt",
        "Schlichtungsverfahren",
    ):
        assert f">{heading}</h2>" in html, heading
    assert 'name="welche_barriere_ist_ihnen_aufgefallen"' in html
    for page in Page.objects.live().public().filter(locale__language_code="de").specific()[:40]:
        if page.depth < 2:
            continue
        footer = client.get(page.url).content.decode().split('class="site-footer"', 1)[-1]
        assert f'href="{statement.url}"' in footer, page.url


def test_second_run_creates_nothing(settings):
    settings.DEBUG = False
    load()
    before = snapshot()
    load()
    assert snapshot() == before


def test_demo_admin_only_with_debug(settings):
    settings.DEBUG = False
    load()
    assert not get_user_model().objects.filter(username="admin").exists()
    settings.DEBUG = True
    output = load()
    assert get_user_model().objects.get(username="admin").is_superuser
    assert "/admin/" in output
