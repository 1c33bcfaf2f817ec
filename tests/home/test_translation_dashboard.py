"""The translation dashboard: the plain-language state of every German page and current
offer (missing, in progress, up to date, out of date), its counts, filters, links and
permission, and a constant number of queries however many rows it shows."""

import json

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home.editorial_roles import REDAKTION, UEBERSETZUNG
from home.translation_dashboard import TABLE_ID
from home.translation_status import (
    TranslationStatus,
    count_by_status,
    offer_rows,
    page_rows,
    translation_rows,
)
from offers.importing import import_offers
from offers.models import Offer
from tests.factories.offers import create_offer
from tests.factories.pages import StandardPageFactory, TopicIndexPageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db

MISSING = TranslationStatus.MISSING
IN_PROGRESS = TranslationStatus.IN_PROGRESS
UP_TO_DATE = TranslationStatus.UP_TO_DATE
OUT_OF_DATE = TranslationStatus.OUT_OF_DATE
DASHBOARD = "translation_dashboard:index"


@pytest.fixture
def plain_locale(db):
    return Locale.objects.get(language_code=settings.PLAIN_LANGUAGE_CODE)


@pytest.fixture
def plain_home(home_page, plain_locale):
    plain = home_page.copy_for_translation(plain_locale)
    plain.save_revision().publish()
    return plain


def member_of(group_name):
    user = get_user_model().objects.create_user(f"user-{group_name}", "user@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def translator():
    return member_of(UEBERSETZUNG)


def published_page(parent, factory=StandardPageFactory, **fields):
    page = factory(parent=parent, **fields)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_with_localize(instance, plain_locale):
    """A published plain version made the way wagtail-localize's "Translate" does it."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.create(source=source, target_locale=plain_locale)
    with publishing_on_commit():
        translation.save_target(publish=True)
    return translation.get_target_instance()


def publishing_on_commit():
    """wagtail-localize publishes once the transaction commits; a test's never does."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def copy_and_publish(page, plain_locale, **fields):
    """A plain version made without wagtail-localize (no TranslationSource)."""
    plain = page.copy_for_translation(plain_locale)
    for name, value in fields.items():
        setattr(plain, name, value)
    plain.save_revision().publish()
    plain.refresh_from_db()
    return plain


def republish(page, **changes):
    page = page.specific
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def status_of(original):
    rows = offer_rows() if isinstance(original, Offer) else page_rows()
    return next(row for row in rows if row.original.pk == original.pk).status


def offer_file(**fields):
    row = {
        "external_id": "vhs-001",
        "title": "Deutsch im Alltag",
        "summary": "Ein Sprachkurs.",
        "provider": "Volkshochschule Magdeburg",
        "topics": ["sprachfoerderung"],
        "district": "altstadt",
        **fields,
    }
    return json.dumps([row], ensure_ascii=False).encode()


def dashboard(client, **params):
    response = client.get(reverse(DASHBOARD), params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table_rows(soup):
    """{title: status value} of the dashboard's table."""
    return {
        row.th.get_text(strip=True): row.find(attrs={"data-translation-status": True})[
            "data-translation-status"
        ]
        for row in soup.select(f"#{TABLE_ID} tbody tr")
    }


def shown_counts(soup):
    return {
        item["data-status"]: int(item.find(attrs={"data-count": True}).get_text())
        for item in soup.select("[data-translation-counts] li")
    }


# The rules


def test_page_without_plain_version_is_missing(home_page, plain_home):
    page = published_page(home_page, title="Impressum")
    assert status_of(page) == MISSING


def test_plain_alias_is_no_translation(home_page, plain_home, plain_locale):
    page = published_page(home_page, title="Impressum")
    page.create_alias(parent=plain_home, update_locale=plain_locale)
    assert status_of(page) == MISSING


def test_unpublished_plain_draft_is_in_progress(home_page, plain_home, plain_locale):
    page = published_page(home_page, title="Kontakt")
    draft = page.copy_for_translation(plain_locale)
    draft.live = False
    draft.save_revision()
    assert status_of(page) == IN_PROGRESS


def test_plain_version_with_unpublished_changes_is_in_progress(home_page, plain_home, plain_locale):
    page = published_page(home_page, title="Kontakt")
    plain = translate_with_localize(page, plain_locale)
    plain.title = "So erreichen Sie uns"
    plain.save_revision()
    assert status_of(page) == IN_PROGRESS


def test_plain_version_in_moderation_is_in_progress(home_page, plain_home, plain_locale):
    page = published_page(home_page, title="Kontakt")
    plain = translate_with_localize(page, plain_locale)
    plain.get_workflow().start(plain, member_of(UEBERSETZUNG))
    assert status_of(page) == IN_PROGRESS


def test_published_translation_is_up_to_date(home_page, plain_home, plain_locale):
    page = published_page(home_page, title="Kontakt")
    translate_with_localize(page, plain_locale)
    assert status_of(page) == UP_TO_DATE


def test_republished_original_makes_translation_out_of_date(home_page, plain_home, plain_locale):
    page = published_page(home_page, title="Kontakt")
    translate_with_localize(page, plain_locale)
    republish(page, intro="Neue Sprechzeiten ab Mai.")
    assert status_of(page) == OUT_OF_DATE


def test_sync_makes_it_up_to_date_again(home_page, plain_home, plain_locale):
    page = published_page(home_page, title="Kontakt")
    translate_with_localize(page, plain_locale)
    page = republish(page, intro="Neue Sprechzeiten ab Mai.")
    TranslationSource.update_or_create_from_instance(page)
    assert status_of(page) == UP_TO_DATE


def test_sync_through_wagtail_localize_view_clears_the_row(
    client, home_page, plain_home, plain_locale, translator
):
    page = published_page(home_page, title="Kontakt")
    translate_with_localize(page, plain_locale)
    republish(page, intro="Neue Sprechzeiten ab Mai.")
    source = TranslationSource.objects.get_for_instance(page)
    client.force_login(translator)
    assert table_rows(dashboard(client))["Kontakt"] == OUT_OF_DATE

    with publishing_on_commit():
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )

    assert response.status_code == 302
    assert table_rows(dashboard(client))["Kontakt"] == UP_TO_DATE


def test_copy_without_localize_compares_publication_dates(home_page, plain_home, plain_locale):
    page = published_page(home_page, title="Kontakt")
    plain = copy_and_publish(page, plain_locale, title="So erreichen Sie uns")
    assert TranslationSource.objects.get_for_instance_or_none(page) is None
    assert status_of(page) == UP_TO_DATE

    republish(page, intro="Neue Sprechzeiten ab Mai.")
    assert status_of(page) == OUT_OF_DATE

    republish(plain, intro="Wir haben neue Zeiten.")
    assert status_of(page) == UP_TO_DATE


def test_offer_states_follow_the_same_rules(plain_locale):
    missing = create_offer(title="Schach für alle")
    translated = create_offer(title="Gärtnern mit Kindern")
    plain = translated.copy_for_translation(plain_locale)
    plain.save()
    plain.save_revision().publish()
    assert status_of(missing) == MISSING
    assert status_of(translated) == UP_TO_DATE

    plain.summary = "Wir machen einen Garten."
    plain.save_revision()
    assert status_of(translated) == IN_PROGRESS


def test_offer_import_change_marks_its_translation_out_of_date(plain_locale):
    report = import_offers(offer_file(), "x.json")
    assert not report.file_error
    offer = Offer.objects.get(external_id="vhs-001", locale__language_code="de")
    TranslationSource.get_or_create_from_instance(offer)
    plain = offer.copy_for_translation(plain_locale)
    plain.save()
    plain.save_revision().publish()
    assert status_of(offer) == UP_TO_DATE

    import_offers(offer_file(), "x.json")  # nothing changed: no new publication
    assert status_of(offer) == UP_TO_DATE

    import_offers(offer_file(summary="Ein Sprachkurs für Anfänger."), "x.json")
    assert status_of(offer) == OUT_OF_DATE


def test_only_current_german_offers_are_listed(plain_locale):
    current = create_offer(title="Schach für alle")
    draft = create_offer(title="Noch nicht veröffentlicht", publish=False)
    plain = current.copy_for_translation(plain_locale)
    plain.save()
    listed = {row.original.pk for row in offer_rows()}
    assert listed == {current.pk}
    assert draft.pk not in listed and plain.pk not in listed


def test_counts_add_up_per_status(home_page, plain_home, plain_locale):
    published_page(home_page, title="Fehlt")
    current = published_page(home_page, title="Aktuell")
    translate_with_localize(current, plain_locale)
    stale = published_page(home_page, title="Veraltet")
    translate_with_localize(stale, plain_locale)
    republish(stale, intro="Geändert.")
    create_offer(title="Angebot ohne Übersetzung")

    counts = count_by_status(translation_rows())

    # the German home page counts too: its plain copy is live and current
    assert counts == {MISSING: 2, IN_PROGRESS: 0, UP_TO_DATE: 2, OUT_OF_DATE: 1}


# The admin view


@pytest.fixture
def tree(home_page, plain_home, plain_locale):
    """Two sections (Themen, Kontakt), pages in each state, and two offers."""
    themen = published_page(home_page, TopicIndexPageFactory, title="Themen", slug="themen")
    bne = published_page(themen, TopicPageFactory, title="Nachhaltigkeit")
    copy_and_publish(themen, plain_locale)
    copy_and_publish(bne, plain_locale)
    republish(bne, intro="Neu: Klimaschule.")
    mint = published_page(themen, TopicPageFactory, title="MINT")
    kontakt = published_page(home_page, title="Kontakt", slug="kontakt")
    translate_with_localize(kontakt, plain_locale)
    offer = create_offer(title="Schach für alle")
    return {"themen": themen, "bne": bne, "mint": mint, "kontakt": kontakt, "offer": offer}


def test_dashboard_lists_pages_and_offers_with_their_state(client, tree, translator):
    client.force_login(translator)
    soup = dashboard(client)
    assert table_rows(soup) == {
        "Bildung in Magdeburg": UP_TO_DATE,
        "Themen": UP_TO_DATE,
        "Nachhaltigkeit": OUT_OF_DATE,
        "MINT": MISSING,
        "Kontakt": UP_TO_DATE,
        "Schach für alle": MISSING,
    }
    assert shown_counts(soup) == {
        "missing": 2,
        "out_of_date": 1,
        "in_progress": 0,
        "up_to_date": 3,
    }


def test_table_is_accessible(client, tree, translator):
    client.force_login(translator)
    table = dashboard(client).find(id=TABLE_ID)
    assert table.caption.get_text(strip=True)
    assert all(th.get("scope") == "col" for th in table.thead.find_all("th"))
    assert all(row.th.get("scope") == "row" for row in table.tbody.find_all("tr"))


def test_filter_by_status(client, tree, translator):
    client.force_login(translator)
    soup = dashboard(client, status="missing")
    assert set(table_rows(soup)) == {"MINT", "Schach für alle"}
    # the counts still show every state of the (type and section) selection
    assert shown_counts(soup)["up_to_date"] == 3


def test_filter_by_type(client, tree, translator):
    client.force_login(translator)
    assert set(table_rows(dashboard(client, type="offers.offer"))) == {"Schach für alle"}
    assert set(table_rows(dashboard(client, type="articles.topicpage"))) == {
        "Nachhaltigkeit",
        "MINT",
    }
    soup = dashboard(client, type="offers.offer")
    assert shown_counts(soup) == {"missing": 1, "out_of_date": 0, "in_progress": 0, "up_to_date": 0}


def test_filter_by_section(client, tree, translator):
    client.force_login(translator)
    soup = dashboard(client, section=tree["themen"].pk)
    assert set(table_rows(soup)) == {"Themen", "Nachhaltigkeit", "MINT"}
    assert shown_counts(soup) == {"missing": 1, "out_of_date": 1, "in_progress": 0, "up_to_date": 1}
    both = dashboard(client, section=tree["themen"].pk, status="out_of_date")
    assert set(table_rows(both)) == {"Nachhaltigkeit"}


def test_rows_link_to_start_continue_and_sync(client, tree, translator, plain_locale):
    client.force_login(translator)
    soup = dashboard(client)
    links = {
        row.th.get_text(strip=True): [a["href"] for a in row.find_all("a")]
        for row in soup.select(f"#{TABLE_ID} tbody tr")
    }
    assert links["MINT"] == [
        reverse("wagtail_localize:submit_page_translation", args=[tree["mint"].pk])
    ]
    assert links["Schach für alle"] == [
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["offers", "offer", tree["offer"].pk],
        )
    ]
    plain_kontakt = tree["kontakt"].get_translation(plain_locale)
    assert links["Kontakt"] == [reverse("wagtailadmin_pages:edit", args=[plain_kontakt.pk])]
    # out of date without a TranslationSource: edit only; with one, sync first
    plain_bne = tree["bne"].get_translation(plain_locale)
    assert links["Nachhaltigkeit"] == [reverse("wagtailadmin_pages:edit", args=[plain_bne.pk])]

    republish(tree["kontakt"], intro="Neu.")
    source = TranslationSource.objects.get_for_instance(tree["kontakt"])
    row = next(
        row
        for row in dashboard(client).select(f"#{TABLE_ID} tbody tr")
        if row.th.get_text(strip=True) == "Kontakt"
    )
    sync, edit = (a["href"] for a in row.find_all("a"))
    assert sync.startswith(reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert "next=" in sync
    assert edit == reverse("wagtailadmin_pages:edit", args=[plain_kontakt.pk])


def test_plain_offer_links_to_its_snippet_editor(client, translator, plain_locale):
    offer = create_offer(title="Schach für alle")
    plain = offer.copy_for_translation(plain_locale)
    plain.save()
    client.force_login(translator)
    row = dashboard(client, type="offers.offer").select_one(f"#{TABLE_ID} tbody tr")
    assert row.find("a")["href"] == reverse("wagtailsnippets_offers_offer:edit", args=[plain.pk])


def test_export_lists_every_row(client, tree, translator):
    client.force_login(translator)
    response = client.get(reverse(DASHBOARD), {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert "Nachhaltigkeit" in text and "veraltet" in text


# Queries and permissions


def add_rows(home_page, plain_locale, start, stop):
    """More pages and offers (numbered start to stop - 1), in every state."""
    for index in range(start, stop):
        page = published_page(home_page, title=f"Seite {index}")
        offer = create_offer(title=f"Angebot {index}")
        if index % 3 == 0:
            translate_with_localize(page, plain_locale)
            plain = offer.copy_for_translation(plain_locale)
            plain.save()
            plain.save_revision().publish()
        if index % 3 == 1:
            copy_and_publish(page, plain_locale)
            republish(page, intro="Geändert.")


def test_service_needs_the_same_queries_for_few_and_many_rows(
    django_assert_max_num_queries, home_page, plain_home, plain_locale
):
    add_rows(home_page, plain_locale, 0, 2)
    # sections, German pages, their plain versions and sources; offers likewise
    with django_assert_max_num_queries(7) as few:
        assert len(translation_rows()) == 5
    add_rows(home_page, plain_locale, 2, 22)
    with django_assert_max_num_queries(len(few)):
        assert len(translation_rows()) == 45


def test_dashboard_needs_the_same_queries_for_few_and_many_rows(
    client, django_assert_max_num_queries, home_page, plain_home, plain_locale, translator
):
    client.force_login(translator)
    add_rows(home_page, plain_locale, 0, 2)
    dashboard(client)  # warms the caches (site, content types) a first admin request fills
    # 20 measured: 7 for the rows and sections, the rest session, user, two-factor device and
    # admin menu
    with django_assert_max_num_queries(20) as few:
        dashboard(client)
    add_rows(home_page, plain_locale, 2, 22)
    with django_assert_max_num_queries(len(few)):
        soup = dashboard(client)
    assert sum(shown_counts(soup).values()) == 45


def test_translator_sees_the_dashboard_in_the_menu(client, translator):
    client.force_login(translator)
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse(DASHBOARD) in response.content.decode()
    assert client.get(reverse(DASHBOARD)).status_code == 200


def test_user_without_submit_translation_is_refused(client):
    editor = member_of(REDAKTION)
    assert not editor.has_perm("wagtail_localize.submit_translation")
    client.force_login(editor)
    response = client.get(reverse(DASHBOARD))
    assert response.status_code in (302, 403)
    assert b"data-translation-counts" not in response.content
    assert reverse(DASHBOARD) not in client.get(reverse("wagtailadmin_home")).content.decode()
    results = client.get(reverse("translation_dashboard:results"))
    assert results.status_code in (302, 403)
