"""Filtering and disjunctive facet counts of offers. The finder page, the search API and the
offers API all call these functions, so they always agree (search-api contract)."""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Exists, OuterRef, Q
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
        self.vocabularies = {
            facet: list(model.objects.filter(locale=locale).values_list("slug", "name"))
            for facet, (_lookup, model) in VOCABULARY_FACETS.items()
        }
        self.vocabularies["format"] = [(value, str(label)) for value, label in OfferFormat.choices]
        for facet, terms in self.vocabularies.items():
            self.fields[facet].valid = {slug for slug, _name in terms}

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


def apply_filters(queryset, filters, *, skip=None, locale_id=None, cache=None):
    """Narrow offers by every filter except the facet named in `skip`.

    Vocabulary filters become EXISTS checks on the link tables with the terms' ids, which
    PostgreSQL and SQLite both answer from the link table's index."""
    cache = {} if cache is None else cache
    for facet, relation in LINK_RELATIONS.items():
        values = getattr(filters, facet)
        if values and facet != skip:
            through, source, target = link_table(relation)
            ids = _term_ids(facet, values, locale_id, cache)
            queryset = queryset.filter(
                Exists(through.objects.filter(**{source: OuterRef("pk"), f"{target}__in": ids}))
            )
    if filters.district and skip != "district":
        queryset = queryset.filter(
            district_id__in=_term_ids("district", filters.district, locale_id, cache)
        )
    if filters.format and skip != "format":
        queryset = queryset.filter(format__in=filters.format)
    if filters.free and skip != "free":
        queryset = queryset.filter(cost=0)
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


def facet_counts(base, filters, vocabularies, locale_id=None, cache=None):
    """Disjunctive counts: each facet counts the offers matching every *other* filter."""
    facets, cache = {}, ({} if cache is None else cache)
    for facet in FACETS:
        narrowed = apply_filters(base, filters, skip=facet, locale_id=locale_id, cache=cache)
        if facet == "free":
            facets["free"] = [
                {"slug": "true", "name": str(FREE_LABEL), "count": narrowed.filter(cost=0).count()}
            ]
            continue
        if facet in LINK_RELATIONS:
            through, source, target = link_table(LINK_RELATIONS[facet])
            by_id = dict(
                through.objects.filter(**{f"{source}__in": narrowed.values("pk")})
                .values_list(target)
                .annotate(count=Count(source))
                .values_list(target, "count")
            )
            slug_of = {pk: slug for slug, pk in _terms(facet, locale_id, cache).items()}
            counts = {slug_of.get(pk): count for pk, count in by_id.items()}
        else:
            column = "format" if facet == "format" else "district__slug"
            counts = dict(
                narrowed.order_by()
                .values_list(column)
                .annotate(count=Count("pk"))
                .values_list(column, "count")
            )
        facets[facet] = [
            {"slug": slug, "name": name, "count": counts.get(slug, 0)}
            for slug, name in vocabularies[facet]
        ]
    return facets
