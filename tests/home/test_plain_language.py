"""The plain-language check: each rule finds what it should and leaves plain sentences alone,
the readability scores order texts, and the admin shows the report and warns after publishing
without ever stopping it."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from home.plain_language import (
    ABBREVIATION,
    GENITIVE,
    GLOSSARY,
    LONG_SENTENCE,
    LONG_WORD,
    MAX_SENTENCE_WORDS,
    NEGATION,
    NUMBER,
    PASSIVE,
    SUBJUNCTIVE,
    build_report,
    check_text,
    readability,
    sentences,
)
from offers.models import Offer
from offers.vocabulary import OfferFormat
from tests.factories.offers import ProviderFactory
from tests.factories.pages import StandardPageFactory, standard_page_edit_form, topic

PLAIN = settings.PLAIN_LANGUAGE_CODE
LONG_TEXT = (
    "Die Anmeldung zum Kurs ist bis Freitag möglich und danach bekommen Sie von uns einen "
    "Brief mit allen wichtigen Informationen zum Ablauf."
)
OFFICIALESE = (
    "Die Inanspruchnahme der Leistungen der Kindertagesbetreuung setzt die vorherige "
    "Antragstellung bei der zuständigen Verwaltungsbehörde voraus, sofern nicht bereits eine "
    "Bewilligung gemäß den einschlägigen Rechtsvorschriften vorliegt. Eine Erstattung der "
    "Aufwendungen erfolgt ausschließlich nach Vorlage entsprechender Nachweise."
)
PLAIN_TEXT = (
    "Das Angebot ist kostenlos. Sie können einfach kommen. Wir freuen uns auf Sie. "
    "Der Kurs ist am Montag. Bringen Sie einen Stift mit."
)


def found(text, rule, **options):
    return [finding for finding in check_text(text, **options) if finding.rule == rule]


def excerpts(text, rule, **options):
    return [finding.excerpt for finding in found(text, rule, **options)]


# --- the rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Das Angebot ist kostenlos.",
        "Sie können einfach kommen.",
        "Wir freuen uns auf Sie.",
        "Der Kurs ist am Montag um 16 Uhr.",
        "Das Bildungs·angebot ist für alle Kinder.",
        "Die Adresse ist Alter Markt 6, 39104 Magdeburg.",
    ],
)
def test_plain_sentences_give_no_findings(sentence):
    assert check_text(sentence) == []


def test_sentence_over_fifteen_words_is_flagged():
    (finding,) = found(LONG_TEXT, LONG_SENTENCE)
    assert finding.excerpt == LONG_TEXT
    assert "22 Wörter" in str(finding.message)


def test_sentence_of_fifteen_words_is_fine():
    sentence = " ".join(["Wort"] * (MAX_SENTENCE_WORDS - 1)) + " Ende."
    assert found(sentence, LONG_SENTENCE) == []


def test_abbreviations_and_dates_do_not_end_a_sentence():
    assert sentences("Bringen Sie z. B. einen Stift mit. Der Kurs ist am 1. Februar.") == [
        "Bringen Sie z. B. einen Stift mit.",
        "Der Kurs ist am 1. Februar.",
    ]


def test_long_word_gets_a_split_suggestion():
    (finding,) = found("Das Bildungsangebot ist für alle.", LONG_WORD)
    assert finding.excerpt == "Bildungsangebot"
    assert finding.suggestion == "Bildungs·angebot"


def test_compound_is_split_into_all_its_parts():
    (finding,) = found("Die Schulentwicklungsplanung ist fertig.", LONG_WORD)
    assert finding.suggestion == "Schul·entwicklungs·planung"


def test_words_split_with_mediopunkt_or_hyphen_are_fine():
    assert found("Das Bildungs·angebot und das Bildungs-Angebot sind gut.", LONG_WORD) == []


def test_passive_is_flagged():
    assert excerpts("Der Antrag wird vom Amt geprüft.", PASSIVE) == ["wird … geprüft"]
    assert excerpts("Sie werden eingeladen.", PASSIVE) == ["werden eingeladen"]


def test_passive_in_a_subordinate_clause_is_flagged():
    assert excerpts("Wir wissen, dass der Kurs gefördert wird.", PASSIVE) == ["gefördert wird"]


def test_future_and_becoming_are_no_passive():
    assert found("Es wird im Sommer neue Angebote geben.", PASSIVE) == []
    assert found("Die Kinder werden groß.", PASSIVE) == []


def test_negations_are_flagged():
    assert excerpts("Das Angebot ist nicht teuer. Sie brauchen keine Anmeldung.", NEGATION) == [
        "nicht",
        "keine",
    ]
    assert excerpts("Ohne Anmeldung geht es auch.", NEGATION) == ["Ohne"]


def test_positive_sentence_has_no_negation():
    assert found("Das Angebot ist billig.", NEGATION) == []


def test_genitive_is_flagged():
    assert excerpts("Das ist das Büro des Amtes.", GENITIVE) == ["des Amtes"]
    assert excerpts("Wegen des Regens fällt der Kurs aus.", GENITIVE) == ["Wegen des Regens"]
    assert excerpts("Die Öffnungszeiten der Bibliothek stehen unten.", GENITIVE) == [
        "der Bibliothek"
    ]


def test_dative_is_no_genitive():
    assert found("Wegen dem Regen fällt der Kurs aus.", GENITIVE) == []
    assert found("Zeigen Sie der Lehrerin das Heft.", GENITIVE) == []
    assert found("Das Büro von dem Amt ist oben.", GENITIVE) == []


def test_subjunctive_is_flagged():
    assert excerpts("Sie könnten auch am Montag kommen.", SUBJUNCTIVE) == ["könnten"]
    assert excerpts("Frau Meier sagt, das Angebot sei gut.", SUBJUNCTIVE) == ["sei"]
    assert excerpts("Er sagt, er habe Zeit.", SUBJUNCTIVE) == ["habe"]


def test_indicative_and_polite_imperative_are_no_subjunctive():
    assert found("Ich habe Zeit. Seien Sie pünktlich. Sie können kommen.", SUBJUNCTIVE) == []


def test_abbreviations_get_written_out():
    findings = found("Bringen Sie z. B. einen Stift mit, bzw. einen Block.", ABBREVIATION)
    assert [(f.excerpt, f.suggestion) for f in findings] == [
        ("z. B.", "zum Beispiel"),
        ("bzw.", "oder"),
    ]
    assert excerpts("Bringen Sie z.B. einen Stift mit.", ABBREVIATION) == ["z.B."]


def test_unknown_capital_abbreviation_is_flagged():
    (finding,) = found("Der Kurs ist in der VHS.", ABBREVIATION)
    assert (finding.excerpt, finding.suggestion) == ("VHS", "Volks·hoch·schule")
    assert excerpts("Das steht im SGB.", ABBREVIATION) == ["SGB"]


def test_known_capital_words_and_names_are_fine():
    assert found("Sie bekommen eine PDF-Datei. Das ist OK.", ABBREVIATION) == []
    assert found("Das Buch gehört Max.", ABBREVIATION) == []


@pytest.mark.parametrize(
    ("sentence", "excerpt", "suggestion"),
    [
        ("Wir haben 10000 Euro.", "10000", "10.000"),
        ("Der Kurs beginnt am 01.02.2026.", "01.02.2026", "1. Februar 2026"),
        ("25 % der Kinder kommen.", "25 %", "1 von 4"),
        ("1/2 der Plätze sind frei.", "1/2", "die Hälfte"),
        ("Das steht im Buch VIII.", "VIII", "8"),
    ],
)
def test_hard_numbers_are_flagged(sentence, excerpt, suggestion):
    (finding,) = found(sentence, NUMBER)
    assert (finding.excerpt, finding.suggestion) == (excerpt, suggestion)


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Kurs war 2025.",
        "Wir haben 10.000 Euro.",
        "Der Kurs beginnt am 1. Februar 2026.",
        "Im Schuljahr 2025/26 gibt es neue Kurse.",
        "Rufen Sie an: 0391 5401234.",
        "Die Adresse ist Alter Markt 6, 39104 Magdeburg.",
    ],
)
def test_easy_numbers_are_fine(sentence):
    assert found(sentence, NUMBER) == []


def test_glossary_words_are_found_in_every_form():
    text = "Die Anträge sind da. Der ANTRAG ist da. Das Formular ist da."
    assert excerpts(text, GLOSSARY, glossary=["Antrag"]) == ["Anträge", "ANTRAG"]


def test_glossary_mapping_gives_its_explanation_as_suggestion():
    explanation = "Ein Antrag ist ein Brief an das Amt."
    (finding,) = found("Schreiben Sie einen Antrag.", GLOSSARY, glossary={"Antrag": explanation})
    assert finding.suggestion == explanation


def test_words_outside_the_glossary_are_fine():
    assert found("Schreiben Sie einen Brief.", GLOSSARY, glossary=["Antrag"]) == []
    assert found("Schreiben Sie einen Antrag.", GLOSSARY) == []


# --- readability -----------------------------------------------------------------------------


def test_plain_text_reads_easier_than_officialese():
    plain, official = readability(PLAIN_TEXT), readability(OFFICIALESE)
    assert plain.flesch_amstad > official.flesch_amstad
    assert plain.wiener_sachtextformel < official.wiener_sachtextformel
    assert plain.meets_target and not official.meets_target
    assert str(plain.verdict) in {"leicht", "sehr leicht"}
    assert str(official.verdict) in {"schwer", "sehr schwer"}


def test_text_without_sentences_has_no_score():
    assert readability("").flesch_amstad is None
    assert readability("Kontakt").wiener_sachtextformel is None


def test_readability_needs_no_download(monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("textstat tried to fetch a corpus")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    assert readability("Das ist ein neuer Satz für die Prüfung ohne Netz.").flesch_amstad


def test_report_groups_findings_by_rule_and_names_the_field():
    report = build_report([("Titel", "Kurse"), ("Einleitung", OFFICIALESE)])
    rules = [rule.code for rule, _findings in report.groups()]
    assert rules[:2] == [LONG_SENTENCE, LONG_WORD]
    assert {finding.source for finding in report.findings} == {"Einleitung"}
    assert report.readability.flesch_amstad < 30


# --- in the admin ----------------------------------------------------------------------------


@pytest.fixture
def plain_locale(settings, db):
    """The plain-language locale, known to Django and Wagtail whatever the settings say."""
    if PLAIN not in dict(settings.LANGUAGES):
        settings.LANGUAGES = [*settings.LANGUAGES, (PLAIN, "Leichte Sprache")]
    if PLAIN not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        settings.WAGTAIL_CONTENT_LANGUAGES = [
            *settings.WAGTAIL_CONTENT_LANGUAGES,
            (PLAIN, "Leichte Sprache"),
        ]
    locale, _created = Locale.objects.get_or_create(language_code=PLAIN)
    return locale


@pytest.fixture
def plain_home(home_page, plain_locale):
    copy = home_page.copy_for_translation(plain_locale)
    copy.save_revision().publish()
    return copy


@pytest.fixture
def plain_page(plain_home, plain_locale):
    page = StandardPageFactory(
        parent=plain_home, locale=plain_locale, title="Anmeldung", slug="anmeldung"
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def german_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Anmeldung", slug="anmeldung", intro="")
    page.save_revision().publish()
    return page


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("chefin", "chefin@example.org", "pw")


def admin_only_user():
    user = get_user_model().objects.create_user("gast", "gast@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def report_url(page):
    return reverse("plain_language_page_report", args=[page.pk])


def test_report_shows_the_findings_of_the_latest_revision(client, superuser, plain_page):
    plain_page.intro = LONG_TEXT
    plain_page.body = [("paragraph", RichText("<p>Das Bildungsangebot ist neu.</p>"))]
    plain_page.save_revision()  # a draft: the report checks what the translator works on
    client.force_login(superuser)

    response = client.get(report_url(plain_page))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Lange Sätze" in html and "Lange Wörter" in html
    assert "Bildungs·angebot" in html
    assert "<mark>Bildungsangebot</mark>" in html
    assert "Inhalt – Absatz" in html
    assert "<caption>Lesbarkeit des ganzen Textes</caption>" in html


def assert_refused(response):
    """Wagtail's admin turns PermissionDenied into a redirect to the dashboard with an error."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]


def test_user_who_cannot_edit_the_page_is_refused(client, plain_page):
    client.force_login(admin_only_user())
    assert_refused(client.get(report_url(plain_page)))


def test_german_page_has_no_report(client, superuser, german_page):
    client.force_login(superuser)
    assert client.get(report_url(german_page)).status_code == 404


def test_plain_language_page_editor_links_to_the_check(client, superuser, plain_page):
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[plain_page.pk]))
    assert report_url(plain_page) in response.content.decode()


def test_german_page_editor_has_no_check_button(client, superuser, plain_locale, german_page):
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[german_page.pk]))
    assert response.status_code == 200
    assert "Prüfung Leichte Sprache" not in response.content.decode()


def test_publishing_a_plain_page_warns_and_still_publishes(client, superuser, plain_page):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[plain_page.pk]),
        standard_page_edit_form(
            plain_page, intro=LONG_TEXT, **{"action-publish": "action-publish"}
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "1 Hinweis zur Leichten Sprache" in warnings[0]
    assert report_url(plain_page) in warnings[0]
    page = Page.objects.get(pk=plain_page.pk).specific
    assert page.live and page.intro == LONG_TEXT


def test_publishing_a_german_page_gives_no_plain_language_warning(client, superuser, german_page):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[german_page.pk]),
        standard_page_edit_form(
            german_page, intro=LONG_TEXT, **{"action-publish": "action-publish"}
        ),
    )

    assert response.status_code == 302
    assert not any("Leichten Sprache" in str(m) for m in get_messages(response.wsgi_request))


@pytest.fixture
def plain_offer(plain_locale):
    offer = Offer.objects.create(
        external_id="garten-1",
        title="Gärtnern mit Kindern",
        summary="Wir legen einen Schulgarten an.",
        description="Die Anmeldung erfolgt z. B. über die Website des Trägers.",
        provider=ProviderFactory(),
        format=OfferFormat.ONLINE,
        locale=plain_locale,
        live=False,
    )
    offer.topics.set([topic("bne")])
    offer.save_revision()
    return offer


def test_offer_report_shows_its_findings(client, superuser, plain_offer):
    client.force_login(superuser)
    response = client.get(reverse("plain_language_offer_report", args=[plain_offer.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "zum Beispiel" in html and "des Trägers" in html


def test_offer_editor_links_to_the_check(client, superuser, plain_offer):
    client.force_login(superuser)
    response = client.get(reverse("wagtailsnippets_offers_offer:edit", args=[plain_offer.pk]))
    assert reverse("plain_language_offer_report", args=[plain_offer.pk]) in (
        response.content.decode()
    )


def test_user_who_cannot_edit_the_offer_is_refused(client, plain_offer):
    client.force_login(admin_only_user())
    assert_refused(client.get(reverse("plain_language_offer_report", args=[plain_offer.pk])))


def form_values(html):
    """The values a browser would send from the edit form, as the view rendered them."""
    title = BeautifulSoup(html, "html.parser").find("input", attrs={"name": "title"})
    form = title.find_parent("form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button", "file"}:
            continue
        if field.get("type") in {"checkbox", "radio"} and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            value = field.get_text()
        elif field.name == "select":
            value = [option.get("value", "") for option in field.find_all("option", selected=True)]
        else:
            value = field.get("value", "")
        if isinstance(value, list):
            data.setdefault(name, []).extend(value)
        else:
            data.setdefault(name, []).append(value)
    return data


def test_publishing_a_plain_offer_warns_and_still_publishes(client, superuser, plain_offer):
    client.force_login(superuser)
    url = reverse("wagtailsnippets_offers_offer:edit", args=[plain_offer.pk])
    data = form_values(client.get(url).content.decode())
    data["action-publish"] = ["action-publish"]

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "2 Hinweise zur Leichten Sprache" in warnings[0]
    plain_offer.refresh_from_db()
    assert plain_offer.live


def test_report_names_words_of_the_woerterbuch(client, superuser, plain_page):
    from tests.factories.glossary import GlossaryEntryFactory

    GlossaryEntryFactory(word="Antrag", explanation="Ein Antrag ist eine schriftliche Bitte.")
    plain_page.intro = "Sie stellen einen Antrag."
    plain_page.save_revision()
    client.force_login(superuser)
    html = client.get(report_url(plain_page)).content.decode()
    assert "Ein Antrag ist eine schriftliche Bitte." in html
