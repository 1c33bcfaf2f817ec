"""iCalendar (RFC 5545) files for events, built with the icalendar library."""

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event


def build_calendar(*, uid, title, start, end, location="", description="", url=""):
    calendar = Calendar()
    calendar.add("prodid", "-//Kommunales Bildungsmanagement//bildungsportal//DE")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", uid)
    event.add("summary", title)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("dtstamp", timezone.now())
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    calendar.add_component(event)
    return calendar


def ical_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def event_ical_response(event_page, request):
    location = ", ".join(part for part in (event_page.location_name, event_page.address) if part)
    calendar = build_calendar(
        uid=f"event-{event_page.pk}@{request.get_host()}",
        title=event_page.title,
        start=event_page.start,
        end=event_page.end,
        location=location,
        description=event_page.teaser,
        url=event_page.get_full_url(request),
    )
    return ical_response(calendar, event_page.slug)
