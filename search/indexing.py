"""Building and storing search documents for pages and offers.

The database table `SearchDocument` is always kept: it serves search without a cluster and
is the fallback when Elasticsearch/OpenSearch is down. When a cluster is configured, the same
documents are also sent there (`search.backends.send_to_cluster`)."""

import html

from django.conf import settings
from django.db import connection, transaction
from django.utils.html import strip_tags
from modelsearch import index as search_index
from wagtail.models import Page

from search import analysis, result_cache
from search.models import IndexedWord, SearchDocument

CHUNK = 500
SUMMARY_FIELDS = ("search_description", "teaser", "intro", "summary", "purpose")


def plain(value):
    """Plain text of a rich text, StreamField or plain value, whitespace collapsed."""
    text = html.unescape(strip_tags(str(value or "")))
    return " ".join(text.split())


def _field_text(obj, field):
    try:
        model_field = obj._meta.get_field(field.field_name)
    except Exception:  # a method or property, not a model field
        return plain(field.get_value(obj))
    value = getattr(obj, field.field_name)
    if hasattr(model_field, "get_searchable_content"):
        return plain(" ".join(str(part) for part in model_field.get_searchable_content(value)))
    return plain(value)


def _names(related):
    return [term.name for term in related.all()]


def page_document(page):
    """The document of a live, public page, or None when it must not be found."""
    page = page.specific
    if not page.live or page.depth <= 1 or page.get_view_restrictions().exists():
        return None
    summary, body = "", []
    for name in SUMMARY_FIELDS:
        value = plain(getattr(page, name, ""))
        if value:
            summary = value
            break
    for field in page.get_search_fields():
        if isinstance(field, search_index.SearchField) and field.field_name != "title":
            text = _field_text(page, field)
            if text and text != summary:
                body.append(text)
    topics = _names(page.topics) if hasattr(page, "topics") else []
    if getattr(page, "topic", None) is not None:  # topic pages name their topic
        topics.append(page.topic.name)
    date = getattr(page, "date", None) or getattr(page, "start", None)
    if hasattr(date, "date"):
        date = date.date()
    if date is None and page.last_published_at:
        date = page.last_published_at.date()
    url = page.get_url()
    if not url:
        return None
    return {
        "kind": SearchDocument.PAGE,
        "object_id": page.pk,
        "locale_id": page.locale_id,
        "page_type": page.specific_class._meta.label,
        "title": page.title,
        "summary": summary,
        "topics": " ".join(topics),
        "body": " ".join(body),
        "url": url,
        "sort_date": date,
    }


def offer_document(offer):
    """The document of a published offer (ended offers are filtered out when searching)."""
    if not offer.live:
        return None
    vocabulary = [
        *_names(offer.topics),
        *_names(offer.life_phases),
        *_names(offer.audiences),
        offer.get_format_display(),
    ]
    body = [
        offer.description,
        offer.schedule,
        offer.provider.name if offer.provider_id else "",
        offer.district.name if offer.district_id else "",
        offer.street,
        offer.city,
        *_names(offer.accessibility),
        offer.cost_note,
    ]
    return {
        "kind": SearchDocument.OFFER,
        "object_id": offer.pk,
        "locale_id": offer.locale_id,
        "page_type": "",
        "external_id": offer.external_id,
        "title": offer.title,
        "summary": plain(offer.summary),
        "topics": " ".join(vocabulary),
        "body": plain(" ".join(part for part in body if part)),
        "url": offer.get_url(),
        "sort_date": offer.start_date,
    }


def _analysed(values):
    values["title_folded"] = f" {analysis.fold(values['title'])}"[:300]
    values["title_terms"] = analysis.term_string(values["title"])
    values["topic_terms"] = analysis.term_string(values["topics"])
    values["summary_terms"] = analysis.term_string(values["summary"])
    values["body_terms"] = analysis.term_string(values["body"])
    return SearchDocument(**values)


def _update_vectors(ids):
    """PostgreSQL: fill the weighted tsvector (A title, B topics, C summary, D body)."""
    if connection.vendor != "postgresql" or not ids:
        return
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {table} SET vector =
                  setweight(to_tsvector('simple', title_terms), 'A')
                  || setweight(to_tsvector('simple', topic_terms), 'B')
                  || setweight(to_tsvector('simple', summary_terms), 'C')
                  || setweight(to_tsvector('simple', body_terms), 'D')
                WHERE id = ANY(%s)""",  # noqa: S608 - table name from the model, ids bound
            [list(ids)],
        )


def _remember_words(documents):
    seen = {}
    for document in documents:
        for text in (document.title, document.topics, document.summary, document.body):
            for written in analysis.words(text):
                # compound parts count as words too: "Rallye" is known from "Stadtteilrallye"
                for word in (written, *analysis.compound_parts(written)):
                    lower = word.lower()
                    if 3 <= len(lower) <= 100 and lower.isalpha() and lower not in seen:
                        seen[lower] = (analysis.fold(word), analysis.stem(word))
    IndexedWord.objects.bulk_create(
        [IndexedWord(word=word, folded=folded, stem=stem) for word, (folded, stem) in seen.items()],
        ignore_conflicts=True,
        batch_size=1000,
    )


def store(kind, object_ids, documents):
    """Replace the documents of the given objects (all locales) by `documents`."""
    object_ids = list(object_ids)
    with transaction.atomic():
        existing = SearchDocument.objects.filter(kind=kind, object_id__in=object_ids)
        removed_ids = list(existing.values_list("pk", flat=True))
        existing.delete()
        created = SearchDocument.objects.bulk_create(
            [_analysed(values) for values in documents], batch_size=CHUNK
        )
        _update_vectors([document.pk for document in created])
        _remember_words(created)
    from search.backends import send_to_cluster

    send_to_cluster(kind, object_ids, removed_ids)
    result_cache.invalidate()
    return len(created)


def index_pages(page_ids):
    page_ids = list(page_ids)
    for start in range(0, len(page_ids), CHUNK):
        chunk = page_ids[start : start + CHUNK]
        pages = Page.objects.filter(pk__in=chunk).specific()
        documents = [doc for doc in map(page_document, pages) if doc is not None]
        store(SearchDocument.PAGE, chunk, documents)
    return len(page_ids)


def index_offers(offer_ids):
    from offers.models import Offer

    offer_ids = list(offer_ids)
    for start in range(0, len(offer_ids), CHUNK):
        chunk = offer_ids[start : start + CHUNK]
        offers = (
            Offer.objects.filter(pk__in=chunk)
            .select_related("provider", "district")
            .prefetch_related("topics", "life_phases", "audiences", "accessibility")
        )
        documents = [doc for doc in map(offer_document, offers) if doc is not None]
        store(SearchDocument.OFFER, chunk, documents)
    return len(offer_ids)


def remove(kind, object_ids):
    store(kind, object_ids, [])


def rebuild():
    """Rebuild every document from scratch (``manage.py rebuild_search``, nightly task)."""
    from offers.models import Offer

    SearchDocument.objects.all().delete()
    IndexedWord.objects.all().delete()
    result_cache.invalidate()
    pages = index_pages(Page.objects.live().filter(depth__gt=1).values_list("pk", flat=True))
    offers = index_offers(Offer.objects.filter(live=True).values_list("pk", flat=True))
    return pages, offers


def schedule(kind, object_ids):
    """Index after the surrounding transaction commits: inline when there is no broker, else
    as a Celery task (`search.index_objects`).

    Broker outage: when the task cannot be sent (the broker refuses or times out after
    Celery's publish retries), `send_or_run` runs it inline in this process, so a publish
    during an outage still reaches the index. Should that fail too, the nightly rebuild
    repairs it."""
    object_ids = [int(pk) for pk in object_ids]
    if not object_ids:
        return
    if settings.CELERY_TASK_ALWAYS_EAGER:
        _index_now(kind, object_ids)
        return

    def enqueue():
        from bildung.celery import send_or_run
        from search.tasks import index_objects

        send_or_run(index_objects, kind, object_ids)

    transaction.on_commit(enqueue)


def _index_now(kind, object_ids):
    if kind == SearchDocument.PAGE:
        index_pages(object_ids)
    else:
        index_offers(object_ids)
