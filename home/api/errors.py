"""The API's German errors: the {"error", "field"} body, DRF's handler and parameter checks."""

import re

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler
from wagtail.api.v2.utils import BadRequestError

from search.engine import CONTROL_RE, ParameterError

MAX_ID = 2**31 - 1


def error_body(message, field=None):
    return {"error": str(message), "field": field}


# Wagtail's English BadRequestError messages -> (German message, parameter). The groups of the
# pattern fill the message's placeholders; a parameter of None takes the first group.
WAGTAIL_ERRORS = [
    (
        r"query parameter is not an operation or a recognised field: ([^,]+)",
        "Unbekannter Parameter: %s",
        None,
    ),
    (r"unknown fields: (.+)", "Unbekanntes Feld in „fields“: %s", "fields"),
    (r"'(.+)' does not support nested fields", "„%s“ hat keine Unterfelder.", "fields"),
    (r"fields error: .*", "„fields“ hat ein ungültiges Format.", "fields"),
    (r"type doesn't exist", "Unbekannter Seitentyp.", "type"),
    (r"(\w+) must be a positive integer", "„%s“ muss eine ganze Zahl ab 0 sein.", None),
    (r"limit cannot be higher than (\d+)", "„limit“ darf höchstens %s sein.", "limit"),
    (r"parent page doesn't exist", "Die Seite aus „child_of“ gibt es nicht.", "child_of"),
    (r"descendant page doesn't exist", "Die Seite aus „ancestor_of“ gibt es nicht.", "ancestor_of"),
    (
        r"ancestor page doesn't exist",
        "Die Seite aus „descendant_of“ gibt es nicht.",
        "descendant_of",
    ),
    (
        r"translation_of page doesn't exist",
        "Die Seite aus „translation_of“ gibt es nicht.",
        "translation_of",
    ),
    (
        r"filtering by descendant_of with child_of is not supported",
        "„descendant_of“ und „child_of“ lassen sich nicht kombinieren.",
        "descendant_of",
    ),
    (r"random ordering .*", "Zufällige Reihenfolge geht nur allein und ohne „offset“.", "order"),
    (r"cannot order by '-?(.+?)'.*", "Nach „%s“ kann nicht sortiert werden.", "order"),
    (r"search is disabled", "Die Suche ist hier nicht verfügbar.", "search"),
    (
        r"filtering by tag with a search query.*",
        "Tags und Suche lassen sich nicht kombinieren.",
        "search",
    ),
    (
        r"cannot filter by '(.+?)' while searching.*",
        "„%s“ lässt sich nicht mit der Suche kombinieren.",
        None,
    ),
    (
        r"field filter error\. '.*' is not a valid value for (\w+).*",
        "Ungültiger Wert für „%s“.",
        None,
    ),
    (r"field filter error\. null characters .* for (\w+)", "Ungültiger Wert für „%s“.", None),
]


def german_bad_request(message):
    """(German message, parameter) for one of Wagtail's BadRequestError messages."""
    for pattern, german, field in WAGTAIL_ERRORS:
        match = re.fullmatch(pattern, message)
        if match:
            groups = match.groups()
            text = _(german) % groups[0] if groups and "%s" in german else _(german)
            return text, field or (groups[0].strip() if groups else None)
    return _("Ungültige Anfrage."), None


GERMAN_HTTP_ERRORS = {
    status.HTTP_404_NOT_FOUND: "Nicht gefunden.",
    status.HTTP_405_METHOD_NOT_ALLOWED: "Diese Methode ist hier nicht erlaubt.",
    status.HTTP_406_NOT_ACCEPTABLE: "Die API antwortet nur in JSON.",
    status.HTTP_403_FORBIDDEN: "Kein Zugriff.",
    status.HTTP_401_UNAUTHORIZED: "Anmeldung erforderlich.",
}


def api_exception_handler(exc, context):
    """DRF's handler (status, Retry-After) with the API's German {"error", "field"} body."""
    if isinstance(exc, ParameterError):
        return Response(error_body(exc.message, exc.field), status=400)
    if isinstance(exc, BadRequestError):
        return Response(error_body(*german_bad_request(str(exc))), status=400)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        message = _("Zu viele Anfragen. Bitte in %d Sekunden erneut versuchen.") % wait
    else:
        message = _(GERMAN_HTTP_ERRORS.get(response.status_code, "Ungültige Anfrage."))
    response.data = error_body(message)
    return response


def check_plain_parameters(data):
    """No control characters in any parameter (PostgreSQL refuses NUL in text)."""
    for name in data:
        if any(CONTROL_RE.search(value) for value in data.getlist(name)):
            raise ParameterError(name, _("„%s“ enthält unzulässige Steuerzeichen.") % name[:40])


def check_ids(data, names):
    for name in names:
        value = data.get(name)
        if value is not None and value != "root" and not (value.isdigit() and int(value) <= MAX_ID):
            raise ParameterError(name, _("„%s“ muss eine ganze Zahl ab 0 sein.") % name)
