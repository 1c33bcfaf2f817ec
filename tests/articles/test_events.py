import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def test_ical_download_is_a_valid_calendar_with_time_and_place(client, home_page):
    events = EventIndexPageFactory(parent=home_page)
    start = timezone.make_aware(datetime.datetime(2027, 3, 4, 9, 30))
    page = EventPageFactory(
        parent=events,
        title="Bildungskonferenz 2027",
        start=start,
        end=start + datetime.timedelta(hours=7),
    )
    response = client.get(page.url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Bildungskonferenz 2027"
    assert event.decoded("DTSTART") == start
    assert "Altes Rathaus" in str(event["LOCATION"])


def test_event_drops_out_of_upcoming_once_it_ended(client, home_page):
    events = EventIndexPageFactory(parent=home_page)
    start = timezone.now() - datetime.timedelta(hours=3)
    page = EventPageFactory(parent=events, start=start, end=start + datetime.timedelta(hours=2))
    context = client.get(events.url).context
    assert page.title not in [event.title for event in context["upcoming_events"]]
    assert "bereits stattgefunden" in client.get(page.url).content.decode()
