"""Backups of the site's content: the database (pg_dump on PostgreSQL, SQLite's backup API on
the embedded default) and the media files (original images, documents), with a manifest that
lets a restore check everything it restores before it touches the database or the media.
The commands backup_content and restore_content call these functions."""

import datetime
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection, connections

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# Wagtail's renditions: made again from the originals on the first request after a restore.
SKIPPED_MEDIA = ("images",)
STAGING_PREFIX = ".wiederherstellung-"
ASIDE_PREFIX = ".vor-wiederherstellung-"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the operator, in German."""


# --- shared pieces ---------------------------------------------------------------------------


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def app_version():
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as stream:
            return tomllib.load(stream)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unbekannt"


def _counted_tables():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from offers.models import Offer

    return {
        "pages": (Page._meta.db_table, "depth > 1"),  # the tree's root is no page of the site
        "offers": (Offer._meta.db_table, ""),
        "images": (get_image_model()._meta.db_table, ""),
        "documents": (get_document_model()._meta.db_table, ""),
    }


def content_counts(cursor):
    """Pages (without the tree's root), offers, images and documents seen through `cursor`:
    any DB-API cursor, so the counts come from the very snapshot that is saved."""
    counts = {}
    for name, (table, condition) in _counted_tables().items():
        where = f" WHERE {condition}" if condition else ""
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"{where}')  # noqa: S608 (model tables)
        counts[name] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor):
    cursor.execute('SELECT "app", "name" FROM "django_migrations" ORDER BY "app", "name"')
    migrations = {}
    for app, name in cursor.fetchall():
        migrations.setdefault(app, []).append(name)
    return migrations


def describe_counts(counts):
    return (
        f"{counts['pages']} Seiten, {counts['offers']} Angebote, "
        f"{counts['images']} Bilder, {counts['documents']} Dokumente"
    )


def _vendor_name(vendor):
    return VENDOR_NAMES.get(vendor, vendor)


def _database():
    settings_dict = connection.settings_dict
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            f"Datenbanken vom Typ „{connection.vendor}“ kann dieser Befehl nicht sichern; "
            "unterstützt sind PostgreSQL und SQLite."
        )
    return connection.vendor, settings_dict


def pg_environment(settings_dict):
    """Connection data for pg_dump/pg_restore through the environment: the password never
    appears on a command line, where other users of the machine could read it."""
    environment = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS") or {}
    for option in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if options.get(option):
            environment[f"PG{option.upper()}"] = str(options[option])
    return environment


def run_tool(arguments, environment, action):
    try:
        result = subprocess.run(  # noqa: S603 (fixed programs, no shell)
            arguments, env=environment, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"Das Programm „{arguments[0]}“ wurde nicht gefunden. Bitte die PostgreSQL-"
            "Client-Programme in der Version des Servers installieren (Paket postgresql-client)."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{action} ist fehlgeschlagen:\n{result.stderr.strip()}")
    return result.stdout


def _sqlite_path(settings_dict):
    name = str(settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(
            f"Die SQLite-Datenbank „{name}“ ist keine Datei; sie kann nicht gesichert werden."
        )
    return Path(name)


def _read_only(path):
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


# --- backup ----------------------------------------------------------------------------------


def create_backup(target):
    """Write a backup into the new directory `target`; returns its manifest. The backup is
    written beside it first and renamed at the end: a directory of that name is complete."""
    target = Path(target).absolute()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(
            f"Das Ziel „{target}“ existiert bereits und ist nicht leer. Eine Sicherung "
            "überschreibt nichts: bitte ein neues Verzeichnis angeben."
        )
    vendor, settings_dict = _database()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{target.name}-unvollstaendig-", dir=target.parent))
    try:
        database_file = partial / DATABASE_FILES[vendor]
        if vendor == "postgresql":
            database = _dump_postgresql(settings_dict, database_file)
        else:
            database = _copy_sqlite(settings_dict, database_file)
        media_files = _archive_media(Path(settings.MEDIA_ROOT), partial / MEDIA_ARCHIVE)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "app_version": app_version(),
            "database": {"vendor": vendor, "file": database_file.name, **database["info"]},
            "media": {
                "file": MEDIA_ARCHIVE,
                "files": media_files,
                "skipped": list(SKIPPED_MEDIA),
            },
            "counts": database["counts"],
            "migrations": database["migrations"],
            "files": {
                path.name: {"sha256": sha256_of(path), "bytes": path.stat().st_size}
                for path in (database_file, partial / MEDIA_ARCHIVE)
            },
        }
        (partial / MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if target.exists():
            target.rmdir()
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest


def _dump_postgresql(settings_dict, path):
    """pg_dump from a snapshot held open here, so the counts and migrations in the manifest
    describe exactly the data in the dump even while editors keep working."""
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = True
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            counts = content_counts(cursor)
            migrations = applied_migrations(cursor)
            environment = pg_environment(settings_dict)
            run_tool(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    f"--file={path}",
                ],
                environment,
                "Die Sicherung der Datenbank (pg_dump)",
            )
            tool = run_tool(["pg_dump", "--version"], environment, "pg_dump --version").strip()
            cursor.execute("ROLLBACK")
    finally:
        raw.close()
    return {
        "info": {"server_version": server_version, "tool": tool},
        "counts": counts,
        "migrations": migrations,
    }


def _copy_sqlite(settings_dict, path):
    """A consistent copy through SQLite's backup API (a plain file copy could catch a write
    half done); counts and migrations are read from the copy itself."""
    source = _read_only(_sqlite_path(settings_dict))
    copy = sqlite3.connect(path)
    try:
        source.backup(copy)
        cursor = copy.cursor()
        counts = content_counts(cursor)
        migrations = applied_migrations(cursor)
    finally:
        copy.close()
        source.close()
    return {
        "info": {"server_version": sqlite3.sqlite_version},
        "counts": counts,
        "migrations": migrations,
    }


def _skipped(relative):
    top = relative.parts[0]
    return top in SKIPPED_MEDIA or top.startswith((STAGING_PREFIX, ASIDE_PREFIX))


def _archive_media(media_root, path):
    """Regular files below MEDIA_ROOT, without renditions; links are not followed."""
    count = 0
    with tarfile.open(path, "w:gz") as archive:
        if not media_root.is_dir():
            return 0
        for folder, directories, files in os.walk(media_root):
            folder = Path(folder)
            relative_folder = folder.relative_to(media_root)
            directories[:] = sorted(
                name
                for name in directories
                if not (folder / name).is_symlink() and not _skipped(relative_folder / name)
            )
            for name in sorted(files):
                file = folder / name
                relative = relative_folder / name
                if file.is_symlink() or not file.is_file() or _skipped(relative):
                    continue
                archive.add(file, arcname=relative.as_posix(), recursive=False)
                count += 1
    return count


# --- restore ---------------------------------------------------------------------------------


def load_manifest(source):
    """The manifest of the backup in `source`, after checking every file's checksum."""
    source = Path(source)
    if not source.is_dir():
        raise BackupError(f"Die Sicherung „{source}“ gibt es nicht (erwartet: ein Verzeichnis).")
    manifest_path = source / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(
            f"In „{source}“ fehlt die Datei {MANIFEST}. Ohne sie lässt sich nicht prüfen, was "
            "wiederhergestellt würde; es wurde nichts verändert."
        )
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        vendor = manifest["database"]["vendor"]
        files = manifest["files"]
        database_file = manifest["database"]["file"]
        media_file = manifest["media"]["file"]
        if not isinstance(manifest["counts"], dict) or not isinstance(manifest["migrations"], dict):
            raise TypeError(MANIFEST)
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(
            f"Die Datei {MANIFEST} in „{source}“ ist unlesbar oder unvollständig."
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"Die Sicherung hat das Format {manifest.get('format')}, dieses Programm kennt "
            f"Format {FORMAT}."
        )
    if database_file != DATABASE_FILES.get(vendor) or media_file != MEDIA_ARCHIVE:
        raise BackupError(f"Die Datei {MANIFEST} nennt unerwartete Dateien.")
    for name in (database_file, media_file):
        if name not in files:
            raise BackupError(f"Die Datei {MANIFEST} nennt keine Prüfsumme für „{name}“.")
    for name, expected in files.items():
        path = source / name
        if PurePosixPath(name).name != name or not path.is_file():
            raise BackupError(f"Die Datei „{name}“ fehlt in der Sicherung „{source}“.")
        if sha256_of(path) != expected.get("sha256"):
            raise BackupError(
                f"Die Prüfsumme von „{name}“ stimmt nicht: die Datei ist beschädigt oder wurde "
                "verändert. Es wurde nichts wiederhergestellt."
            )
    return manifest


def check_media_archive(path):
    """Refuse members that could land outside MEDIA_ROOT: absolute paths, '..', links and
    special files. Also reads the whole archive, so a truncated one is found here."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                name = member.name
                parts = PurePosixPath(name).parts
                if name.startswith(("/", "\\")) or ".." in parts:
                    raise BackupError(
                        f"Das Medienarchiv enthält einen unsicheren Pfad: „{name}“. Es wurde "
                        "nichts wiederhergestellt."
                    )
                if not (member.isfile() or member.isdir()):
                    raise BackupError(
                        f"Das Medienarchiv enthält einen Verweis oder eine Sonderdatei: „{name}“. "
                        "Erlaubt sind nur Dateien und Verzeichnisse; es wurde nichts "
                        "wiederhergestellt."
                    )
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"Das Medienarchiv ist nicht lesbar ({error}).") from error


def check_migrations(manifest):
    """A backup from a newer version has migrations this code does not know: migrate could not
    bring it back, so refuse before anything changes."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces or [])
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known and app in loader.migrated_apps
    ]
    if unknown:
        listed = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise BackupError(
            "Die Sicherung stammt von einer neueren Version dieser Anwendung; diese Version "
            f"kennt ihre Migrationen nicht ({listed}). Bitte erst die Anwendung aktualisieren."
        )


def database_is_empty():
    return not connection.introspection.table_names()


def restore_backup(source, *, force=False, stdout=None):
    """Restore the backup in `source`; returns (manifest, counts found, folder of the media
    that were in MEDIA_ROOT before, or None). Every check runs before anything changes."""
    from django.core.management import call_command

    source = Path(source)
    manifest = load_manifest(source)
    vendor, settings_dict = _database()
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(
            f"Die Sicherung stammt aus einer {_vendor_name(manifest['database']['vendor'])}-"
            f"Datenbank, eingerichtet ist {_vendor_name(vendor)}. Es wurde nichts verändert."
        )
    check_migrations(manifest)
    check_media_archive(source / MEDIA_ARCHIVE)
    database_file = source / manifest["database"]["file"]
    if vendor == "postgresql":
        environment = pg_environment(settings_dict)
        listing = run_tool(
            ["pg_restore", "--list", str(database_file)],
            environment,
            "Das Lesen der Datenbanksicherung (pg_restore --list)",
        )
        entries = [line.split() for line in listing.splitlines() if not line.startswith(";")]
        # "215; 1259 16385 TABLE public wagtailcore_page owner" (not "TABLE DATA …")
        dumped_tables = {
            parts[5]
            for parts in entries
            if len(parts) > 6 and parts[3] == "TABLE" and parts[4] != "DATA"
        }
    else:
        _check_sqlite_copy(database_file)
    if not force and not database_is_empty():
        raise BackupError(
            "Die Datenbank ist nicht leer. Eine Wiederherstellung ersetzt alle Inhalte; "
            "bitte in eine leere Datenbank wiederherstellen oder mit --force bestätigen, dass "
            "die vorhandenen Inhalte ersetzt werden sollen. Es wurde nichts verändert."
        )
    if vendor == "postgresql":
        _check_no_foreign_tables(dumped_tables)

    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    # unpacked inside MEDIA_ROOT: the final moves are renames on one file system
    staging = media_root / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
    staging.mkdir()
    try:
        with tarfile.open(source / MEDIA_ARCHIVE, "r:gz") as archive:
            archive.extractall(staging, filter="data")
        connections.close_all()
        if vendor == "postgresql":
            run_tool(
                [
                    "pg_restore",
                    "--no-owner",
                    "--clean",
                    "--if-exists",
                    "--single-transaction",
                    "--exit-on-error",
                    f"--dbname={settings_dict['NAME']}",
                    str(database_file),
                ],
                environment,
                "Die Wiederherstellung der Datenbank (pg_restore)",
            )
        else:
            _restore_sqlite(database_file, _sqlite_path(settings_dict))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous_media = _put_media_in_place(staging, media_root)

    try:
        call_command("migrate", interactive=False, verbosity=0, stdout=stdout)
    except Exception as error:
        raise BackupError(
            "Die Daten sind wiederhergestellt, aber die Migrationen schlugen fehl: "
            f"{error}. Bitte „python manage.py migrate“ ausführen und die Meldung prüfen."
        ) from error
    _forget_renditions()
    with connection.cursor() as cursor:
        counts = content_counts(cursor)
    return manifest, counts, previous_media


def _check_sqlite_copy(path):
    try:
        copy = _read_only(path)
        try:
            result = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
    except sqlite3.Error as error:
        raise BackupError(
            f"Die Datenbanksicherung ist keine lesbare SQLite-Datei ({error})."
        ) from error
    if result != "ok":
        raise BackupError(f"Die Datenbanksicherung ist beschädigt ({result}).")


def _restore_sqlite(copy_path, database_path):
    """SQLite's backup API replaces the whole database in one step, or leaves it as it was."""
    database_path.parent.mkdir(parents=True, exist_ok=True)
    copy = _read_only(copy_path)
    database = sqlite3.connect(database_path)
    try:
        copy.backup(database)
    except sqlite3.Error as error:
        raise BackupError(
            f"Die Wiederherstellung der SQLite-Datenbank ist fehlgeschlagen ({error})."
        ) from error
    finally:
        database.close()
        copy.close()


def _check_no_foreign_tables(dumped_tables):
    """pg_restore --clean replaces the backup's tables only; tables of a newer version would
    stay, block dropping the tables they point to, and make migrate fail."""
    foreign = sorted(set(connection.introspection.table_names()) - dumped_tables)
    if foreign:
        listed = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        raise BackupError(
            "Die Datenbank enthält Tabellen, die es in der Sicherung nicht gibt (vermutlich "
            f"von einer neueren Version): {listed}. Bitte in eine leere Datenbank "
            "wiederherstellen (dropdb und createdb). Es wurde nichts verändert."
        )


def _put_media_in_place(staging, media_root):
    """Move what MEDIA_ROOT held into a dated folder (nothing is deleted) and the unpacked
    files into MEDIA_ROOT; returns that folder, or None when MEDIA_ROOT was empty."""
    existing = [
        path
        for path in media_root.iterdir()
        if path != staging and not path.name.startswith((STAGING_PREFIX, ASIDE_PREFIX))
    ]
    previous = None
    if existing:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 (local time for operators)
        previous = media_root / f"{ASIDE_PREFIX}{stamp}-{secrets.token_hex(3)}"
        previous.mkdir()
        for path in existing:
            path.rename(previous / path.name)
    for path in staging.iterdir():
        path.rename(media_root / path.name)
    staging.rmdir()
    return previous


def _forget_renditions():
    """Renditions are not in the backup; without their rows Wagtail makes them again."""
    from wagtail.images import get_image_model

    get_image_model().get_rendition_model().objects.all().delete()
