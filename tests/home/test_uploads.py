"""Uploads are what they claim to be: documents are checked by content against their
extension, images by Pillow; a refused file gets a German message and nothing is stored."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import Collection

from home.models import CreditedImage, SizedDocument

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.domain)</script></svg>"
)


def pdf():
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def zipped(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx():
    return zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def odt():
    return zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})


def png(width=40, height=30):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def upload_document(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Protokoll",
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


VALID_DOCUMENTS = {
    "protokoll.pdf": pdf(),
    "bericht.docx": docx(),
    "bericht.odt": odt(),
    "liste.csv": b"Name;Ort\nKita Sonnenschein;Buckau\n",
    "liesmich.txt": "Öffnungszeiten: Mo–Fr".encode("cp1252", "replace"),
    "brief.rtf": b"{\\rtf1\\ansi Hallo}",
}


@pytest.mark.parametrize("name", VALID_DOCUMENTS)
def test_a_real_document_is_stored(admin_client, name):
    response = upload_document(admin_client, name, VALID_DOCUMENTS[name])
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SizedDocument.objects.count() == 1


DISGUISED = {
    "html as pdf": ("bericht.pdf", HTML, "keine PDF-Datei"),
    "pdf header in front of html": ("x.pdf", b"%PDF-1.4\n" + HTML, "keine PDF-Datei"),
    "program as docx": ("bericht.docx", b"MZ\x90\x00\x03" + b"\x00" * 200, "keine Word-Datei"),
    "zip without office parts": ("bericht.docx", zipped({"a.txt": "x"}), "keine Word-Datei"),
    "docx as odt": ("bericht.odt", docx(), "keine OpenDocument-Text-Datei"),
    "html as csv": ("liste.csv", HTML, "keine CSV-Datei"),
    "svg as txt": ("notiz.txt", SVG, "keine Text-Datei"),
    "php as pdf": ("x.pdf", b"<?php system($_GET['c']); ?>", "keine PDF-Datei"),
    "text as mp4": ("film.mp4", b"not a video at all" * 10, "keine MP4-Video-Datei"),
}


@pytest.mark.parametrize("case", DISGUISED)
def test_a_disguised_document_is_refused_and_nothing_is_stored(admin_client, settings, case):
    name, data, message = DISGUISED[case]
    response = upload_document(admin_client, name, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Bitte laden Sie die Datei im richtigen Format hoch" in html
    assert not SizedDocument.objects.exists()
    media = settings.MEDIA_ROOT / "documents"
    assert not media.exists() or not any(media.iterdir())


def test_the_multiple_upload_refuses_a_disguised_document(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("bericht.pdf", HTML)},
    )
    data = response.json()
    assert data["success"] is False
    assert "keine PDF-Datei" in data["error_message"]
    assert not SizedDocument.objects.exists()


def upload_image(client, name, data):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Bild",
            "file": SimpleUploadedFile(name, data),
            "description": "Kinder im Schulgarten",
            "credit": "Stadt",
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_a_real_image_is_stored(admin_client):
    response = upload_image(admin_client, "garten.png", png())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CreditedImage.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bild.svg", SVG, "Nicht unterstütztes Bildformat"),
        ("bild.png", SVG, "Kein gültiges .png-Bild"),
        ("bild.jpg", HTML, "Kein gültiges .jpeg-Bild"),
        ("bild.png", b"GIF89a" + HTML, "Die Erweiterung stimmt nicht mit dem Dateiformat"),
    ],
)
def test_svg_and_disguised_images_are_refused(admin_client, name, data, message):
    response = upload_image(admin_client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CreditedImage.objects.exists()


def test_an_image_with_too_many_pixels_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    response = upload_image(admin_client, "gross.png", png(100, 100))
    assert response.status_code == 200
    assert "Dieses Bild hat zu viele Pixel" in response.content.decode()
    assert not CreditedImage.objects.exists()
