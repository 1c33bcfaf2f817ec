"""schema.org JSON-LD for an offer: a Course with a CourseInstance, or an EducationEvent for
offers with a fixed date."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe


def _place(offer):
    address = {"@type": "PostalAddress", "addressLocality": offer.city, "addressCountry": "DE"}
    if offer.street:
        address["streetAddress"] = offer.street
    if offer.postcode:
        address["postalCode"] = offer.postcode
    place = {
        "@type": "Place",
        "name": offer.district.name if offer.district else offer.city,
        "address": address,
    }
    if offer.latitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(offer.latitude),
            "longitude": float(offer.longitude),
        }
    return place


def _location(offer, url):
    if offer.format == "online":
        return {"@type": "VirtualLocation", "url": offer.registration_url or url}
    if offer.format == "hybrid":
        return [_place(offer), {"@type": "VirtualLocation", "url": offer.registration_url or url}]
    return _place(offer)


def offer_json_ld(offer, url):
    provider = {"@type": "Organization", "name": offer.provider.name}
    if offer.provider.website:
        provider["url"] = offer.provider.website
    audience = [
        {"@type": "EducationalAudience", "educationalRole": term.name}
        for term in offer.audiences.all()
    ]
    price = {
        "@type": "Offer",
        "priceCurrency": "EUR",
        "url": offer.registration_url or url,
        "category": "Free" if offer.is_free else "Paid",
    }
    if offer.cost is not None:
        price["price"] = str(offer.cost)
    attendance = {
        "praesenz": "OfflineEventAttendanceMode",
        "online": "OnlineEventAttendanceMode",
        "hybrid": "MixedEventAttendanceMode",
    }[offer.format]
    instance = {
        "@type": "CourseInstance",
        "courseMode": {"praesenz": "onsite", "online": "online", "hybrid": "blended"}[offer.format],
        "location": _location(offer, url),
        "organizer": provider,
    }
    if offer.start_date:
        instance["startDate"] = offer.start_date.isoformat()
    if offer.end_date:
        instance["endDate"] = offer.end_date.isoformat()
    if offer.schedule:
        instance["courseSchedule"] = {"@type": "Schedule", "description": offer.schedule}
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": offer.title,
        "description": offer.summary,
        "url": url,
        "provider": provider,
        "inLanguage": offer.languages or ["de"],
        "about": [topic.name for topic in offer.topics.all()],
        "hasCourseInstance": [instance],
        "offers": [price],
    }
    if audience:
        data["audience"] = audience
    if offer.age_min is not None or offer.age_max is not None:
        data["typicalAgeRange"] = f"{offer.age_min or 0}-{offer.age_max or ''}".rstrip("-")
    if offer.start_date:
        data["eventAttendanceMode"] = f"https://schema.org/{attendance}"
    return data


def as_script_content(data):
    """JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))  # noqa: S308 - escaped above
