"""The shared vocabulary: topics, life phases and audiences, used by pages and offers alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class VocabularyTerm(TranslatableMixin, index.Indexed, models.Model):
    slug = models.SlugField(_("Kürzel"), max_length=80)
    name = models.CharField(_("Name"), max_length=120)
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Topic(VocabularyTerm):
    """A topic (Thema) such as BNE or MINT that editors tag news, topic pages and offers with."""

    description = models.TextField(_("Kurzbeschreibung"), blank=True)

    panels = [*VocabularyTerm.panels, FieldPanel("description")]

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")


class LifePhase(VocabularyTerm):
    """A phase of life (Lebensphase) such as Frühe Kindheit, used to narrow offers."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("Lebensphase")
        verbose_name_plural = _("Lebensphasen")


class Audience(VocabularyTerm):
    """An audience (Zielgruppe) such as Eltern or Lehrkräfte."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
