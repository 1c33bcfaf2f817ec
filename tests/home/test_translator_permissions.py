"""Translators create and edit plain-language versions and submit them for approval; they
cannot change the German originals (pages or offers)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale

from home.editorial_roles import FREIGABE, REDAKTION, UEBERSETZUNG
from tests.factories.offers import create_offer
from tests.factories.pages import StandardPageFactory

pytestmark = pytest.mark.django_db


def member_of(group_name):
    user = get_user_model().objects.create_user(
        f"user-{group_name}", f"{group_name}@example.org".encode("ascii", "ignore").decode(), "pw"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def plain_locale():
    return Locale.objects.get(language_code=settings.PLAIN_LANGUAGE_CODE)


@pytest.fixture
def pages(home_page, plain_locale):
    german = StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    german.save_revision().publish()
    plain_home = home_page.copy_for_translation(plain_locale)
    plain_home.save_revision().publish()
    plain = german.copy_for_translation(plain_locale)
    plain.title = "So erreichen Sie uns"
    plain.save_revision().publish()
    return {"german": german, "plain": plain, "german_home": home_page, "plain_home": plain_home}


def edit_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": "",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_translator_may_edit_plain_pages_but_not_german_originals(pages):
    translator = member_of(UEBERSETZUNG)
    assert pages["plain"].permissions_for_user(translator).can_edit()
    assert pages["plain_home"].permissions_for_user(translator).can_add_subpage()
    assert not pages["german"].permissions_for_user(translator).can_edit()
    assert not pages["german_home"].permissions_for_user(translator).can_add_subpage()


def test_editors_keep_their_rights_on_both_trees(pages):
    for group in (REDAKTION, FREIGABE):
        user = member_of(group)
        assert pages["german"].permissions_for_user(user).can_edit()
        assert pages["plain"].permissions_for_user(user).can_edit()


def test_translator_submits_a_plain_page_for_approval(client, pages):
    client.force_login(member_of(UEBERSETZUNG))
    plain = pages["plain"]
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[plain.pk]),
        edit_form(
            plain,
            title="So erreichen Sie uns: Telefon und E-Mail",
            **{"action-submit": "action-submit"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    plain.refresh_from_db()
    assert plain.current_workflow_state.status == "in_progress"
    assert plain.get_latest_revision().content["title"].endswith("Telefon und E-Mail")
    assert plain.title == "So erreichen Sie uns"  # still the published version


def test_translator_is_refused_on_the_german_edit_view(client, pages):
    client.force_login(member_of(UEBERSETZUNG))
    german = pages["german"]
    url = reverse("wagtailadmin_pages:edit", args=[german.pk])
    assert client.get(url).status_code in (302, 403)
    client.post(url, edit_form(german, title="Geändert von Übersetzung"))
    german.refresh_from_db()
    assert german.title == "Kontakt"
    assert german.get_latest_revision().content["title"] == "Kontakt"


def test_translator_may_start_a_translation(client, pages):
    client.force_login(member_of(UEBERSETZUNG))
    url = reverse("wagtail_localize:submit_page_translation", args=[pages["german"].pk])
    assert client.get(url).status_code == 200


def test_translator_edits_plain_offers_but_not_german_ones(client, pages, plain_locale):
    german = create_offer(title="Gärtnern mit Kindern")
    plain = german.copy_for_translation(plain_locale)
    plain.save()
    translator = member_of(UEBERSETZUNG)
    client.force_login(translator)
    plain_url = reverse("wagtailsnippets_offers_offer:edit", args=[plain.pk])
    german_url = reverse("wagtailsnippets_offers_offer:edit", args=[german.pk])
    assert client.get(plain_url).status_code == 200
    assert client.get(german_url).status_code in (302, 403)
    client.post(german_url, {"title": "Geändert"})
    german.refresh_from_db()
    assert german.title == "Gärtnern mit Kindern"
    editor = member_of(REDAKTION)
    client.force_login(editor)
    assert client.get(german_url).status_code == 200


def test_translator_creates_plain_offers_but_no_german_originals(client, pages, plain_locale):
    """Übersetzung has add_offer for plain-language versions; a new offer in the German locale
    is an original and needs offers.change_original_offer (offers.admin_views.OfferCreateView)."""
    from offers.models import District, Offer
    from tests.factories.offers import ProviderFactory
    from tests.factories.pages import topic

    def form(title, language_code):
        return {
            "external_id": f"neu-{language_code}",
            "title": title,
            "summary": "Wir legen einen Schulgarten an.",
            "provider": str(ProviderFactory().pk),
            "start_date": "2027-01-15",
            "topics": [str(topic("bne").pk)],
            "district": str(
                District.objects.get(slug="buckau", locale__language_code=language_code).pk
            ),
            "format": "praesenz",
        }

    client.force_login(member_of(UEBERSETZUNG))
    add_url = reverse("wagtailsnippets_offers_offer:add")
    german = client.post(f"{add_url}?locale=de", form("Deutsches Original", "de"))
    assert german.status_code in (302, 403)
    assert german.status_code == 403 or german["Location"] == reverse("wagtailadmin_home")
    assert not Offer.objects.filter(title="Deutsches Original").exists()
    assert client.post(add_url, form("Ohne Sprache", "de")).status_code in (302, 403)
    assert not Offer.objects.filter(title="Ohne Sprache").exists()

    code = plain_locale.language_code
    response = client.post(f"{add_url}?locale={code}", form("Garten für Kinder", code))
    assert response.status_code == 302, response.content.decode()[:1500]
    assert Offer.objects.get(title="Garten für Kinder").locale == plain_locale
