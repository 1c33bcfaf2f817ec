"""An offer's topics, life phases, audiences and accessibility features come from one query
of the link tables and the cached vocabularies (Offer.objects.with_vocabulary()): the page
and the listings show the same terms, in the same order, as the database holds, and a term
renamed or added shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import Audience, LifePhase, Topic
from offers.models import AccessibilityFeature, Offer
from tests.factories.offers import create_offer
from tests.factories.pages import topic

pytestmark = pytest.mark.django_db

RELATIONS = ("topics", "life_phases", "audiences", "accessibility")


def linked_offer():
    offer = create_offer(title="Sternwarte für alle", topics=("mint", "bne"), audiences=("kinder",))
    offer.life_phases.set(LifePhase.objects.filter(locale=offer.locale)[:2])
    offer.accessibility.set(AccessibilityFeature.objects.filter(locale=offer.locale)[:3])
    offer.save()  # parental links are written on save
    return offer


def names(offer, relation):
    return [term.name for term in getattr(offer, relation).all()]


def test_the_links_are_those_prefetch_related_gives_without_a_query_each():
    offer = linked_offer()
    other = create_offer(title="Ohne Zielgruppe", topics=("bne",))
    expected = {
        item.pk: {relation: names(item, relation) for relation in RELATIONS}
        for item in Offer.objects.filter(pk__in=[offer.pk, other.pk]).prefetch_related(*RELATIONS)
    }
    list(Offer.objects.with_vocabulary())  # the vocabularies are cached, as on a running site
    with CaptureQueriesContext(connection) as queries:
        found = list(Offer.objects.filter(pk__in=[offer.pk, other.pk]).with_vocabulary())
        got = {
            item.pk: {relation: names(item, relation) for relation in RELATIONS} for item in found
        }
    assert got == expected
    assert len(queries) == 2  # the offers, then the links of all four vocabularies
    assert got[offer.pk]["topics"] and got[offer.pk]["accessibility"]
    assert got[other.pk]["audiences"] == []


def test_terms_come_in_the_vocabularys_order():
    offer = linked_offer()
    Topic.objects.filter(slug="mint", locale=offer.locale).update(sort_order=0)
    Topic.objects.filter(slug="bne", locale=offer.locale).update(sort_order=99)
    from home import fragment_cache

    fragment_cache.invalidate()  # the bulk update above sent no signal
    found = Offer.objects.with_vocabulary().get(pk=offer.pk)
    assert [term.slug for term in found.topics.all()] == ["mint", "bne"]


def test_a_filter_on_the_links_still_asks_the_database():
    offer = linked_offer()
    found = Offer.objects.with_vocabulary().get(pk=offer.pk)
    assert list(found.topics.filter(slug="mint").values_list("slug", flat=True)) == ["mint"]
    assert found.topics.count() == 2


def test_a_renamed_term_shows_on_the_offer_page_at_once(client, home_page):
    offer = linked_offer()
    assert "Bildung für nachhaltige Entwicklung" in client.get(offer.url).content.decode()
    term = topic("bne")
    term.name = "Nachhaltig lernen"
    term.save()
    html = client.get(offer.url).content.decode()
    assert "Nachhaltig lernen" in html


def test_a_term_the_cached_vocabulary_does_not_know_yet_is_read_from_the_database(
    client, home_page
):
    offer = linked_offer()
    client.get(offer.url)  # the vocabulary is cached now
    (new,) = Audience.objects.bulk_create(  # no signal: the cached vocabulary stays as it was
        [Audience(name="Großeltern", slug="grosseltern", locale=offer.locale, sort_order=999)]
    )
    Offer.audiences.through.objects.create(offer=offer, audience=new)
    html = client.get(offer.url).content.decode()
    assert "Großeltern" in html


def test_the_offers_api_lists_each_offers_terms(client, home_page):
    offer = linked_offer()
    create_offer(title="Töpfern", topics=("bne",))
    items = {item["title"]: item for item in client.get("/api/v2/offers/").json()["results"]}
    assert [term["slug"] for term in items["Sternwarte für alle"]["topics"]] == [
        term.slug for term in offer.topics.all()
    ]
    assert [term["slug"] for term in items["Töpfern"]["topics"]] == ["bne"]
    assert items["Töpfern"]["audiences"] == []
