"""The Wörterbuch of plain language: hard words with a short explanation, and the page that
lists them A to Z."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from home.headless import HeadlessPreviewPageMixin

# German letters spelt out, so anchors stay readable ASCII: "Bär" -> "baer", not "bar".
GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
FORM_SEPARATORS = re.compile(r"[,;\n]")
ANCHOR_PREFIX = "wort-"  # the glossary page's id of an entry: "wort-antrag"


def anchor_slug(word):
    """The part of a glossary entry's anchor after ANCHOR_PREFIX, from the word itself."""
    return slugify(word.lower().translate(GERMAN_LETTERS))


class GlossaryEntry(TranslatableMixin, index.Indexed, models.Model):
    """A hard word and its plain explanation, for the Wörterbuch and plain-language pages."""

    word = models.CharField(
        _("Wort"),
        max_length=80,
        help_text=_("So, wie es im Wörterbuch stehen soll, z. B. „Antrag“."),
    )
    other_forms = models.CharField(
        _("Andere Formen des Wortes"),
        max_length=400,
        blank=True,
        help_text=_(
            "Durch Kommas getrennt, z. B. „Anträge, Antrags“. Auch diese Formen werden auf "
            "den Seiten in Leichter Sprache erklärt."
        ),
    )
    explanation = models.TextField(
        _("Erklärung in Leichter Sprache"),
        max_length=600,
        help_text=_("Kurze Sätze. Jeder Satz in eine eigene Zeile."),
    )
    slug = models.SlugField(_("Anker"), max_length=100, editable=False)

    panels = [FieldPanel("word"), FieldPanel("other_forms"), FieldPanel("explanation")]
    search_fields = [
        index.SearchField("word"),
        index.AutocompleteField("word"),
        index.SearchField("other_forms"),
        index.SearchField("explanation"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Wörterbuch-Eintrag")
        verbose_name_plural = _("Wörterbuch-Einträge")
        ordering = ["word"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.slug = anchor_slug(self.word)
        super().save(*args, **kwargs)

    @property
    def forms(self):
        """The word and its other forms, each once, as the editor wrote them."""
        forms, seen = [], set()
        for form in [self.word, *FORM_SEPARATORS.split(self.other_forms)]:
            form = " ".join(form.split())
            if form and form.lower() not in seen:
                seen.add(form.lower())
                forms.append(form)
        return forms

    @property
    def anchor(self):
        return f"{ANCHOR_PREFIX}{self.slug}"

    def clean(self):
        super().clean()
        self.slug = anchor_slug(self.word)
        if not self.slug:
            raise ValidationError({"word": _("Das Wort braucht mindestens einen Buchstaben.")})
        if (
            self.locale_id
            and GlossaryEntry.objects.filter(locale_id=self.locale_id, slug=self.slug)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"word": _("Dieses Wort steht schon im Wörterbuch.")})


class GlossaryPage(HeadlessPreviewPageMixin, Page):
    """The Wörterbuch page: every glossary entry of its language, A to Z, one anchor each."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = ["intro"]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Wörterbuch")

    def get_context(self, request, *args, **kwargs):
        from articles.glossary import letter_groups

        context = super().get_context(request, *args, **kwargs)
        context["letter_groups"] = letter_groups(
            GlossaryEntry.objects.filter(locale_id=self.locale_id)
        )
        return context
