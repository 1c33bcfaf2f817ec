"""The validation rules of an offer, shared by the file import and the admin form, so both
refuse the same things with the same German messages (offer-import contract)."""

import re

from django.utils.translation import gettext as _

from offers.vocabulary import FORMATS_NEEDING_PLACE

POSTCODE_PATTERN = re.compile(r"^\d{5}$")
LIMITS = {"external_id": 100, "title": 200, "summary": 600}


def check_offer_values(values):
    """Check the cross-field rules of an offer's typed values.

    `values` is a mapping with the model's field names (format, district, street, postcode,
    latitude, longitude, start_date, end_date, age_min, age_max, cost). Returns a dict
    {field: message}; empty when everything holds."""
    errors = {}
    for field, limit in LIMITS.items():
        value = values.get(field)
        if value is not None and not (1 <= len(value) <= limit):
            errors[field] = _("muss 1 bis %(limit)d Zeichen lang sein") % {"limit": limit}
    postcode = values.get("postcode") or ""
    if postcode and not POSTCODE_PATTERN.match(postcode):
        errors["postcode"] = _("Postleitzahl muss aus 5 Ziffern bestehen")
    if (
        values.get("format") in FORMATS_NEEDING_PLACE
        and not values.get("district")
        and not (values.get("street") or "").strip()
    ):
        errors["district"] = _(
            "Stadtteil ist Pflicht bei Präsenz- oder Hybridangeboten ohne Straße"
        )
    latitude, longitude = values.get("latitude"), values.get("longitude")
    if (latitude is None) != (longitude is None):
        errors["latitude"] = _("Breiten- und Längengrad nur gemeinsam angeben")
    if latitude is not None and not -90 <= latitude <= 90:
        errors["latitude"] = _("Breitengrad muss zwischen -90 und 90 liegen")
    if longitude is not None and not -180 <= longitude <= 180:
        errors["longitude"] = _("Längengrad muss zwischen -180 und 180 liegen")
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        errors["end_date"] = _("Enddatum darf nicht vor dem Startdatum liegen")
    for field in ("age_min", "age_max"):
        age = values.get(field)
        if age is not None and not 0 <= age <= 120:
            errors[field] = _("Alter muss zwischen 0 und 120 liegen")
    age_min, age_max = values.get("age_min"), values.get("age_max")
    if age_min is not None and age_max is not None and age_min > age_max:
        errors["age_max"] = _("Höchstalter darf nicht unter dem Mindestalter liegen")
    cost = values.get("cost")
    if cost is not None and cost < 0:
        errors["cost"] = _("Kosten dürfen nicht negativ sein")
    return errors
