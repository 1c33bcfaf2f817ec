"""Offer detail page, iCal, JSON-LD, escaping, expiry, export round trip, topic page offers."""

import datetime
import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Locale

from offers.expiry import expire_offers, expired_offers, expiring_soon
from offers.exporting import export_csv, export_json
from offers.importing import import_offers
from offers.models import FinderPage, Offer
from tests.factories import TopicIndexPageFactory, TopicPageFactory
from tests.factories.offers import create_offer
from tests.factories.pages import topic

pytestmark = pytest.mark.django_db
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_detail_page_shows_every_field_and_links(client, home_page):
    offer = create_offer(
        title="Forscherclub",
        street="Breiter Weg 10",
        postcode="39104",
        latitude="52.1300",
        longitude="11.6300",
        cost=12,
        cost_note="ermäßigt 6 Euro",
        age_min=8,
        age_max=12,
        schedule="dienstags 15 Uhr",
        registration_url="https://example.org/anmelden",
        contact_email="club@example.org",
        description="Absatz eins.\n\nZwei.",
    )
    response = client.get(f"/angebote/{offer.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Forscherclub",
        offer.provider.name,
        "Breiter Weg 10",
        "39104",
        "ermäßigt 6 Euro",
        "8 bis 12 Jahre",
        "dienstags 15 Uhr",
        "https://example.org/anmelden",
        "club@example.org",
        "<p>Zwei.</p>",
        "https://www.openstreetmap.org/?mlat=52.130000&amp;mlon=11.630000",
        f"/angebote/{offer.slug}/ical/",
    ):
        assert text in html, text
    assert "<iframe" not in html


def test_json_ld_is_a_valid_course_with_instance_location_audience_and_price(client, home_page):
    offer = create_offer(
        title="Sprachkurs",
        cost=0,
        audiences=["erwachsene"],
        street="Breiter Weg 1",
        postcode="39104",
    )
    data = json_ld(client.get(offer.url).content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "Course"
    assert data["name"] == "Sprachkurs" and data["description"]
    assert data["provider"]["name"] == offer.provider.name
    instance = data["hasCourseInstance"][0]
    assert instance["@type"] == "CourseInstance"
    assert instance["startDate"] == offer.start_date.isoformat()
    assert instance["location"]["address"]["streetAddress"] == "Breiter Weg 1"
    assert data["audience"][0]["educationalRole"] == "Erwachsene"
    assert data["offers"][0]["price"] == "0.00" and data["offers"][0]["category"] == "Free"


def test_html_in_every_text_field_is_escaped_on_every_page(client, home_page):
    finder = FinderPage(title="Finder", slug="finder")
    home_page.add_child(instance=finder)
    topic_page = TopicPageFactory(
        parent=TopicIndexPageFactory(parent=home_page), topic=topic("bne")
    )
    offer = create_offer(
        title=f"Titel {XSS}",
        summary=f"Kurz {XSS}",
        description=f"Lang {XSS}",
        schedule=XSS,
        cost_note=XSS,
        contact_phone=XSS,
        street=XSS,
    )
    for url in (offer.url, finder.url, topic_page.url):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
    data = json_ld(client.get(offer.url).content.decode())
    assert data["name"] == f"Titel {XSS}"  # intact as data, escaped inside the script


def test_ical_of_a_dated_offer(client, home_page):
    offer = create_offer(
        title="Ferienkurs", end_date=timezone.localdate() + datetime.timedelta(days=12)
    )
    response = client.get(f"/angebote/{offer.slug}/ical/")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Ferienkurs"
    assert event.decoded("DTSTART") == offer.start_date


def test_expired_offer_disappears_from_detail_sitemap_and_finder(client, home_page):
    offer = create_offer(title="Läuft ab", valid_until=timezone.localdate())
    assert client.get(offer.url).status_code == 200
    assert offer.url in client.get("/sitemap.xml").content.decode()
    Offer.objects.filter(pk=offer.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(offer.url).status_code == 404
    assert offer.url not in client.get("/sitemap.xml").content.decode()


def test_daily_expiry_unpublishes_and_reports(home_page):
    today = timezone.localdate()
    soon = create_offer(title="Bald vorbei", valid_until=today + datetime.timedelta(days=10))
    gone = create_offer(
        title="Vorbei",
        end_date=today - datetime.timedelta(days=2),
        start_date=today - datetime.timedelta(days=9),
    )
    create_offer(title="Lange gültig", valid_until=today + datetime.timedelta(days=90))
    assert [offer.title for offer in expiring_soon()] == ["Bald vorbei"]
    assert expire_offers() == [gone.pk]
    assert expire_offers() == []  # idempotent
    gone.refresh_from_db()
    assert not gone.live
    assert [offer.title for offer in expired_offers()] == ["Vorbei"]
    soon.refresh_from_db()
    assert soon.live


def test_export_then_reimport_reports_every_row_unchanged(client, home_page):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # the German offers (the demo also has plain-language versions, exported per locale)
    offers = Offer.objects.current().filter(locale=Locale.get_default()).for_listing()
    offers = offers.by_next_start()
    assert offers.count() >= 60
    csv_report = import_offers(export_csv(offers).encode(), "export.csv")
    json_report = import_offers(export_json(offers).encode(), "export.json")
    for report in (csv_report, json_report):
        assert report.counts_line == f"created=0 updated=0 unchanged={offers.count()} rejected=0"


def test_finder_export_downloads_the_filtered_result(client, home_page):
    finder = FinderPage(title="Finder", slug="finder")
    home_page.add_child(instance=finder)
    create_offer(title="Garten", topics=["bne"])
    create_offer(title="Roboter", topics=["mint"])
    response = client.get(finder.url + "export/json/?topic=mint")
    assert response["Content-Disposition"] == 'attachment; filename="angebote.json"'
    assert [row["title"] for row in json.loads(response.content)] == ["Roboter"]
    csv_body = client.get(finder.url + "export/csv/?topic=bne").content.decode("utf-8-sig")
    assert "Garten" in csv_body and "Roboter" not in csv_body


def test_topic_page_lists_its_current_offers_and_links_the_finder(client, home_page):
    finder = FinderPage(title="Finder", slug="finder")
    home_page.add_child(instance=finder)
    page = TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=topic("mint"))
    create_offer(title="Roboter bauen", topics=["mint"])
    create_offer(title="Gärtnern", topics=["bne"])
    html = client.get(page.url).content.decode()
    assert "Roboter bauen" in html and "Gärtnern" not in html
    assert f"{finder.url}?topic=mint" in html


@pytest.mark.parametrize("count", [2, 20])
def test_detail_page_query_count_is_constant(
    client, home_page, django_assert_max_num_queries, count
):
    offers = [
        create_offer(title=f"Angebot {n}", topics=["bne", "mint"], audiences=["kinder", "eltern"])
        for n in range(count)
    ]
    client.get(offers[-1].url)
    # the offer (with provider and district) and its four vocabularies' links in one query
    with django_assert_max_num_queries(2):
        assert client.get(offers[-1].url).status_code == 200


def test_offer_page_has_canonical_and_open_graph_tags(client, home_page):
    offer = create_offer(title="Sternwarte")
    html = client.get(offer.url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{offer.url}">' in html
    assert '<meta property="og:title" content="Sternwarte">' in html


def test_editors_preview_an_offer_as_it_will_look(rf, admin_user, home_page):
    offer = create_offer(title="Vorschau-Angebot", publish=False)
    request = rf.get("/admin/")
    request.user = admin_user
    response = offer.serve_preview(request, offer.default_preview_mode)
    html = response.render().content.decode()
    assert "Vorschau-Angebot" in html
    assert "application/ld+json" in html


def test_offers_with_the_same_title_get_distinct_stable_slugs(home_page, tmp_path):
    first = create_offer(title="Malen im Park")
    second = create_offer(title="Malen im Park")
    report = import_offers(
        json.dumps(
            [
                {
                    "external_id": "x1",
                    "title": "Malen im Park",
                    "summary": "s",
                    "provider": "P",
                    "topics": ["bne"],
                    "district": "altstadt",
                }
            ]
        ).encode(),
        "a.json",
    )
    third = Offer.objects.get(pk=report.changed_offer_ids[0])
    assert [first.slug, second.slug, third.slug] == [
        "malen-im-park",
        "malen-im-park-2",
        "malen-im-park-3",
    ]
