"""Export offers in the import format, so an export re-imports as "unchanged"."""

import csv
import io
import json

LIST_SEPARATOR = ";"


def offer_row(offer):
    """One offer as a dict with exactly the import contract's field names."""

    def slugs(manager):
        return sorted(term.slug for term in manager.all())

    def text(value):
        return "" if value is None else str(value)

    return {
        "external_id": offer.external_id,
        "title": offer.title,
        "summary": offer.summary,
        "description": offer.description,
        "provider": offer.provider.name,
        "topics": slugs(offer.topics),
        "life_phases": slugs(offer.life_phases),
        "audiences": slugs(offer.audiences),
        "format": offer.format,
        "district": offer.district.slug if offer.district else "",
        "street": offer.street,
        "postcode": offer.postcode,
        "city": offer.city,
        "latitude": text(offer.latitude),
        "longitude": text(offer.longitude),
        "start_date": offer.start_date.isoformat() if offer.start_date else "",
        "end_date": offer.end_date.isoformat() if offer.end_date else "",
        "schedule": offer.schedule,
        "cost": text(offer.cost),
        "cost_note": offer.cost_note,
        "age_min": text(offer.age_min),
        "age_max": text(offer.age_max),
        "languages": list(offer.languages),
        "accessibility": slugs(offer.accessibility),
        "registration_url": offer.registration_url,
        "website": offer.website,
        "contact_email": offer.contact_email,
        "contact_phone": offer.contact_phone,
        "valid_until": offer.valid_until.isoformat() if offer.valid_until else "",
        "published": offer.live,
    }


def export_json(offers):
    return json.dumps([offer_row(offer) for offer in offers], ensure_ascii=False, indent=1)


def export_csv(offers):
    from offers.importing import FIELDS

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for offer in offers:
        row = offer_row(offer)
        for name, value in row.items():
            if isinstance(value, list):
                row[name] = LIST_SEPARATOR.join(value)
            elif isinstance(value, bool):
                row[name] = "true" if value else "false"
        writer.writerow(row)
    return "\ufeff" + buffer.getvalue()
