"""Uploaded documents are what their name says: the content is checked against the
extension, so an HTML page renamed to .pdf (which a browser might run as a page of our site)
or a program renamed to .docx is refused with a message that names the problem.

Images are checked by Wagtail itself: Willow opens every upload with Pillow and refuses a
file whose content is no image of an allowed format (SVG is not among them,
WAGTAILIMAGES_EXTENSIONS), and WAGTAILIMAGES_MAX_IMAGE_PIXELS refuses decompression bombs."""

import re
import zipfile

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

MARKUP = re.compile(rb"<\s*(?:script|html|body|iframe|svg|object|embed)\b", re.IGNORECASE)
OOXML = {"docx", "xlsx", "pptx"}
OPENDOCUMENT = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
NAMES = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "odt": "OpenDocument-Text",
    "ods": "OpenDocument-Tabelle",
    "rtf": "RTF",
    "csv": "CSV",
    "txt": "Text",
    "mp4": "MP4-Video",
    "webm": "WebM-Video",
}


def _zip_names(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive, set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None, set()


def _is_text(head):
    if b"\x00" in head or MARKUP.search(head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not only a character cut at the end of the sample
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def content_matches(upload, extension):
    """Whether the bytes of `upload` (a file object) are a file of type `extension`."""
    upload.seek(0)
    head = upload.read(65536)
    upload.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-") and not MARKUP.search(head[:1024])
    if extension in OOXML:
        archive, names = _zip_names(upload)
        upload.seek(0)
        return archive is not None and "[Content_Types].xml" in names
    if extension in OPENDOCUMENT:
        try:
            with zipfile.ZipFile(upload) as archive:
                mimetype = archive.read("mimetype")
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            return False
        finally:
            upload.seek(0)
        return mimetype.strip() == OPENDOCUMENT[extension]
    if extension == "rtf":
        return head.startswith(b"{\\rtf")
    if extension in ("csv", "txt"):
        return _is_text(head)
    if extension in ("mp4", "webm"):
        kind = filetype.guess(head)
        return kind is not None and kind.extension == extension
    return False


def check_document(upload):
    """Raise a German ValidationError when the content does not match the extension."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in NAMES:
        return  # Wagtail's own check refuses extensions not in WAGTAILDOCS_EXTENSIONS
    if not content_matches(upload, extension):
        raise ValidationError(
            _(
                "Der Inhalt der Datei „%(name)s“ ist keine %(kind)s-Datei, obwohl ihr Name auf "
                "„.%(extension)s“ endet. Bitte laden Sie die Datei im richtigen Format hoch."
            ),
            code="content_mismatch",
            params={
                "name": upload.name,
                "kind": NAMES.get(extension, extension.upper()),
                "extension": extension,
            },
        )


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with the content check."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload is not self.original_file and hasattr(upload, "read"):
            check_document(upload)
        return upload
