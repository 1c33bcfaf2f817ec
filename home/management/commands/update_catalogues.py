"""`manage.py update_catalogues` (make messages): collect the UI texts of code and templates
into locale/, complete the German catalogue (the texts are German already), write the plain
-language UI texts (home.plain_language_ui), and compile both catalogues. The compiling is
done with polib, so only makemessages needs GNU gettext (xgettext)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.utils.translation import to_locale

from home.plain_language_ui import PLAIN_UI

IGNORE = [
    ".venv/*",
    "test-artifacts/*",
    "tests/*",
    "bench/*",
    "static_collected/*",
    "media/*",
    "home/two_factor/*",
]


def catalogue_path(language_code, root=None):
    root = Path(root or settings.LOCALE_PATHS[0])
    return root / to_locale(language_code) / "LC_MESSAGES" / "django.po"


def collect(root=None):
    """Run makemessages for both languages into `root` (default: the project's locale/)."""
    codes = [to_locale(code) for code, _name in settings.LANGUAGES]
    options = {"locale": codes, "no_location": True, "no_obsolete": True, "ignore_patterns": IGNORE}
    if root is None:
        call_command("makemessages", verbosity=0, **options)
        return
    from django.test.utils import override_settings

    with override_settings(LOCALE_PATHS=[str(root)]):
        call_command("makemessages", verbosity=0, **options)


def _header(catalogue, language_code):
    catalogue.metadata.update(
        {
            "Project-Id-Version": "bildungsportal",
            "Language": language_code,
            "Language-Team": "Redaktion",
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
        }
    )
    catalogue.metadata_is_fuzzy = False


def complete(root=None):
    german = polib.pofile(str(catalogue_path(settings.LANGUAGE_CODE, root)))
    _header(german, settings.LANGUAGE_CODE)
    for entry in german:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    german.save()
    plain = polib.pofile(str(catalogue_path(settings.PLAIN_LANGUAGE_CODE, root)))
    _header(plain, settings.PLAIN_LANGUAGE_CODE)
    for entry in plain:
        entry.msgstr = PLAIN_UI.get(entry.msgid, "")  # empty: the German text is used
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    plain.save()
    for catalogue in (german, plain):
        catalogue.save_as_mofile(str(Path(catalogue.fpath).with_suffix(".mo")))


class Command(BaseCommand):
    help = "UI-Texte sammeln, deutschen Katalog vervollständigen, Leichte Sprache eintragen"

    def handle(self, *args, **options):
        collect()
        complete()
        self.stdout.write("Kataloge aktualisiert: " + str(settings.LOCALE_PATHS[0]))
