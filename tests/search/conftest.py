import datetime

import pytest
from django.utils import timezone

from search.backends import cluster
from search.models import SearchDocument
from tests.factories.offers import create_offer
from tests.factories.pages import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    topic,
)


def publish(page):
    """Publish the way the admin does, so the page_published signal indexes it."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture(autouse=True)
def _fresh_cluster_index(db):
    """With a cluster configured (OPENSEARCH_URL/ELASTICSEARCH_URL), every test starts from an
    empty index with the German mapping; without one this does nothing."""
    backend = cluster()
    if backend is not None:
        index = backend.get_index_for_model(SearchDocument)
        if index.is_alias():  # left behind by update_index's atomic rebuild
            for concrete in backend.es.indices.get_alias(name=index.name):
                backend.es.indices.delete(index=concrete)
        index.reset()
        index.add_model(SearchDocument)
    return backend


@pytest.fixture
def corpus(home_page):
    """A few pages and offers with the words the tests look for."""
    today = timezone.localdate()
    news_index = publish(NewsIndexPageFactory(parent=home_page))
    pages = {
        "garden": publish(
            NewsPageFactory(
                parent=news_index,
                title="Neuer Schulgarten in Buckau eröffnet",
                teaser="Kinder pflanzen Gemüse und lernen, woher ihr Essen kommt.",
            )
        ),
        "uebergang": publish(
            StandardPageFactory(
                parent=home_page,
                title="Übergang von der Kita in die Grundschule",
                intro="Wie Familien den Schulstart gut vorbereiten.",
            )
        ),
        "body_only": publish(
            StandardPageFactory(
                parent=home_page,
                title="Jahresbericht des Bildungsbüros",
                intro="Auch über den Übergang in den Beruf berichten wir ausführlich.",
            )
        ),
    }
    offers = {
        "sprachkurs": create_offer(
            title="Deutsch im Alltag",
            summary="Ein Kurs für Erwachsene, die ihre Sprache verbessern wollen.",
            topics=("lebenslanges-lernen",),
            audiences=("erwachsene",),
            cost=0,
        ),
        "bne": create_offer(
            title="Klimadetektive",
            summary="Bildung für nachhaltige Entwicklung zum Mitmachen für Grundschulkinder.",
            topics=("bne",),
            audiences=("kinder",),
            cost=5,
            age_min=6,
            age_max=10,
        ),
        "kita": create_offer(
            title="Vorlesestunde in der Kindertagesstätte",
            summary="Geschichten für die Jüngsten.",
            topics=("sprachfoerderung",),
            audiences=("kinder",),
            cost=0,
            age_min=3,
            age_max=6,
        ),
        "mint": create_offer(
            title="Robotik-Werkstatt",
            summary="Programmieren und Technik ausprobieren.",
            topics=("mint",),
            audiences=("jugendliche",),
            cost=0,
            format="online",
        ),
        "ended": create_offer(
            title="Schulgarten-Sommerfest",
            summary="Ein Fest im Schulgarten.",
            topics=("bne",),
            start_date=today - datetime.timedelta(days=30),
            end_date=today - datetime.timedelta(days=1),
        ),
    }
    return {"pages": pages, "offers": offers, "topic": topic}
