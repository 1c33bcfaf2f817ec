"""Outside translation agencies work with PO files: a translator downloads the strings of a
plain-language translation (wagtail-localize), the agency fills them in, the upload brings
them into the page."""

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home.editorial_roles import UEBERSETZUNG
from tests.factories.pages import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translation(home_page):
    plain_locale = Locale.objects.get(language_code=settings.PLAIN_LANGUAGE_CODE)
    home_page.copy_for_translation(plain_locale).save_revision().publish()
    page = StandardPageFactory(
        parent=home_page, title="Anmeldung zur Schule", intro="Die Schulanmeldung."
    )
    page.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=plain_locale)
    translation.save_target(publish=True)
    return translation


@pytest.fixture
def translator(client):
    user = get_user_model().objects.create_user("agentur", "agentur@example.org", "pw")
    user.groups.add(Group.objects.get(name=UEBERSETZUNG))
    client.force_login(user)
    return user


def upload(client, translation, content, name="leichte-sprache.po"):
    return client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="text/x-gettext-translation")},
    )


def test_po_file_round_trip_translates_the_page(client, translation, translator):
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith("-de-x-ls.po")
    po = polib.pofile(response.content.decode())
    assert {entry.msgid for entry in po} >= {"Anmeldung zur Schule"}
    plain = {
        "Anmeldung zur Schule": "Ihr Kind kommt in die Schule",
        "Die Schulanmeldung.": ("So melden Sie Ihr Kind an."),
    }
    for entry in po:
        entry.msgstr = plain.get(entry.msgid, entry.msgid)

    assert upload(client, translation, str(po).encode()).status_code == 302
    translation.save_target(publish=True)
    page = translation.get_target_instance()
    assert page.title == "Ihr Kind kommt in die Schule"
    assert page.intro == "So melden Sie Ihr Kind an."
    assert translation.source.get_source_instance().title == "Anmeldung zur Schule"


def test_po_file_of_another_translation_is_refused(client, translation, translator, home_page):
    po = polib.pofile(
        client.get(
            reverse("wagtail_localize:download_pofile", args=[translation.pk])
        ).content.decode()
    )
    po.metadata["X-WagtailLocalize-TranslationID"] = "00000000-0000-0000-0000-000000000000"
    for entry in po:
        entry.msgstr = "Falsch"
    response = upload(client, translation, str(po).encode())
    assert response.status_code == 302
    translation.save_target(publish=True)
    assert translation.get_target_instance().title == "Anmeldung zur Schule"


def test_broken_po_file_is_refused_and_changes_nothing(client, translation, translator):
    response = upload(client, translation, b"\xff\xfe kein PO")
    assert response.status_code == 302
    translation.save_target(publish=True)
    assert translation.get_target_instance().title == "Anmeldung zur Schule"
