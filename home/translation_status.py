"""How far the plain-language ("Leichte Sprache") versions of the German pages and offers
are: missing, in progress, up to date or out of date. The admin dashboard, a later API and
the tests all read the rows from here.

The clock is wagtail-localize's own: a TranslationSource records when the German content was
last extracted for translation (on submitting and on "Sync translated pages"); a German
original published after that has changes its translation lacks. A plain version made
without wagtail-localize has no TranslationSource; then its own last publication counts."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, WorkflowMixin, WorkflowState
from wagtail_localize.models import TranslationSource

from offers.models import Offer

SECTION_DEPTH = 3  # home pages sit at depth 2, the sections of a site's tree right below
PAGE = "page"
OFFER = "offer"
OFFER_TYPE = Offer._meta.label_lower
OFFER_TYPE_LABEL = _("Angebot")


class TranslationStatus(models.TextChoices):
    # In the order translators work through them: gaps first, finished work last.
    MISSING = "missing", _("fehlt")
    OUT_OF_DATE = "out_of_date", _("veraltet")
    IN_PROGRESS = "in_progress", _("in Arbeit")
    UP_TO_DATE = "up_to_date", _("aktuell")


STATUS_ORDER = {status: position for position, status in enumerate(TranslationStatus)}


@dataclass
class TranslationRow:
    """A German original and where its plain-language version stands."""

    kind: str  # PAGE or OFFER
    original: Page | Offer
    translation: Page | Offer | None
    status: TranslationStatus
    type_key: str  # "app_label.model", for filtering
    type_label: str
    section: Page | None  # the German section (depth 3) a page belongs to; None for offers
    translation_source_id: int | None  # wagtail-localize's TranslationSource, if any
    synced_at: datetime | None  # when the translation last took over the German content

    @property
    def title(self):
        return self.original.title

    @property
    def published_at(self):
        """When the German original was last published."""
        return self.original.last_published_at

    @property
    def status_label(self):
        return str(self.status.label)

    @property
    def section_title(self):
        return self.section.title if self.section else ""


def german_pages():
    """Every live German page below the tree roots (the home pages included)."""
    return Page.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=1)


def current_german_offers():
    return Offer.objects.current().filter(locale__language_code=settings.LANGUAGE_CODE)


def sections():
    """The sections of the German tree (the pages at depth 3), in tree order."""
    return Page.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE, depth=SECTION_DEPTH
    ).order_by("path")


def page_type_choices():
    """(type key, label) of every page type, for a filter; no query."""
    from wagtail.models import get_page_models

    models_ = [model for model in get_page_models() if model is not Page]
    return sorted(
        ((model._meta.label_lower, str(model._meta.verbose_name)) for model in models_),
        key=lambda choice: choice[1].lower(),
    )


def status_of(translation, in_workflow, published_at, synced_at):
    """The rule itself, for one original and its plain version (or None)."""
    if translation is None:
        return TranslationStatus.MISSING
    if not translation.live or translation.has_unpublished_changes or in_workflow:
        return TranslationStatus.IN_PROGRESS
    if published_at and synced_at and published_at > synced_at:
        return TranslationStatus.OUT_OF_DATE
    return TranslationStatus.UP_TO_DATE


def _plain_versions(model, originals):
    """The plain-language versions of `originals` by translation key, each annotated with
    whether a moderation workflow is running on it; one query. A page that only aliases its
    German original (wagtail-localize's synchronised trees) is not a translation."""
    translations = model._default_manager.filter(
        locale__language_code=settings.PLAIN_LANGUAGE_CODE,
        translation_key__in=originals.values("translation_key"),
    )
    if model is Page:
        translations = translations.filter(alias_of__isnull=True)
    if issubclass(model, WorkflowMixin):
        translations = translations.annotate(
            in_workflow=Exists(
                WorkflowState.objects.active().filter(
                    # pages of every type share Page's base content type
                    base_content_type__app_label=model._meta.app_label,
                    base_content_type__model=model._meta.model_name,
                    object_id=Cast(OuterRef("pk"), output_field=CharField()),
                )
            )
        )
    return {translation.translation_key: translation for translation in translations}


def _sources(originals):
    """wagtail-localize's TranslationSource of each original, by translation key; one query."""
    return {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE,
            object_id__in=originals.values("translation_key"),
        ).only("pk", "object_id", "last_updated_at")
    }


def _rows(kind, originals, plain_versions, sources, describe):
    rows = []
    for original in originals:
        translation = plain_versions.get(original.translation_key)
        source = sources.get(original.translation_key)
        if source is not None:
            synced_at = source.last_updated_at
        else:
            synced_at = translation.last_published_at if translation else None
        status = status_of(
            translation,
            getattr(translation, "in_workflow", False),
            original.last_published_at,
            synced_at,
        )
        type_key, type_label, section = describe(original)
        rows.append(
            TranslationRow(
                kind=kind,
                original=original,
                translation=translation,
                status=status,
                type_key=type_key,
                type_label=type_label,
                section=section,
                translation_source_id=source.pk if source else None,
                synced_at=synced_at,
            )
        )
    return rows


def page_rows(pages=None, section_pages=None):
    """A row per German page of `pages` (default: german_pages()), in tree order; four
    queries, or three when the caller passes the sections it already has."""
    pages = (german_pages() if pages is None else pages).select_related("content_type")
    pages = pages.order_by("path")
    originals = list(pages)
    if not originals:
        return []
    if section_pages is None:
        section_pages = sections()
    section_by_path = {section.path: section for section in section_pages}
    section_path_length = SECTION_DEPTH * Page.steplen

    def describe(page):
        model = page.content_type.model_class()
        if model is None:  # a page type whose code is gone
            return page.content_type.app_labeled_name, page.content_type.name, None
        return (
            model._meta.label_lower,
            str(model._meta.verbose_name),
            section_by_path.get(page.path[:section_path_length]),
        )

    return _rows(PAGE, originals, _plain_versions(Page, pages), _sources(pages), describe)


def offer_rows(offers=None):
    """A row per German offer of `offers` (default: the current ones), by title; three
    queries."""
    offers = (current_german_offers() if offers is None else offers).order_by("title", "pk")
    originals = list(offers)
    if not originals:
        return []

    def describe(offer):
        return OFFER_TYPE, str(OFFER_TYPE_LABEL), None

    return _rows(OFFER, originals, _plain_versions(Offer, offers), _sources(offers), describe)


def translation_rows(pages=None, offers=None, section_pages=None):
    """Pages first (in tree order), then offers (by title)."""
    return page_rows(pages, section_pages) + offer_rows(offers)


def count_by_status(rows):
    counts = dict.fromkeys(TranslationStatus, 0)
    for row in rows:
        counts[row.status] += 1
    return counts
