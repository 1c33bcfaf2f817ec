"""The images and documents endpoints: tags sorted by name without a query per item."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CreditedImageFactory, SizedDocumentFactory


def listing(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.json(), len(queries)


def test_image_listing_shows_tags_sorted_by_name(client, db):
    image = CreditedImageFactory()
    image.tags.add("Schulgarten", "Kita", "Natur")
    data, _queries = listing(client, "/api/v2/images/")
    assert data["items"][0]["meta"]["tags"] == ["Kita", "Natur", "Schulgarten"]
    detail = client.get(f"/api/v2/images/{image.pk}/?fields=tags").json()
    assert detail["meta"]["tags"] == ["Kita", "Natur", "Schulgarten"]


def test_image_listing_needs_no_query_per_image(client, db):
    for number in range(2):
        CreditedImageFactory().tags.add(f"Tag {number}")
    listing(client, "/api/v2/images/")  # renditions are created on first sight
    _data, few = listing(client, "/api/v2/images/")
    for number in range(5):
        CreditedImageFactory().tags.add(f"Mehr {number}")
    listing(client, "/api/v2/images/")
    data, more = listing(client, "/api/v2/images/")
    assert len(data["items"]) == 7
    assert more == few


def test_document_listing_shows_tags_without_a_query_per_document(client, db):
    first = SizedDocumentFactory()
    first.tags.add("Protokoll", "Ausschuss")
    listing(client, "/api/v2/documents/")  # the site scope is read on first sight
    _data, few = listing(client, "/api/v2/documents/")
    for _ in range(5):
        SizedDocumentFactory().tags.add("Bericht")
    data, more = listing(client, "/api/v2/documents/")
    assert more == few
    tags = {item["id"]: item["meta"]["tags"] for item in data["items"]}
    assert tags[first.pk] == ["Ausschuss", "Protokoll"]
