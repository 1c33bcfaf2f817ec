"""The OpenAPI 3 schema documents every endpoint and generates without warnings; the German
documentation page is rendered from it without scripts or third-party assets."""

import re

from django.core.management import call_command

ENDPOINTS = {
    "/api/v2/pages/",
    "/api/v2/pages/{id}/",
    "/api/v2/pages/find/",
    "/api/v2/images/",
    "/api/v2/images/{id}/",
    "/api/v2/documents/",
    "/api/v2/documents/{id}/",
    "/api/v2/offers/",
    "/api/v2/offers/{id}/",
    "/api/v2/search/",
    "/api/v2/search/autocomplete/",
}


def test_schema_lists_every_endpoint(client, db):
    response = client.get("/api/v2/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == ENDPOINTS
    for path, methods in schema["paths"].items():
        assert set(methods) == {"get"}, path
        assert "200" in methods["get"]["responses"] or "302" in methods["get"]["responses"]


def test_schema_generates_and_validates_without_warnings(db, tmp_path):
    output = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(output))
    assert "/api/v2/offers/{id}/" in output.read_text()


def test_search_parameters_are_documented(client, db):
    operation = client.get("/api/v2/schema/").json()["paths"]["/api/v2/search/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "locale", "type", "topic", "format", "page_size", "age"} <= names
    assert set(operation["responses"]) >= {"200", "400", "429"}


def test_docs_page_is_german_self_hosted_and_script_free(client, db):
    response = client.get("/api/v2/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert "<h1>Schnittstelle (API) – Dokumentation</h1>" in html
    for path in ENDPOINTS:
        assert f"GET {path}" in html
    assert "<script" not in html
    absolute = re.findall(r'(?:src|href)="((?:https?:)?//[^"]*)"', html)
    assert all(url.startswith("http://testserver/") for url in absolute), absolute
    assert "429" in html and "ETag" in html
