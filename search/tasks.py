"""Background jobs of the search: index updates and the nightly rebuild, query log clean-up."""

import datetime

from celery import shared_task
from django.utils import timezone

QUERY_LOG_DAYS = 400


@shared_task(
    name="search.index_objects",
    acks_late=True,
    autoretry_for=(ConnectionError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def index_objects(kind, object_ids):
    """Rebuild the documents of these pages or offers (idempotent: it replaces them)."""
    from search.indexing import _index_now

    _index_now(kind, object_ids)
    return len(object_ids)


@shared_task(name="search.rebuild")
def rebuild_search():
    from search.indexing import rebuild

    return rebuild()


@shared_task(name="search.clean_query_log")
def clean_query_log(days=QUERY_LOG_DAYS):
    """Forget queries older than `days` days (the report looks back a year at most)."""
    from search.models import QueryLogEntry

    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    deleted, _ = QueryLogEntry.objects.filter(day__lt=cutoff).delete()
    return deleted
