"""Education offers (Bildungsangebote), their providers and the offer-only vocabularies."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Q
from django.db.models.query import ModelIterable
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index

from bildung.language_urls import locale_code
from home.models.vocabularies import VocabularyTerm
from offers.rules import check_offer_values
from offers.vocabulary import OfferFormat


class AccessibilityFeature(VocabularyTerm):
    """An accessibility feature of an offer (rollstuhlgerecht, Induktionsschleife …)."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("Barrierefreiheitsmerkmal")
        verbose_name_plural = _("Barrierefreiheitsmerkmale")


class District(VocabularyTerm):
    """A district (Stadtteil) of the city where offers take place."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("Stadtteil")
        verbose_name_plural = _("Stadtteile")


class Provider(index.Indexed, models.Model):
    """An organisation that runs offers (Träger, Verein, Volkshochschule …)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=60, blank=True)
    street = models.CharField(_("Straße"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("street"), FieldPanel("postcode"), FieldPanel("city")]),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("Anbieter")
        verbose_name_plural = _("Anbieter")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OfferQuerySet(models.QuerySet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._with_vocabulary = False

    def _clone(self):
        clone = super()._clone()
        clone._with_vocabulary = self._with_vocabulary
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is None
        super()._fetch_all()
        if fetched and self._with_vocabulary and self._iterable_class is ModelIterable:
            attach_vocabulary(self._result_cache, self.db)

    def with_vocabulary(self):
        """What prefetch_related("topics", "life_phases", "audiences", "accessibility") gives
        (offer.topics.all() … without a query), from one query of the four link tables and
        the vocabularies kept in the fragment cache, instead of four queries."""
        clone = self._chain()
        clone._with_vocabulary = True
        return clone

    def current(self, today=None):
        """Published offers that have neither expired (valid_until) nor ended (end_date)."""
        today = today or timezone.localdate()
        return self.filter(live=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
            Q(end_date__isnull=True) | Q(end_date__gte=today),
        )

    def expired(self, today=None):
        today = today or timezone.localdate()
        return self.filter(Q(valid_until__lt=today) | Q(end_date__lt=today))

    def by_next_start(self):
        return self.order_by(models.F("start_date").asc(nulls_last=True), "title", "pk")

    def for_listing(self):
        return self.select_related("provider", "district", "locale").with_vocabulary()


def slug_base(title):
    return slugify(title)[:200] or "angebot"


def free_slug(title, taken):
    """The offer's slug from its title, numbered (-2, -3 …) past the slugs in `taken`;
    the new slug is added to `taken` so a batch can call this repeatedly."""
    base = slug_base(title)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


VOCABULARY_LINKS = ("topics", "life_phases", "audiences", "accessibility")


def terms_in_locale(model, terms, locale_id):
    """`terms` with each term of another locale replaced by its translation into `locale_id`
    (one query, none if all are of that locale); a term without translation stays."""
    foreign = {term.translation_key for term in terms if term.locale_id != locale_id}
    if not foreign:
        return terms
    own = {
        term.translation_key: term
        for term in model.objects.filter(locale_id=locale_id, translation_key__in=foreign)
    }
    return list(dict.fromkeys(own.get(term.translation_key, term) for term in terms))


def attach_vocabulary(offers, using="default"):
    """Fill the vocabulary links of `offers` as prefetch_related would: each offer's
    `topics.all()` (and the other three) answers without a query, sorted as the
    vocabularies are. The links come from one UNION ALL of the link tables, the terms from
    home.fragment_cache.vocabulary() (the database only for a term newer than that)."""
    from home import fragment_cache

    offers = [offer for offer in offers if offer.pk is not None]
    if not offers:
        return
    connection = connections[using]
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(offers))
    parts, params = [], []
    for number, relation in enumerate(VOCABULARY_LINKS):
        through, source, target = link_table(relation)
        parts.append(  # names from the models, quoted; the ids are parameters
            f"SELECT {number}, {quote(source)}, {quote(target)} "  # noqa: S608
            f"FROM {quote(through._meta.db_table)} WHERE {quote(source)} IN ({placeholders})"
        )
        params.extend(offer.pk for offer in offers)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        links = cursor.fetchall()
    models_ = [Offer._meta.get_field(relation).related_model for relation in VOCABULARY_LINKS]
    known = fragment_cache.vocabulary()
    terms = [dict(known.get(model._meta.label_lower, {})) for model in models_]
    for number, model in enumerate(models_):
        missing = {term for kind, _offer, term in links if kind == number} - terms[number].keys()
        if missing:
            terms[number].update(model._default_manager.in_bulk(missing))
    linked = {}
    for kind, offer_id, term_id in links:
        term = terms[kind].get(term_id)
        if term is not None:
            linked.setdefault((offer_id, kind), []).append(term)
    for offer in offers:
        cache = offer.__dict__.setdefault("_prefetched_objects_cache", {})
        for number, relation in enumerate(VOCABULARY_LINKS):
            found = sorted(linked.get((offer.pk, number), ()), key=vocabulary_order)
            queryset = models_[number]._default_manager.all()
            queryset._defer_next_filter = True  # the filter is built only if someone asks
            queryset = queryset.filter(offers=offer.pk)
            queryset._result_cache, queryset._prefetch_done = found, True
            cache[relation] = queryset


def vocabulary_order(term):
    """VocabularyTerm.Meta.ordering (sort_order, then name) in Python, names compared by code
    point as SQLite and PostgreSQL's C collation do."""
    return term.sort_order, term.name


def link_table(relation):
    """(through model, offer column, term column) of one of an offer's vocabulary links."""
    through = getattr(Offer, relation).through
    source = target = None
    for column in through._meta.fields:
        if column.is_relation and column.related_model is Offer:
            source = column.attname
        elif column.is_relation:
            target = column.attname
    return through, source, target


class Offer(
    PreviewableMixin,
    LockableMixin,
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """An education offer (Bildungsangebot) of a provider, as imported or edited by hand."""

    external_id = models.CharField(
        _("Externe Kennung"),
        max_length=100,
        help_text=_(
            "Stabiler Schlüssel aus dem Import; ein erneuter Import aktualisiert das "
            "Angebot mit dieser Kennung."
        ),
    )
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Adresse (Slug)"), max_length=220, blank=True)
    summary = models.TextField(_("Kurzbeschreibung"), max_length=600)
    description = models.TextField(
        _("Beschreibung"), blank=True, help_text=_("Nur Text; Absätze durch Leerzeile trennen.")
    )
    provider = models.ForeignKey(
        Provider, verbose_name=_("Anbieter"), on_delete=models.PROTECT, related_name="offers"
    )
    topics = ParentalManyToManyField("home.Topic", verbose_name=_("Themen"), related_name="offers")
    life_phases = ParentalManyToManyField(
        "home.LifePhase", verbose_name=_("Lebensphasen"), blank=True, related_name="offers"
    )
    audiences = ParentalManyToManyField(
        "home.Audience", verbose_name=_("Zielgruppen"), blank=True, related_name="offers"
    )
    accessibility = ParentalManyToManyField(
        AccessibilityFeature, blank=True, verbose_name=_("Barrierefreiheit"), related_name="offers"
    )
    format = models.CharField(
        _("Format"), max_length=10, choices=OfferFormat.choices, default=OfferFormat.PRAESENZ
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("Stadtteil"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offers",
    )
    street = models.CharField(_("Straße"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("Breitengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    schedule = models.CharField(
        _("Termine"), max_length=200, blank=True, help_text=_("z. B. „dienstags 16–18 Uhr“")
    )
    cost = models.DecimalField(
        _("Kosten in Euro"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("0 = kostenlos; leer = unbekannt"),
    )
    cost_note = models.CharField(_("Hinweis zu Kosten"), max_length=300, blank=True)
    age_min = models.PositiveSmallIntegerField(_("Mindestalter"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("Höchstalter"), null=True, blank=True)
    languages = models.JSONField(_("Sprachen (ISO 639-1)"), default=list, blank=True)
    registration_url = models.URLField(_("Anmeldung (Adresse)"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True)
    contact_phone = models.CharField(_("Kontakttelefon"), max_length=60, blank=True)
    valid_until = models.DateField(_("Sichtbar bis"), null=True, blank=True)
    updated_at = models.DateTimeField(_("Geändert"), auto_now=True)

    objects = OfferQuerySet.as_manager()
    search_auto_update = False  # offers.search_index keeps the index current, in bulk on import

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("provider"),
        MultiFieldPanel(
            [
                FieldPanel("topics"),
                FieldPanel("life_phases"),
                FieldPanel("audiences"),
                FieldPanel("accessibility"),
            ],
            heading=_("Einordnung"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("district"),
                FieldRowPanel([FieldPanel("street"), FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Ort"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("schedule"),
                FieldPanel("valid_until"),
            ],
            heading=_("Zeit"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost"), FieldPanel("cost_note")]),
                FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
                FieldPanel("languages"),
            ],
            heading=_("Kosten, Alter, Sprachen"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Anmeldung und Kontakt"),
        ),
        FieldPanel("external_id"),
        FieldPanel("slug"),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=1.5),
        index.SearchField("description"),
        index.SearchField("schedule"),
        index.RelatedFields("provider", [index.SearchField("name")]),
        index.RelatedFields(
            "topics", [index.SearchField("name", boost=2), index.FilterField("slug")]
        ),
        index.RelatedFields("audiences", [index.SearchField("name")]),
        index.RelatedFields("district", [index.SearchField("name")]),
        index.FilterField("live"),
        index.FilterField("locale_id"),
        index.FilterField("format"),
        index.FilterField("district_id"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
        index.FilterField("valid_until"),
        index.FilterField("cost"),
        index.FilterField("age_min"),
        index.FilterField("age_max"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Bildungsangebot")
        verbose_name_plural = _("Bildungsangebote")
        unique_together = [
            ("translation_key", "locale"),
            ("external_id", "locale"),
            ("slug", "locale"),
        ]
        indexes = [models.Index(fields=["live", "start_date"])]
        permissions = [
            ("change_original_offer", _("Deutsche Originale bearbeiten (nicht nur Übersetzungen)"))
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        values = {
            field.name: getattr(self, field.name)
            for field in self._meta.concrete_fields
            if not field.is_relation
        }
        values["district"] = self.district_id
        errors = check_offer_values(values)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        if not self.city:
            self.city = settings.SITE_CITY
        self.link_vocabulary_of_own_locale(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def link_vocabulary_of_own_locale(self, update_fields=None):
        """Point the vocabulary links at the terms of the offer's own locale (same
        translation_key): a copy for translation and wagtail-localize start from the
        original's terms. A term not translated into this locale yet stays linked."""
        if self.locale_id is None:
            return
        wanted = set(update_fields) if update_fields is not None else None
        for name in VOCABULARY_LINKS:
            if wanted is None or name in wanted:
                links = getattr(self, name)
                terms = list(links.all())
                own = terms_in_locale(links.model, terms, self.locale_id)
                if own != terms:
                    links.set(own)
        if self.district_id and (wanted is None or wanted & {"district", "district_id"}):
            self.district = terms_in_locale(District, [self.district], self.locale_id)[0]

    def unique_slug(self):
        base = slug_base(self.title)
        taken = set(
            Offer.objects.filter(locale_id=self.locale_id, slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        return free_slug(self.title, taken)

    def get_url(self):
        """The public page in the offer's own language (/leichte-sprache/angebote/… for plain
        language)."""
        with translation.override(locale_code(self.locale_id)):
            return reverse("offers:detail", kwargs={"slug": self.slug})

    url = property(get_url)

    def get_preview_template(self, request, mode_name):
        return "offers/offer_detail.html"

    def get_preview_context(self, request, mode_name):
        from offers.views import offer_context

        if not self.slug:
            self.slug = self.unique_slug()
        return offer_context(self, request)

    @property
    def is_free(self):
        return self.cost is not None and self.cost == 0

    @cached_property
    def is_current(self):
        today = timezone.localdate()
        return self.live and not (
            (self.valid_until and self.valid_until < today)
            or (self.end_date and self.end_date < today)
        )

    @property
    def expires_on(self):
        dates = [date for date in (self.valid_until, self.end_date) if date]
        return min(dates) if dates else None

    def is_dated(self):
        return isinstance(self.start_date, datetime.date)
