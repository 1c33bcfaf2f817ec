"""Backups: backup_content and restore_content bring every page, offer, image and document back
into an empty database of the same kind (PostgreSQL with DATABASE_URL, SQLite otherwise), and
refuse a damaged backup, a database with content and an archive that would write outside
MEDIA_ROOT, without changing anything."""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.models import Locale, Page

from bildung.settings.base import BASE_DIR
from home.backups import MANIFEST, MEDIA_ARCHIVE, sha256_of
from tests.conftest import database_url
from tests.factories import CreditedImageFactory, SizedDocumentFactory, StandardPageFactory
from tests.factories.offers import create_offer

PLAIN = settings.PLAIN_LANGUAGE_CODE


def content_snapshot():
    """What must survive a restore: every page and offer, and the media files' names."""
    from home.models import CreditedImage, SizedDocument
    from offers.models import Offer

    pages = Page.objects.filter(depth__gt=1).select_related("locale")
    offers = Offer.objects.select_related("locale")
    return {
        "pages": sorted(
            [page.title, page.url_path, page.live, page.locale.language_code] for page in pages
        ),
        "offers": sorted(
            [offer.external_id, offer.title, offer.live, offer.locale.language_code]
            for offer in offers
        ),
        "files": sorted(
            [image.file.name for image in CreditedImage.objects.all()]
            + [document.file.name for document in SizedDocument.objects.all()]
        ),
    }


def environment_for(url, media_root, tmp_path):
    """Environment of a separate process working on the database `url` with `media_root`."""
    folder = tmp_path / f"settings-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    (folder / "restore_target_settings.py").write_text(
        f"from bildung.settings.test import *  # noqa: F403\nMEDIA_ROOT = {str(media_root)!r}\n"
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "restore_target_settings",
        "DATABASE_URL": url,
        "PYTHONPATH": os.pathsep.join([str(folder), str(BASE_DIR)]),
    }


def run_manage(arguments, url, media_root, tmp_path):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=environment_for(url, media_root, tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def snapshot_of(url, media_root, tmp_path):
    script = (
        "import json, django; django.setup(); "
        "from tests.home.test_backup import content_snapshot; "
        "print(json.dumps(content_snapshot()))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=environment_for(url, media_root, tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def empty_database(tmp_path):
    """DATABASE_URL of a brand-new, empty database of this test run's kind."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'wiederhergestellt.sqlite3'}"
        return
    base = connection.settings_dict["NAME"].removeprefix("test_")
    name = f"{base}_restore_{uuid.uuid4().hex[:10]}"
    admin = connection.get_new_connection(connection.get_connection_params())
    admin.autocommit = True
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        yield database_url().rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def translate(page, locale, **fields):
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def make_backup(target):
    output = io.StringIO()
    call_command("backup_content", str(target), stdout=output)
    assert "Sicherung angelegt" in output.getvalue()
    return target


def media_listing():
    root = Path(settings.MEDIA_ROOT)
    return sorted(
        (str(path.relative_to(root)), path.read_bytes() if path.is_file() else None)
        for path in root.rglob("*")
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_into_an_empty_database_brings_back_every_page_offer_and_file(
    home_page, tmp_path, empty_database
):
    plain = Locale.objects.get(language_code=PLAIN)
    garden = StandardPageFactory(parent=home_page, title="Schulgarten", slug="schulgarten")
    garden.save_revision().publish()
    StandardPageFactory(parent=home_page, title="Noch ein Entwurf", slug="entwurf", live=False)
    translate(home_page, plain, title="Bildung in Magdeburg – Leichte Sprache")
    translate(garden, plain, title="Der Schul·garten")
    offer = create_offer(title="Gärtnern mit Kindern")
    plain_offer = offer.copy_for_translation(plain)
    plain_offer.title = "Gärtnern mit Kindern – Leichte Sprache"
    plain_offer.save()
    plain_offer.save_revision().publish()
    create_offer(title="Noch nicht veröffentlicht", publish=False)
    image = CreditedImageFactory()
    document = SizedDocumentFactory()
    expected = content_snapshot()
    assert {page[3] for page in expected["pages"]} == {"de", PLAIN}
    assert len(expected["offers"]) == 3

    backup = make_backup(tmp_path / "sicherung")
    restored_media = tmp_path / "wiederhergestellte-medien"
    result = run_manage(["restore_content", str(backup)], empty_database, restored_media, tmp_path)

    assert result.returncode == 0, result.stderr
    assert (
        f"Gefunden: {len(expected['pages'])} Seiten, 3 Angebote, 1 Bilder, 1 Dokumente."
        in result.stdout
    )
    assert "Alle Inhalte der Sicherung sind vorhanden." in result.stdout
    assert snapshot_of(empty_database, restored_media, tmp_path) == expected
    for name in (image.file.name, document.file.name):
        original = Path(settings.MEDIA_ROOT) / name
        assert (restored_media / name).read_bytes() == original.read_bytes()


@pytest.mark.django_db
@pytest.mark.parametrize("damaged", [MEDIA_ARCHIVE, "database"])
def test_damaged_backup_is_refused_and_changes_nothing(home_page, tmp_path, damaged):
    CreditedImageFactory()
    backup = make_backup(tmp_path / "sicherung")
    manifest = json.loads((backup / MANIFEST).read_text())
    name = manifest["database"]["file"] if damaged == "database" else damaged
    with (backup / name).open("r+b") as stream:
        stream.seek(40)
        byte = stream.read(1)
        stream.seek(40)
        stream.write(bytes([byte[0] ^ 0xFF]))
    StandardPageFactory(parent=home_page, title="Nach der Sicherung", slug="danach")
    before, media_before = content_snapshot(), media_listing()

    with pytest.raises(CommandError, match="Prüfsumme von „.*“ stimmt nicht"):
        call_command("restore_content", str(backup), force=True)

    assert content_snapshot() == before
    assert media_listing() == media_before


@pytest.mark.django_db
def test_backup_without_manifest_is_refused(home_page, tmp_path):
    backup = make_backup(tmp_path / "sicherung")
    (backup / MANIFEST).unlink()
    with pytest.raises(CommandError, match="fehlt die Datei manifest.json"):
        call_command("restore_content", str(backup), force=True)


@pytest.mark.django_db
def test_restore_into_a_database_with_content_needs_force(home_page, tmp_path):
    backup = make_backup(tmp_path / "sicherung")
    StandardPageFactory(parent=home_page, title="Nach der Sicherung", slug="danach")
    before = content_snapshot()
    with pytest.raises(CommandError, match="Die Datenbank ist nicht leer.*--force"):
        call_command("restore_content", str(backup))
    assert content_snapshot() == before


def escaping_member(archive, name):
    data = b"nicht hier"
    member = tarfile.TarInfo(name)
    member.size = len(data)
    archive.addfile(member, io.BytesIO(data))


def linking_member(archive, name):
    member = tarfile.TarInfo("original_images/verweis.jpg")
    member.type = tarfile.SYMTYPE
    member.linkname = name
    archive.addfile(member)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("add_member", "message"),
    [
        (escaping_member, "unsicheren Pfad"),
        (linking_member, "Verweis oder eine Sonderdatei"),
    ],
)
@pytest.mark.parametrize("place", ["../../boese.txt", "absolute"])
def test_archive_member_outside_media_root_is_refused(
    home_page, tmp_path, add_member, message, place
):
    outside = tmp_path / f"boese-{uuid.uuid4().hex[:8]}.txt"
    name = str(outside) if place == "absolute" else place
    backup = make_backup(tmp_path / "sicherung")
    archive_path = backup / MEDIA_ARCHIVE
    with tarfile.open(archive_path, "w:gz") as archive:
        add_member(archive, name)
    manifest = json.loads((backup / MANIFEST).read_text())
    manifest["files"][MEDIA_ARCHIVE]["sha256"] = sha256_of(archive_path)
    (backup / MANIFEST).write_text(json.dumps(manifest))
    before, media_before = content_snapshot(), media_listing()

    with pytest.raises(CommandError, match=message):
        call_command("restore_content", str(backup), force=True)

    assert not outside.exists()
    assert not (tmp_path / "boese.txt").exists()
    assert content_snapshot() == before
    assert media_listing() == media_before


@pytest.mark.django_db
def test_backup_keeps_originals_and_leaves_out_renditions(home_page, tmp_path):
    image = CreditedImageFactory()
    image.get_rendition("width-100")
    backup = make_backup(tmp_path / "sicherung")
    manifest = json.loads((backup / MANIFEST).read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    with tarfile.open(backup / MEDIA_ARCHIVE) as archive:
        names = archive.getnames()
    assert image.file.name in names
    assert not [name for name in names if name.startswith("images/")]
    for name, entry in manifest["files"].items():
        assert sha256_of(backup / name) == entry["sha256"]


@pytest.mark.django_db
def test_backup_refuses_to_overwrite(home_page, tmp_path):
    target = tmp_path / "sicherung"
    target.mkdir()
    (target / "alt.txt").write_text("ältere Sicherung")
    with pytest.raises(CommandError, match="existiert bereits und ist nicht leer"):
        call_command("backup_content", str(target))
    assert [path.name for path in target.iterdir()] == ["alt.txt"]


@pytest.mark.django_db
def test_backup_from_a_newer_version_is_refused(home_page, tmp_path):
    backup = make_backup(tmp_path / "sicherung")
    manifest = json.loads((backup / MANIFEST).read_text())
    manifest["migrations"]["offers"].append("9999_aus_der_zukunft")
    (backup / MANIFEST).write_text(json.dumps(manifest))
    before = content_snapshot()
    with pytest.raises(CommandError, match="neueren Version.*offers.9999_aus_der_zukunft"):
        call_command("restore_content", str(backup), force=True)
    assert content_snapshot() == before


@pytest.mark.django_db
def test_forced_restore_over_tables_the_backup_lacks_is_refused(home_page, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(reason="pg_restore --clean leaves foreign tables; SQLite replaces the file")
    backup = make_backup(tmp_path / "sicherung")
    with connection.cursor() as cursor:  # a newer version's table, pointing at the pages
        cursor.execute(
            "CREATE TABLE zukunft (id int PRIMARY KEY, page_id int REFERENCES wagtailcore_page)"
        )
    before = content_snapshot()
    with pytest.raises(CommandError, match="Tabellen, die es in der Sicherung nicht gibt.*zukunft"):
        call_command("restore_content", str(backup), force=True)
    assert content_snapshot() == before
    assert "zukunft" in connection.introspection.table_names()
