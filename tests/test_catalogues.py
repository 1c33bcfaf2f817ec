"""The UI text catalogues in locale/: complete, compiled, and in step with the code and the
templates (a text marked for translation but missing from the catalogue fails here; run
`make messages` to update)."""

import shutil

import polib
import pytest
from django.conf import settings
from wagtail.models import Locale

from home.management.commands.update_catalogues import catalogue_path, collect
from home.plain_language_ui import PLAIN_UI


def entries(path):
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in polib.pofile(str(path))}


def test_german_catalogue_is_complete():
    german = polib.pofile(str(catalogue_path("de")))
    assert len(german) > 400
    assert german.untranslated_entries() == []
    assert german.fuzzy_entries() == []


def test_plain_language_catalogue_has_the_plain_ui_texts():
    plain = {entry.msgid: entry.msgstr for entry in polib.pofile(str(catalogue_path("de-x-ls")))}
    for msgid, msgstr in PLAIN_UI.items():
        assert plain.get(msgid) == msgstr, msgid


@pytest.mark.parametrize("code", ["de", "de-x-ls"])
def test_compiled_catalogues_match_their_sources(code):
    source = polib.pofile(str(catalogue_path(code)))
    compiled = polib.mofile(str(catalogue_path(code).with_suffix(".mo")))
    translated = {(e.msgid, e.msgstr) for e in source.translated_entries() if not e.msgid_plural}
    assert translated <= {(e.msgid, e.msgstr) for e in compiled}


def test_catalogues_are_in_step_with_code_and_templates(tmp_path):
    """makemessages over the current code and templates finds exactly the catalogued texts."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is missing: apt-get install gettext (make gettext)")
    fresh = tmp_path / "locale"
    shutil.copytree(settings.LOCALE_PATHS[0], fresh)
    collect(fresh)
    for code in ("de", "de-x-ls"):
        assert entries(catalogue_path(code, fresh)) == entries(catalogue_path(code)), (
            f"locale/ is stale for {code}: run `make messages`"
        )


@pytest.mark.django_db
def test_plain_language_pages_use_the_plain_ui_texts(client, home_page):
    plain_locale = Locale.objects.get(language_code=settings.PLAIN_LANGUAGE_CODE)
    home_page.copy_for_translation(plain_locale).save_revision().publish()
    plain = client.get("/leichte-sprache/").content.decode()
    assert "Zum Text springen" in plain
    assert "<h2>Kontakt</h2>" in plain  # texts without a plain version fall back to German
    german = client.get("/").content.decode()
    assert "Zum Inhalt springen" in german and "Zum Text springen" not in german
