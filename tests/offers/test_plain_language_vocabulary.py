"""Vocabularies in plain language: every term has a plain translation with the same slug,
plain offers link to it, and the finder, the search API and the import use it."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.models import Audience, LifePhase, Topic
from home.seed_data import (
    AUDIENCES,
    LIFE_PHASES,
    PLAIN_AUDIENCE_NAMES,
    PLAIN_LIFE_PHASE_NAMES,
    PLAIN_TOPIC_NAMES,
    TOPICS,
)
from offers.models import AccessibilityFeature, District, FinderPage, Offer
from offers.vocabulary import ACCESSIBILITY_FEATURES, DISTRICTS, PLAIN_ACCESSIBILITY_FEATURE_NAMES
from tests.factories.offers import create_offer

pytestmark = pytest.mark.django_db

PLAIN = settings.PLAIN_LANGUAGE_CODE
VOCABULARIES = [Topic, LifePhase, Audience, District, AccessibilityFeature]
API = "/api/v2/search/"


@pytest.fixture
def plain_locale(db):
    return Locale.objects.get(language_code=PLAIN)


def publish(obj):
    obj.save_revision().publish()
    obj.refresh_from_db()
    return obj


def translate_page(page, locale, **fields):
    """A published plain-language copy of a page, the way wagtail-localize starts one."""
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    return publish(copy)


def translate_offer(offer, locale, title):
    copy = offer.copy_for_translation(locale)
    copy.title = title
    copy.save()
    return publish(copy)


def term(model, slug, language_code="de"):
    return model.objects.get(slug=slug, locale__language_code=language_code)


@pytest.fixture
def finder(home_page):
    page = FinderPage(title="Bildungsangebote finden", slug="bildungsangebote")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def plain_finder(home_page, finder, plain_locale):
    translate_page(home_page, plain_locale, title="Bildung in Magdeburg – Leichte Sprache")
    return translate_page(finder, plain_locale, title="Angebote finden")


def german_garden_offer():
    return create_offer(
        title="Gärtnern mit Kindern",
        topics=["bne"],
        audiences=["kinder"],
        life_phases=[term(LifePhase, "grundschulalter")],
        accessibility=[term(AccessibilityFeature, "rollstuhlgerecht")],
        district=term(District, "buckau"),
    )


def test_seed_has_a_plain_name_for_every_term():
    for terms, plain_names in (
        (TOPICS, PLAIN_TOPIC_NAMES),
        (LIFE_PHASES, PLAIN_LIFE_PHASE_NAMES),
        (AUDIENCES, PLAIN_AUDIENCE_NAMES),
        (ACCESSIBILITY_FEATURES, PLAIN_ACCESSIBILITY_FEATURE_NAMES),
    ):
        assert set(plain_names) == {slug for slug, _name in terms}


@pytest.mark.parametrize("model", VOCABULARIES, ids=lambda model: model.__name__)
def test_every_default_term_has_a_plain_translation_with_the_same_slug(model):
    german = dict(
        model.objects.filter(locale__language_code="de").values_list("translation_key", "slug")
    )
    plain = dict(
        model.objects.filter(locale__language_code=PLAIN).values_list("translation_key", "slug")
    )
    assert german
    assert plain == german


def test_plain_terms_have_plain_names_and_districts_keep_theirs():
    assert term(Topic, "bne", PLAIN).name == "Lernen für eine gute Zukunft"
    assert term(Topic, "mint", PLAIN).name == "Mathe, Technik und Natur·wissenschaften"
    assert term(LifePhase, "fruehe-kindheit", PLAIN).name == "Kleine Kinder (0 bis 6 Jahre)"
    assert term(Audience, "senioren", PLAIN).name == "Ältere Menschen"
    assert term(AccessibilityFeature, "rollstuhlgerecht", PLAIN).name == "Gut mit dem Roll·stuhl"
    plain_districts = dict(
        District.objects.filter(locale__language_code=PLAIN).values_list("slug", "name")
    )
    assert plain_districts == dict(DISTRICTS)


def test_plain_offer_copied_for_translation_links_plain_terms(home_page, plain_locale):
    german = german_garden_offer()
    plain = translate_offer(german, plain_locale, "Im Garten arbeiten mit Kindern")
    german = Offer.objects.get(pk=german.pk)
    for relation in ("topics", "audiences", "life_phases", "accessibility"):
        terms = list(getattr(plain, relation).all())
        assert [t.locale_id for t in terms] == [plain_locale.pk], relation
        originals = list(getattr(german, relation).all())
        assert [t.locale_id for t in originals] == [german.locale_id], relation
        assert [t.translation_key for t in terms] == [t.translation_key for t in originals]
    assert (plain.district.slug, plain.district.locale_id) == ("buckau", plain_locale.pk)
    assert german.district.locale_id == german.locale_id


def test_plain_offer_keeps_a_term_that_has_no_plain_translation(home_page, plain_locale):
    new_topic = Topic.objects.create(slug="neu", name="Neues Thema", locale=Locale.get_default())
    german = create_offer(topics=["bne"])
    german.topics.add(new_topic)
    publish(german)
    plain = translate_offer(german, plain_locale, "Im Garten arbeiten")
    assert sorted((t.slug, t.locale.language_code) for t in plain.topics.all()) == [
        ("bne", PLAIN),
        ("neu", "de"),
    ]


def test_wagtail_localize_translation_links_plain_terms(home_page, plain_locale):
    from wagtail_localize.models import TranslationSource

    german = german_garden_offer()
    source, _created = TranslationSource.get_or_create_from_instance(german)
    plain, _created = source.create_or_update_translation(plain_locale, fallback=True)
    plain = Offer.objects.get(pk=plain.pk)
    assert [(t.slug, t.locale_id) for t in plain.topics.all()] == [("bne", plain_locale.pk)]
    assert plain.district.locale_id == plain_locale.pk


def test_plain_finder_filters_by_topic_and_shows_plain_names(client, plain_finder):
    german = german_garden_offer()
    create_offer(title="Roboter bauen", topics=["mint"])
    translate_offer(german, plain_finder.locale, "Im Garten arbeiten mit Kindern")
    response = client.get(f"{plain_finder.url}?topic=bne")
    assert response.status_code == 200
    assert [offer.title for offer in response.context["offers_page"]] == [
        "Im Garten arbeiten mit Kindern"
    ]
    labels = {
        group["name"]: {option["slug"]: option["name"] for option in group["options"]}
        for group in response.context["facet_groups"]
    }
    assert labels["topic"] == {"bne": "Lernen für eine gute Zukunft"}
    assert labels["audience"] == {"kinder": "Kinder"}
    assert labels["life_phase"] == {
        "grundschulalter": "Kinder in der Grund·schule (6 bis 10 Jahre)"
    }
    assert labels["accessibility"] == {"rollstuhlgerecht": "Gut mit dem Roll·stuhl"}
    html = response.content.decode()
    assert "Lernen für eine gute Zukunft" in html
    assert "Bildung für nachhaltige Entwicklung" not in html


def test_german_finder_is_unaffected(client, plain_finder):
    german = german_garden_offer()
    translate_offer(german, plain_finder.locale, "Im Garten arbeiten mit Kindern")
    finder = plain_finder.get_translation(Locale.get_default())
    response = client.get(f"{finder.url}?topic=bne")
    assert [offer.title for offer in response.context["offers_page"]] == ["Gärtnern mit Kindern"]
    html = response.content.decode()
    assert "Bildung für nachhaltige Entwicklung" in html
    assert "Lernen für eine gute Zukunft" not in html


def facet_names(data, facet):
    return {option["slug"]: option["name"] for option in data["facets"][facet] if option["count"]}


def test_search_api_in_plain_language_filters_and_names_facets_plainly(client, plain_locale):
    german = german_garden_offer()
    translate_offer(german, plain_locale, "Im Garten arbeiten mit Kindern")
    data = client.get(API, {"locale": PLAIN, "topic": "bne"}).json()
    assert data["locale"] == PLAIN
    assert [item["title"] for item in data["results"]] == ["Im Garten arbeiten mit Kindern"]
    assert facet_names(data, "topic") == {"bne": "Lernen für eine gute Zukunft"}
    assert facet_names(data, "accessibility") == {"rollstuhlgerecht": "Gut mit dem Roll·stuhl"}
    every_topic = {option["name"] for option in data["facets"]["topic"]}
    assert every_topic == set(PLAIN_TOPIC_NAMES.values())


def test_search_api_in_german_is_unaffected(client, plain_locale):
    german = german_garden_offer()
    translate_offer(german, plain_locale, "Im Garten arbeiten mit Kindern")
    data = client.get(API, {"topic": "bne"}).json()
    assert [item["title"] for item in data["results"]] == ["Gärtnern mit Kindern"]
    assert facet_names(data, "topic") == {"bne": "Bildung für nachhaltige Entwicklung"}


def test_plain_finder_query_count_does_not_grow_with_offers(client, plain_finder):
    url = f"{plain_finder.url}?topic=bne&audience=kinder&free=false"

    def queries_for(count):
        for number in range(count):
            german = create_offer(
                title=f"Angebot {number}", topics=["bne", "mint"], audiences=["kinder", "eltern"]
            )
            translate_offer(german, plain_finder.locale, f"Angebot {number} leicht")
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return len(queries), len(response.context["offers_page"])

    few, shown_few = queries_for(3)
    many, shown_many = queries_for(30)
    assert (shown_few, shown_many) == (3, 20)
    # the German finder's 36 and one more each for routing and the language switch of the
    # plain-language page tree; none per offer
    assert few == many <= 38


def test_import_in_plain_language_links_plain_terms(tmp_path, plain_locale):
    path = tmp_path / "angebote.json"
    row = {
        "external_id": "ls-1",
        "title": "Im Garten arbeiten",
        "summary": "Wir machen einen Garten.",
        "provider": "Umweltzentrum",
        "topics": ["bne", "Mathe, Technik und Natur·wissenschaften"],
        "audiences": ["kinder"],
        "accessibility": ["Gut mit dem Roll·stuhl"],
        "district": "Buckau",
    }
    path.write_text(json.dumps([row], ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("import_offers", str(path), "--locale", PLAIN, stdout=out, stderr=out)
    assert out.getvalue().strip().splitlines()[-1] == "created=1 updated=0 unchanged=0 rejected=0"
    offer = Offer.objects.get(external_id="ls-1", locale=plain_locale)
    assert sorted((t.slug, t.locale_id) for t in offer.topics.all()) == [
        ("bne", plain_locale.pk),
        ("mint", plain_locale.pk),
    ]
    assert offer.accessibility.get().locale_id == plain_locale.pk
    assert (offer.district.slug, offer.district.locale_id) == ("buckau", plain_locale.pk)
