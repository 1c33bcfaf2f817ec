"""Filtering and disjunctive facet counts of offers. The finder page, the search API and the
offers API all call these functions, so they always agree (search-api contract)."""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Value,
)
from django.utils.translation import gettext_lazy as _

from home.models import Audience, LifePhase, Topic
from offers.models import AccessibilityFeature, District
from offers.models.offers import link_table
from offers.vocabulary import OfferFormat

# facet name -> (GET parameter, Offer lookup of the slug, vocabulary model)
VOCABULARY_FACETS = {
    "topic": ("topics__slug", Topic),
    "life_phase": ("life_phases__slug", LifePhase),
    "audience": ("audiences__slug", Audience),
    "district": ("district__slug", District),
    "accessibility": ("accessibility__slug", AccessibilityFeature),
}
FACETS = ["topic", "life_phase", "audience", "district", "format", "accessibility", "free"]
FREE_LABEL = _("kostenlos")


@dataclass
class OfferFilters:
    topic: list = field(default_factory=list)
    life_phase: list = field(default_factory=list)
    audience: list = field(default_factory=list)
    district: list = field(default_factory=list)
    format: list = field(default_factory=list)
    accessibility: list = field(default_factory=list)
    free: bool = False
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    age: int | None = None

    @property
    def active(self):
        return any(
            (
                self.topic,
                self.life_phase,
                self.audience,
                self.district,
                self.format,
                self.accessibility,
                self.free,
                self.date_from,
                self.date_to,
                self.age is not None,
            )
        )

    def without(self, facet):
        """A copy with one facet's filter dropped (for "remove this filter" links)."""
        values = dict(self.__dict__)
        values[facet] = (
            False if facet == "free" else (None if facet in ("date_from", "date_to", "age") else [])
        )
        return OfferFilters(**values)


class SlugListField(forms.Field):
    """Repeated GET parameter of slugs that must exist in the vocabulary of the locale."""

    def __init__(self, *, label, **kwargs):
        super().__init__(label=label, required=False, **kwargs)
        self.valid = None

    def to_python(self, value):
        if not value:
            return []
        values = value if isinstance(value, list) else [value]
        return list(dict.fromkeys(item.strip() for item in values if item.strip()))

    def validate(self, value):
        unknown = [slug for slug in value if self.valid is not None and slug not in self.valid]
        if unknown:
            raise forms.ValidationError(
                _("Unbekannter Wert für %(label)s: %(values)s"),
                params={"label": self.label, "values": ", ".join(unknown)},
            )


def _read_vocabularies(locale):
    """({facet: [(slug, name)]}, {facet: {slug: id}}) of the facets' vocabularies of a locale,
    in their editors' order, from one query (five had been a fifth of a search's queries)."""
    parts = [
        model.objects.filter(locale=locale)
        .order_by()  # SQLite allows no ORDER BY inside a UNION: the union is ordered
        .annotate(facet=Value(facet, output_field=CharField()))
        .values_list("facet", "pk", "slug", "name", "sort_order")
        for facet, (_lookup, model) in VOCABULARY_FACETS.items()
    ]
    rows = parts[0].union(*parts[1:], all=True).order_by("sort_order", "name", "slug")
    vocabularies = {facet: [] for facet in VOCABULARY_FACETS}
    term_ids = {facet: {} for facet in VOCABULARY_FACETS}
    for facet, pk, slug, name, _order in rows:
        vocabularies[facet].append((slug, name))
        term_ids[facet][slug] = pk
    return vocabularies, term_ids


class OfferFilterForm(forms.Form):
    """Validates filter parameters of the finder and the APIs, with German messages."""

    topic = SlugListField(label=_("Thema"))
    life_phase = SlugListField(label=_("Lebensphase"))
    audience = SlugListField(label=_("Zielgruppe"))
    district = SlugListField(label=_("Stadtteil"))
    format = SlugListField(label=_("Format"))
    accessibility = SlugListField(label=_("Barrierefreiheit"))
    free = forms.NullBooleanField(label=_("Nur kostenlose Angebote"), required=False)
    date_from = forms.DateField(
        label=_("Von"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Datum im Format JJJJ-MM-TT")},
    )
    date_to = forms.DateField(
        label=_("Bis"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Datum im Format JJJJ-MM-TT")},
    )
    age = forms.IntegerField(
        label=_("Alter"),
        required=False,
        min_value=0,
        max_value=120,
        error_messages={"invalid": _("Alter als ganze Zahl angeben")},
    )

    def __init__(self, data, *, locale, **kwargs):
        data = (
            {key: data.getlist(key) if key in self.list_fields() else data.get(key) for key in data}
            if hasattr(data, "getlist")
            else data
        )
        super().__init__(data, **kwargs)
        self.locale = locale
        self.vocabularies, self.term_ids = _read_vocabularies(locale)
        self.vocabularies["format"] = [(value, str(label)) for value, label in OfferFormat.choices]
        for facet, terms in self.vocabularies.items():
            self.fields[facet].valid = {slug for slug, _name in terms}

    def term_cache(self):
        """The vocabularies' {slug: id} as `apply_filters` and `facet_counts` take them in
        `cache`, so that they need not read them again."""
        locale_id = getattr(self.locale, "pk", self.locale)
        return {(facet, locale_id): ids for facet, ids in self.term_ids.items()}

    @staticmethod
    def list_fields():
        return ("topic", "life_phase", "audience", "district", "format", "accessibility")

    def clean_free(self):
        raw = self.data.get("free")
        if raw in (None, "", "false", "0"):
            return False
        if raw in ("true", "1", "on"):
            return True
        raise forms.ValidationError(_("„free“ muss true oder false sein"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("„Bis“ darf nicht vor „Von“ liegen"))
        return cleaned

    def filters(self):
        data = {name: self.cleaned_data.get(name) for name in OfferFilters.__dataclass_fields__}
        for name in self.list_fields():
            data[name] = data[name] or []
        data["free"] = bool(data["free"])
        return OfferFilters(**data)


# facet -> (link table relation on Offer, or None for the district foreign key)
LINK_RELATIONS = {
    "topic": "topics",
    "life_phase": "life_phases",
    "audience": "audiences",
    "accessibility": "accessibility",
}


def _terms(facet, locale_id, cache):
    """{slug: id} of a vocabulary, read once per request (the cache lives for one call)."""
    key = (facet, locale_id)
    if key not in cache:
        model = VOCABULARY_FACETS[facet][1]
        cache[key] = dict(model.objects.filter(locale_id=locale_id).values_list("slug", "pk"))
    return cache[key]


def _term_ids(facet, slugs, locale_id, cache):
    terms = _terms(facet, locale_id, cache)
    return [terms[slug] for slug in slugs if slug in terms]


def _facet_conditions(filters, locale_id, cache):
    """{facet: condition} of each active facet filter, for narrowing (apply_filters) and for
    counting (facet_counts) alike. Vocabulary filters are EXISTS checks on the link tables
    with the terms' ids, which PostgreSQL and SQLite both answer from the link table's index."""
    conditions = {}
    for facet, relation in LINK_RELATIONS.items():
        values = getattr(filters, facet)
        if values:
            through, source, target = link_table(relation)
            ids = _term_ids(facet, values, locale_id, cache)
            conditions[facet] = Exists(
                through.objects.filter(**{source: OuterRef("pk"), f"{target}__in": ids})
            )
    if filters.district:
        conditions["district"] = Q(
            district_id__in=_term_ids("district", filters.district, locale_id, cache)
        )
    if filters.format:
        conditions["format"] = Q(format__in=filters.format)
    if filters.free:
        conditions["free"] = Q(cost=0)
    return conditions


def _apply_ranges(queryset, filters):
    """Narrow by the filters that are no facet: the date range and the age."""
    # Offers overlapping the date range; an offer without end date runs on from its start.
    if filters.date_from:
        queryset = queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=filters.date_from))
    if filters.date_to:
        queryset = queryset.filter(Q(start_date__isnull=True) | Q(start_date__lte=filters.date_to))
    if filters.age is not None:
        queryset = queryset.filter(
            Q(age_min__isnull=True) | Q(age_min__lte=filters.age),
            Q(age_max__isnull=True) | Q(age_max__gte=filters.age),
        )
    return queryset


def apply_filters(queryset, filters, *, skip=None, locale_id=None, cache=None):
    """Narrow offers by every filter except the facet named in `skip`."""
    cache = {} if cache is None else cache
    for facet, condition in _facet_conditions(filters, locale_id, cache).items():
        if facet != skip:
            queryset = queryset.filter(condition)
    return _apply_ranges(queryset, filters)


def _as_flag(condition):
    if isinstance(condition, Q):
        return ExpressionWrapper(condition, output_field=BooleanField())
    return condition


def _count_rows(base, filters, locale_id, cache):
    """[(facet, term id, value, count)] of every facet in one query.

    The offers of `base` narrowed by the date and age filters are read once (a CTE), with one
    flag per active facet filter; each facet then counts the offers whose flags of the *other*
    facets hold. Seven queries over the same offers had cost twice as much, mostly in reading
    the offers seven times."""
    conditions = _facet_conditions(filters, locale_id, cache)
    flags = {f"flag_{facet}": _as_flag(condition) for facet, condition in conditions.items()}
    matched = (
        _apply_ranges(base, filters)
        .order_by()
        .annotate(**flags)
        .values("pk", "district_id", "format", "cost", *flags)
    )
    try:
        matched_sql, params = matched.query.sql_with_params()
    except EmptyResultSet:  # e.g. `pk__in=[]` on SQLite: nothing to count
        return []
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in ["id", "district_id", "format", "cost", *flags])

    def where(facet, *extra):
        held = [f"m.{quote('flag_' + other)}" for other in conditions if other != facet]
        parts = [*extra, *held]
        return f" WHERE {' AND '.join(parts)}" if parts else ""

    no_id, no_value = "CAST(NULL AS BIGINT)", "CAST(NULL AS VARCHAR)"
    district, offer_format = f"m.{quote('district_id')}", f"m.{quote('format')}"
    # (facet, selected term id and value, joined link table, WHERE, GROUP BY)
    parts = []
    for facet, relation in LINK_RELATIONS.items():
        through, source, target = link_table(relation)
        join = f" JOIN {quote(through._meta.db_table)} l ON l.{quote(source)} = m.{quote('id')}"
        term = f"l.{quote(target)}"
        parts.append((facet, f"{term}, {no_value}", join, where(facet), f" GROUP BY {term}"))
    parts += [
        ("district", f"{district}, {no_value}", "", where("district"), f" GROUP BY {district}"),
        ("format", f"{no_id}, {offer_format}", "", where("format"), f" GROUP BY {offer_format}"),
        ("free", f"{no_id}, {no_value}", "", where("free", f"m.{quote('cost')} = 0"), ""),
    ]
    arms = [
        f"SELECT '{facet}', {selected}, COUNT(*) FROM matched m{join}{condition}{group}"  # noqa: S608
        for facet, selected, join, condition, group in parts
    ]
    # the SQL is built from model metadata and constants; values stay bound parameters
    sql = f"WITH matched ({columns}) AS ({matched_sql}) " + " UNION ALL ".join(arms)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def facet_counts(base, filters, vocabularies, locale_id=None, cache=None):
    """Disjunctive counts: each facet counts the offers matching every *other* filter."""
    cache = {} if cache is None else cache
    counted = {facet: {} for facet in FACETS}
    for facet, term_id, value, number in _count_rows(base, filters, locale_id, cache):
        counted[facet][value if facet == "format" else term_id] = number
    facets = {}
    for facet in FACETS:
        if facet == "free":
            number = counted["free"].get(None, 0)
            facets["free"] = [{"slug": "true", "name": str(FREE_LABEL), "count": number}]
            continue
        if facet == "format":
            by_slug = counted["format"]
        else:
            by_slug = {
                slug: counted[facet].get(pk, 0)
                for slug, pk in _terms(facet, locale_id, cache).items()
            }
        facets[facet] = [
            {"slug": slug, "name": name, "count": by_slug.get(slug, 0)}
            for slug, name in vocabularies[facet]
        ]
    return facets
