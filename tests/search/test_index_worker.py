"""Index updates on publish, unpublish and delete run in a real Celery worker over the broker
(Redis in CI), not inline in the web request."""

import pytest

from search.models import SearchDocument
from tests.conftest import wait_for
from tests.factories.offers import create_offer
from tests.factories.pages import StandardPageFactory
from tests.search.conftest import publish

API = "/api/v2/search/"


def indexed(kind, pk):
    return SearchDocument.objects.filter(kind=kind, object_id=pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publish_unpublish_and_delete_are_indexed_by_the_worker(
    celery_worker_process, home_page, client
):
    page = publish(
        StandardPageFactory(
            parent=home_page, title="Sternwarte für Einsteiger", intro="Den Himmel entdecken."
        )
    )
    assert wait_for(lambda: indexed("page", page.pk)), celery_worker_process()
    assert "Task search.index_objects" in celery_worker_process()
    titles = [item["title"] for item in client.get(API, {"q": "Sternwarte"}).json()["results"]]
    assert titles == ["Sternwarte für Einsteiger"]

    page.unpublish()
    assert wait_for(lambda: not indexed("page", page.pk)), celery_worker_process()

    offer = create_offer(title="Teleskopbau für Jugendliche")
    assert wait_for(lambda: indexed("offer", offer.pk)), celery_worker_process()
    offer_pk = offer.pk
    offer.delete()
    assert wait_for(lambda: not indexed("offer", offer_pk)), celery_worker_process()
    assert client.get(API, {"q": "Teleskopbau"}).json()["total"] == 0
