import json

import pytest
from django.conf import settings
from wagtail.models import Locale

from tests.factories import (
    CreditedImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SizedDocumentFactory,
    StandardPageFactory,
)
from tests.factories.offers import create_offer
from tests.factories.pages import topic

PLAIN = settings.PLAIN_LANGUAGE_CODE


def publish(obj):
    """Publish the way the admin does (a revision), so last_published_at is set."""
    obj.save_revision().publish()
    obj.refresh_from_db()
    return obj


def translate(obj, locale, **fields):
    """A published copy of a page or offer in another locale, as wagtail-localize starts one."""
    copy = obj.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return publish(copy)


@pytest.fixture
def plain_locale(db):
    return Locale.objects.get(language_code=PLAIN)


@pytest.fixture
def site_content(home_page):
    """A news section with one news item (image, topic, body with links) and a standard page."""
    news_index = publish(NewsIndexPageFactory(parent=home_page))
    image = CreditedImageFactory(description="Kinder im Schulgarten", credit="Stadt Magdeburg")
    document = SizedDocumentFactory(title="Bildungsbericht 2025")
    body = [
        {"type": "heading", "value": {"text": "Worum es geht", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                f'<p>Mehr unter <a linktype="page" id="{news_index.pk}">Aktuelles</a> und im '
                f'<a linktype="document" id="{document.pk}">Bericht</a>.</p>'
            ),
        },
        {"type": "image", "value": {"image": image.pk, "caption": "Im Garten"}},
        {"type": "document", "value": {"document": document.pk, "title": ""}},
    ]
    news = publish(
        NewsPageFactory(
            parent=news_index,
            title="Neuer Schulgarten",
            lead_image=image,
            body=json.dumps(body),
        )
    )
    news.topics.set([topic("bne")])
    news = publish(news)
    standard = publish(
        StandardPageFactory(parent=home_page, title="Impressum", body=json.dumps(body))
    )
    home_page.intro = f'<p>Neu: <a linktype="page" id="{news.pk}">Schulgarten</a></p>'
    publish(home_page)
    return {
        "news_index": news_index,
        "news": news,
        "standard": standard,
        "image": image,
        "document": document,
    }


@pytest.fixture
def offers(home_page):
    """A current German offer and an expired one and a draft."""
    return {
        "garden": create_offer(title="Gärtnern mit Kindern", audiences=["kinder"], cost=0),
        "mint": create_offer(
            title="Roboter bauen", topics=("mint",), format="online", district=None
        ),
    }
