"""The one search code path. The JSON API (/api/v2/search/) and the site search page (/suche/)
both call `parse_params` and `search`, so they always agree (search-api contract)."""

import html
import logging
import re
from dataclasses import dataclass, field, replace

from django.db import connection
from django.db.models import Case, F, IntegerField, Lookup, Q, Value, When
from django.db.models.expressions import RawSQL
from django.http import QueryDict
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Locale

from offers.filtering import OfferFilterForm, apply_filters, facet_counts
from offers.finder import current_offers
from search import analysis, result_cache
from search.models import SearchDocument
from search.query import build_plan

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20
MAX_MATCHES = 5000  # deepest result a cluster is asked for
SNIPPET_LENGTH = 220
TYPES = ("all", "offer", "page")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# SQLite/LIKE ranking: points per matched term by field (PostgreSQL: ts_rank with A–D)
FIELD_POINTS = (("title_terms", 10), ("topic_terms", 5), ("summary_terms", 2), ("body_terms", 1))


class ParameterError(Exception):
    def __init__(self, field_name, message):
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass
class SearchParams:
    query: str
    locale: Locale
    type: str = "all"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    form: OfferFilterForm = None

    @property
    def filters(self):
        return self.form.filters()


@dataclass
class SearchResult:
    params: SearchParams
    total: int
    results: list
    facets: dict
    suggestion: str | None
    counts: dict = field(default_factory=dict)  # {"offer": n, "page": n} ignoring `type`
    backend: str = "database"

    @property
    def filters(self):
        return self.params.filters

    @property
    def num_pages(self):
        return max(1, -(-self.total // self.params.page_size))


def _integer(data, name, default, low, high, message):
    raw = data.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise ParameterError(name, message) from None
    if not low <= value <= high:
        raise ParameterError(name, message)
    return value


def without_control_characters(data):
    """The parameters with control characters (NUL and the like, which no one types and
    PostgreSQL refuses in text) replaced by spaces; lists stay lists."""
    cleaned = QueryDict(mutable=True)
    for key in data:
        values = data.getlist(key) if hasattr(data, "getlist") else data[key]
        values = values if isinstance(values, list | tuple) else [values]
        cleaned.setlist(key, [CONTROL_RE.sub(" ", str(value)) for value in values])
    return cleaned


def parse_locale(code, default_locale=None):
    """The content locale of a `locale` parameter; ParameterError for an unknown code."""
    if not code:
        return default_locale or Locale.get_default()
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise ParameterError("locale", _("Unbekannte Sprache: %s") % code[:20])
    return locale


def parse_params(data, *, default_locale=None):
    """Validate the query parameters; raise ParameterError naming the first bad one."""
    data = without_control_characters(data)
    query = " ".join(str(data.get("q", "")).split())
    if len(query) > MAX_QUERY_LENGTH:
        raise ParameterError(
            "q", _("Der Suchbegriff ist zu lang (höchstens %d Zeichen).") % MAX_QUERY_LENGTH
        )
    locale = parse_locale(data.get("locale"), default_locale)
    kind = data.get("type") or "all"
    if kind not in TYPES:
        raise ParameterError("type", _("„type“ muss all, offer oder page sein."))
    page = _integer(data, "page", 1, 1, 10_000, _("„page“ muss eine ganze Zahl ab 1 sein."))
    page_size = _integer(
        data,
        "page_size",
        DEFAULT_PAGE_SIZE,
        1,
        MAX_PAGE_SIZE,
        _("„page_size“ muss eine ganze Zahl von 1 bis %d sein.") % MAX_PAGE_SIZE,
    )
    form = OfferFilterForm(data, locale=locale)
    if not form.is_valid():
        name, messages = next(iter(form.errors.items()))
        raise ParameterError(name, " ".join(messages))
    return SearchParams(query, locale, kind, page, page_size, form)


# ---------------------------------------------------------------------------------- matching


def _tsquery(plan, *, any_group=False):
    def alternative(terms):
        inner = " & ".join(f"'{term}'" for term in terms)
        return f"({inner})" if len(terms) > 1 else inner

    groups = ["(" + " | ".join(alternative(alt) for alt in group) + ")" for group in plan.groups]
    return (" | " if any_group else " & ").join(groups)


def _like_term(term):
    condition = Q()
    for column, _points in FIELD_POINTS:
        condition |= Q(**{f"{column}__contains": f" {term} "})
    return condition


def _like_group(group):
    condition = Q()
    for alternative in group:
        all_terms = Q()
        for term in alternative:
            all_terms &= _like_term(term)
        condition |= all_terms
    return condition


def match_documents(plan, documents, *, any_group=False):
    """`documents` narrowed to those matching the plan, annotated with a `score`."""
    if connection.vendor == "postgresql":
        matching = documents.extra(  # noqa: S610 - constant SQL, tsquery bound as parameter
            where=["vector @@ to_tsquery('simple', %s)"],
            params=[_tsquery(plan, any_group=any_group)],
        )
        # typo alternatives count a third of an exact term
        parts, values = [], []
        for terms, factor in ((plan.exact_terms(), ""), (sorted(plan.fuzzy_terms), "0.3 * ")):
            if terms:
                parts.append(f"{factor}ts_rank(vector, to_tsquery('simple', %s))")
                values.append(" | ".join(f"'{term}'" for term in terms))
        # constant SQL; the tsqueries (word characters only) are bound as parameters
        return matching.annotate(score=RawSQL(" + ".join(parts), values))  # noqa: S611
    condition = Q()
    for group in plan.groups:
        condition = (
            (condition | _like_group(group)) if any_group else (condition & _like_group(group))
        )
    score = Value(0)
    for term in plan.all_terms():
        factor = 1 if term in plan.fuzzy_terms else 3  # typo alternatives count a third
        for column, weight in FIELD_POINTS:
            score = score + Case(
                When(Q(**{f"{column}__contains": f" {term} "}), then=Value(weight * factor)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return documents.filter(condition).annotate(score=score)


# -------------------------------------------------------------------------------- the search


def _scope(params):
    """Documents the search may return: the locale's pages and its current, filtered offers."""
    filters = params.filters
    offers = apply_filters(
        current_offers(params.locale),
        filters,
        locale_id=params.locale.pk,
        cache=params.form.term_cache(),
    )
    documents = SearchDocument.objects.filter(locale=params.locale)
    offer_q = Q(kind=SearchDocument.OFFER, object_id__in=offers.values("pk"))
    page_q = Q(kind=SearchDocument.PAGE)
    if params.type == "offer" or (params.type == "all" and filters.active):
        return documents.filter(offer_q)
    if params.type == "page":
        return documents.filter(page_q)
    return documents.filter(offer_q | page_q)


def _promoted_page_ids(query):
    from wagtail.contrib.search_promotions.models import SearchPromotion

    if not query:
        return []
    from wagtail.search.utils import normalise_query_string

    # a look-up, not Query.get(), which would store every query string a citizen types
    picks = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query), page__live=True
    ).order_by("sort_order")
    return list(picks.values_list("page_id", flat=True))


ROW = ("pk", "kind", "object_id")
ALL_WORDS, ANY_WORD = "all words", "any word"


def _ranked_rows(matched):
    return list(matched.order_by("-score", "title", "pk").values_list(*ROW))


def _ordered_rows(params, plan):
    """(id, kind, object_id) of the matching documents in result order, from the cluster when
    one serves, else the database. Kind and object id come along so that the counts per type
    and the facets need no second look-up of thousands of ids."""
    return _ordered(params, plan)[0]


def _ordered(params, plan):
    """(_ordered_rows, how): `how` is "all words" when the database matched every word of
    the query, "any word" when it fell back to any, None for the cluster or no query."""
    scope = _scope(params)
    if plan is None:
        # an offer's document holds its start date and title: the order of
        # Offer.objects.by_next_start() without reading the offers a second time
        offer_docs = scope.filter(kind=SearchDocument.OFFER).order_by(
            F("sort_date").asc(nulls_last=True), "title", "object_id"
        )
        page_docs = scope.filter(kind=SearchDocument.PAGE).order_by(
            F("sort_date").desc(nulls_last=True), "title"
        )
        return [*offer_docs.values_list(*ROW), *page_docs.values_list(*ROW)], None
    from search.backends import cluster_ranked_ids

    ranked = cluster_ranked_ids(plan, params, MAX_MATCHES)
    how = None
    if ranked is not None:
        allowed = {row[0]: row for row in scope.filter(pk__in=ranked).values_list(*ROW)}
        ordered = [allowed[pk] for pk in ranked if pk in allowed]
    else:
        ordered, how = _ranked_rows(match_documents(plan, scope)), ALL_WORDS
        if not ordered and len(plan.groups) > 1:  # nothing with all words: any word
            ordered, how = _ranked_rows(match_documents(plan, scope, any_group=True)), ANY_WORD
    promoted = _promoted_page_ids(params.query)
    if promoted:
        pinned = dict(
            scope.filter(kind=SearchDocument.PAGE, object_id__in=promoted).values_list(
                "object_id", "pk"
            )
        )
        first = [
            (pinned[page_id], SearchDocument.PAGE, page_id)
            for page_id in promoted
            if page_id in pinned
        ]
        first_ids = {row[0] for row in first}
        ordered = first + [row for row in ordered if row[0] not in first_ids]
    return ordered, how


def _plan(params):
    plan = build_plan(params.query) if params.query else None
    return None if plan is not None and plan.empty else plan  # only stopwords: list all


def count(params):
    """How many results the parameters give (for the tabs of the search page)."""
    parts = result_cache.params_parts(params)
    return result_cache.cached("count", parts, lambda: len(_ordered_rows(params, _plan(params))))


def search(params):
    """The answer to `params`, computed or (SEARCH_CACHE_SECONDS) from search/result_cache."""
    parts = result_cache.params_parts(params)
    answer = result_cache.cached("search", parts, lambda: _answer(params))
    return SearchResult(params=params, **answer)


def _answer(params):
    from search.backends import last_backend_name

    plan = _plan(params)
    rows, how = _ordered(params, plan)
    ordered = [row[0] for row in rows]
    start = (params.page - 1) * params.page_size
    page_ids = ordered[start : start + params.page_size]
    documents = SearchDocument.objects.in_bulk(page_ids)
    results = [_result(documents[pk], plan) for pk in page_ids if pk in documents]
    return {
        "total": len(ordered),
        "results": results,
        "facets": _facets(params, plan, rows, how),
        "suggestion": _suggestion(params, plan, len(ordered)),
        "counts": _counts(rows),
        "backend": last_backend_name(),
    }


def _counts(rows):
    """Results per type for the tabs of the search page."""
    counts = {"offer": 0, "page": 0}
    for kind in {pk: kind for pk, kind, _object_id in rows}.values():
        counts[kind] += 1
    return counts


class _AnyOf(Lookup):
    """PostgreSQL: `lhs = ANY('{1,2,…}'::bigint[])`. Thousands of matched offers as
    `IN (%s, %s, …)` cost more to build and parse than the facet counts themselves, and a list
    bound as an array is quoted again for each of the facet queries; the literal is built once."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, self.rhs]


def _facets(params, plan, rows, how=None):
    """Counts per facet option over the offers that match the query (not the filters: each
    facet's counts are narrowed by the other facets' filters only, in facet_counts)."""
    base = current_offers(params.locale)
    if plan is not None:
        if params.filters.active:  # `rows` are narrowed by the filters: match without them
            base = base.filter(pk__in=_unfiltered_matches(params, plan, how))
        else:
            offer_ids = sorted({oid for _pk, kind, oid in rows if kind == SearchDocument.OFFER})
            if connection.vendor == "postgresql":
                literal = "{" + ",".join(map(str, offer_ids)) + "}"
                base = base.filter(_AnyOf(F("pk"), literal))
            else:
                base = base.filter(pk__in=offer_ids)
    return facet_counts(
        base,
        params.filters,
        params.form.vocabularies,
        locale_id=params.locale.pk,
        cache=params.form.term_cache(),
    )


def _unfiltered_matches(params, plan, how):
    """The ids of the offers the query matches without the filters: a subquery on the
    database (no second ranking of the matches), the cluster's ids when a cluster ranked."""
    if how is None:  # the cluster ranked: ask it again without the filters
        unfiltered = replace(params, type="offer", form=OfferFilterForm({}, locale=params.locale))
        unfiltered.form.is_valid()
        rows = _ordered_rows(unfiltered, plan)
        return sorted({oid for _pk, kind, oid in rows if kind == SearchDocument.OFFER})
    documents = SearchDocument.objects.filter(locale=params.locale, kind=SearchDocument.OFFER)
    matched = match_documents(plan, documents)
    # like the search itself: any word only when no offer has them all. Filtered offers that
    # have them all tell so without asking (pages that have them all do not).
    if len(plan.groups) > 1 and (how == ANY_WORD or params.type == "page"):
        current = current_offers(params.locale)
        if not current.filter(pk__in=matched.values("object_id")).exists():
            matched = match_documents(plan, documents, any_group=True)
    return matched.values("object_id")


def _suggestion(params, plan, total):
    if plan is None:
        return None
    suggestion = plan.suggestion()
    if not suggestion or suggestion.lower() == params.query.lower():
        return None
    return suggestion


# ----------------------------------------------------------------------------- highlighting


def highlight(text, stems, limit=SNIPPET_LENGTH):
    """A snippet of `text` around the first match, HTML-escaped, matches in <mark>."""
    text = " ".join((text or "").split())
    matches = [
        match
        for match in re.finditer(analysis.WORD_RE, text)
        if stems and set(analysis.word_terms(match.group())) & stems
    ]
    if not matches:
        return None
    first = matches[0].start()
    start = max(0, first - limit // 3)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + limit)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    pieces, cursor = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(html.escape(text[cursor : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group())}</mark>")
        cursor = match.end()
    pieces.append(html.escape(text[cursor:end]))
    return ("… " if start else "") + "".join(pieces) + (" …" if end < len(text) else "")


def _result(document, plan):
    stems = plan.stems if plan else set()
    snippet = None
    for text in (document.summary, document.body, document.title):
        snippet = highlight(text, stems)
        if snippet:
            break
    if snippet is None:
        snippet = html.escape(Truncator(document.summary or document.body).chars(SNIPPET_LENGTH))
    item = {"type": document.kind, "id": document.object_id}
    if document.kind == SearchDocument.OFFER:
        item["external_id"] = document.external_id
    else:
        item["page_type"] = document.page_type
    item.update(
        {
            "title": document.title,
            "url": document.url,
            "summary": Truncator(document.summary).chars(300),
            "highlight": snippet,
        }
    )
    return item


# ----------------------------------------------------------------------------- autocomplete


def autocomplete(prefix, locale, limit=10):
    parts = (locale.pk, prefix, limit)
    return result_cache.cached("autocomplete", parts, lambda: _suggestions(prefix, locale, limit))


def _suggestions(prefix, locale, limit):
    words = [analysis.fold(word) for word in analysis.words(prefix)][:6]
    if len(prefix.strip()) < 2 or not words:
        return []
    documents = SearchDocument.objects.filter(locale=locale).filter(
        Q(kind=SearchDocument.PAGE)
        | Q(kind=SearchDocument.OFFER, object_id__in=current_offers(locale).values("pk"))
    )
    for word in words:
        documents = documents.filter(title_folded__contains=f" {word}")
    documents = documents.annotate(
        starts=Case(
            When(title_folded__startswith=f" {words[0]}", then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("starts", "kind", "title")
    return [
        {"title": title, "url": url, "type": kind}
        for title, url, kind in documents.values_list("title", "url", "kind")[:limit]
    ]
