"""One code path for listing offers: parse the filters, narrow the current offers of a locale,
count the facets. The finder page, the search API and the offers API call `find_offers`."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from offers.filtering import OfferFilterForm, OfferFilters, apply_filters, facet_counts
from offers.models import Offer


@dataclass
class FinderResult:
    form: OfferFilterForm
    filters: OfferFilters
    offers: object  # queryset, sorted by next start date
    facets: dict
    errors: dict

    @property
    def total(self):
        return self.offers.count()


def current_offers(locale):
    return Offer.objects.current().filter(locale=locale)


def find_offers(params, *, locale, base=None):
    """Validate filter parameters and return the matching offers with facet counts.

    Invalid parameters do not raise: `errors` names them ({parameter: German message}) and the
    result ignores the invalid filter, so a page can show the message next to the results."""
    form = OfferFilterForm(params, locale=locale)
    base = current_offers(locale) if base is None else base
    if form.is_valid():
        filters, errors = form.filters(), {}
    else:
        errors = {name: " ".join(messages) for name, messages in form.errors.items()}
        valid = {name: value for name, value in form.cleaned_data.items() if name not in errors}
        filters = OfferFilters(
            **{
                name: valid.get(name) or ([] if name in form.list_fields() else None)
                for name in OfferFilters.__dataclass_fields__
                if name != "free"
            },
            free=bool(valid.get("free")),
        )
    locale_id = getattr(locale, "pk", locale)
    cache = form.term_cache()  # the vocabularies' ids, read with the form's choices
    offers = apply_filters(base, filters, locale_id=locale_id, cache=cache)
    offers = offers.for_listing().by_next_start()
    facets = facet_counts(base, filters, form.vocabularies, locale_id=locale_id, cache=cache)
    return FinderResult(form=form, filters=filters, offers=offers, facets=facets, errors=errors)


FACET_LABELS = {
    "topic": _("Thema"),
    "life_phase": _("Lebensphase"),
    "audience": _("Zielgruppe"),
    "district": _("Stadtteil"),
    "format": _("Format"),
    "accessibility": _("Barrierefreiheit"),
    "free": _("Kosten"),
}


def facet_groups(result):
    """The facets as the finder form shows them: options with counts and checked state."""
    groups = []
    for name, options in result.facets.items():
        selected = (
            ["true"]
            if name == "free" and result.filters.free
            else ([] if name == "free" else getattr(result.filters, name))
        )
        groups.append(
            {
                "name": name,
                "label": FACET_LABELS[name],
                "options": [
                    {**option, "checked": option["slug"] in selected}
                    for option in options
                    if option["count"] or option["slug"] in selected
                ],
            }
        )
    return groups


def active_filter_links(params, result):
    """For each active filter value, the query string without it ("drop this filter")."""
    names = {
        name: {option["slug"]: option["name"] for option in options}
        for name, options in result.facets.items()
    }
    pairs = [
        (key, value) for key in params for value in params.getlist(key) if key != "seite" and value
    ]
    links = []
    for key, value in pairs:
        label = names.get(key, {}).get(value)
        if label is None:
            label = f"{key}={value}"
        remaining = [(k, v) for k, v in pairs if (k, v) != (key, value)]
        links.append({"label": label, "query": urlencode(remaining)})
    return links
