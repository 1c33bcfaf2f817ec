"""Background jobs of the search: index updates and the nightly rebuild, query log clean-up.

All of them are idempotent: an index update replaces the documents of its objects, the
rebuild starts from scratch, the clean-up deletes what is older than a cut-off."""

import datetime

from django.utils import timezone

from bildung.celery import background_task

QUERY_LOG_DAYS = 400


@background_task("search.index_objects")
def index_objects(kind, object_ids):
    """Rebuild the documents of these pages or offers (idempotent: it replaces them)."""
    from search.indexing import _index_now

    _index_now(kind, object_ids)
    return len(object_ids)


@background_task("search.rebuild")
def rebuild_search():
    from search.indexing import rebuild

    return rebuild()


def clean_query_log(days=QUERY_LOG_DAYS):
    """Forget queries older than `days` days (the report looks back a year at most)."""
    from search.models import QueryLogEntry

    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    deleted, _ = QueryLogEntry.objects.filter(day__lt=cutoff).delete()
    return deleted


@background_task("search.clean_query_log")
def clean_query_log_task(days=QUERY_LOG_DAYS):
    return clean_query_log(days)
