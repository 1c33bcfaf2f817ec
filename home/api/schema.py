"""The OpenAPI schema: shared schema parts and parameters, the schema view and the docs page."""

import functools

from django.conf import settings
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from drf_spectacular.views import SpectacularAPIView
from wagtail.models import Page, get_page_models

from home.api.errors import MAX_ID

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error", "field"],
    "properties": {
        "error": {"type": "string", "description": "Deutsche Fehlermeldung"},
        "field": {"type": "string", "nullable": True, "description": "Betroffener Parameter"},
    },
}
BAD_REQUEST = OpenApiResponse(ERROR_SCHEMA, description="Ungültiger Parameter")
NOT_FOUND = OpenApiResponse(ERROR_SCHEMA, description="Nicht gefunden")
TOO_MANY = OpenApiResponse(ERROR_SCHEMA, description="Zu viele Anfragen (siehe Retry-After)")
STRING = {"type": "string"}
NULLABLE_STRING = {"type": "string", "nullable": True}
OBJECT_META = {"type": "object", "additionalProperties": True}


def listing_schema(item):
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count"],
                "properties": {"total_count": {"type": "integer", "minimum": 0}},
            },
            "items": {"type": "array", "items": item},
        },
    }


def object_schema(properties):
    """An item of Wagtail's endpoints; ?fields=_ or -name can leave out any field."""
    return {"type": "object", "properties": properties, "additionalProperties": True}


PAGE_SCHEMA = object_schema(
    {"id": {"type": "integer"}, "meta": OBJECT_META, "title": {"type": "string"}},
)
RENDITION_SCHEMA = {
    "type": "object",
    "properties": {
        "url": {"type": "string", "format": "uri"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
    },
}
IMAGE_SCHEMA = object_schema(
    {
        "id": {"type": "integer"},
        "meta": OBJECT_META,
        "title": {"type": "string"},
        "alt": {"type": "string"},
        "credit": {"type": "string"},
        "decorative": {"type": "boolean"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "renditions": {"type": "object", "additionalProperties": RENDITION_SCHEMA},
    },
)
DOCUMENT_SCHEMA = object_schema(
    {
        "id": {"type": "integer"},
        "meta": OBJECT_META,
        "title": {"type": "string"},
        "file_type": {"type": "string"},
        "file_size": {"type": "integer", "nullable": True},
    },
)


def query(name, description, kind=str, schema=None, **kwargs):
    """A query parameter; `schema` (a raw OpenAPI schema) gives ranges and patterns."""
    return OpenApiParameter(
        name, schema or kind, OpenApiParameter.QUERY, description=description, **kwargs
    )


def id_query(name, description):
    return query(
        name, description, int, schema={"type": "integer", "minimum": 0, "maximum": MAX_ID}
    )


LISTING_PARAMETERS = [
    query(
        "limit",
        "Anzahl der Einträge (1–50, Standard 20)",
        int,
        schema={"type": "integer", "minimum": 1, "maximum": 50},
    ),
    query(
        "offset",
        "Einträge überspringen",
        int,
        schema={"type": "integer", "minimum": 0, "maximum": MAX_ID},
    ),
    query(
        "fields",
        "Zusätzliche Felder, durch Kommas getrennt (z. B. „lead_image,topics“ oder „*“)",
        schema={"type": "string", "pattern": r"^[*_a-z0-9,-]*$"},
    ),
    query("search", "Volltextsuche", schema={"type": "string", "maxLength": 200}),
    query(
        "order",
        "Sortierung nach einem Feld, „-“ davor für absteigend, „random“ für Zufall",
        enum=["id", "-id", "title", "-title"],
    ),
]


def page_type_names():
    return sorted(model._meta.label for model in get_page_models() if model is not Page)


def page_type_description():
    """Each page type's own fields, for the documentation of the detail endpoint."""
    lines = ["Felder je Seitentyp (StreamField als JSON-Blöcke, Fließtext als HTML):"]
    for model in sorted(get_page_models(), key=lambda model: model._meta.label):
        names = [getattr(field, "name", field) for field in getattr(model, "api_fields", [])]
        if model is not Page and names:
            lines.append(f"- {model._meta.label}: {', '.join(names)}")
    return "\n".join(lines)


# Not part of the public API: the schema and docs themselves, and the preview endpoint that only
# answers with an editor's preview token (home/headless_api.py).
UNDOCUMENTED_PREFIXES = ("/api/v2/schema", "/api/v2/docs", "/api/v2/page_preview")


def public_api_only(endpoints, **kwargs):
    """Preprocessing hook: the schema documents the public /api/v2/ endpoints only."""
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].startswith("/api/v2/") and not endpoint[0].startswith(UNDOCUMENTED_PREFIXES)
    ]


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema as JSON (YAML with Accept: application/vnd.oai.openapi)."""

    from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    authentication_classes = []


@functools.cache
def api_schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def docs_operations(schema):
    """The schema's operations in path order, with parameters and responses, for the docs page."""
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation.get("operationId", path),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "location": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": parameter.get("schema", {}).get("type", ""),
                            "values": parameter.get("schema", {}).get("enum")
                            or parameter.get("schema", {}).get("items", {}).get("enum"),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": [
                        {"status": code, "description": response.get("description", "")}
                        for code, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return operations


def api_docs(request):
    """The API's documentation as a German page rendered on the server from the schema:
    no scripts, no third-party assets."""
    schema = api_schema()
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "operations": docs_operations(schema),
            "throttle_rate": settings.SEARCH_THROTTLE_RATE,
            "cache_max_age": settings.API_CACHE_MAX_AGE,
        },
    )
