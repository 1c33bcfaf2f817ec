"""Synonyms and abbreviations that editors maintain ("BNE = Bildung für nachhaltige
Entwicklung"). A search for any variant of a group also finds the others."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

CACHE_KEY = "search:synonym-groups"


class Synonym(models.Model):
    variants = models.TextField(
        _("Begriffe mit gleicher Bedeutung"),
        help_text=_(
            "Durch Kommas getrennt, z. B. „Kita, Kindertagesstätte, Kindergarten“. Eine Suche "
            "nach einem der Begriffe findet auch die anderen. Abkürzungen und Mehrwortbegriffe "
            "sind erlaubt."
        ),
    )
    note = models.CharField(_("Notiz für die Redaktion"), max_length=200, blank=True)

    panels = [FieldPanel("variants"), FieldPanel("note")]

    class Meta:
        verbose_name = _("Synonym")
        verbose_name_plural = _("Synonyme und Abkürzungen")
        ordering = ["variants"]

    def __str__(self):
        return self.variants

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(CACHE_KEY)
        return result

    def variant_list(self):
        return [variant.strip() for variant in self.variants.split(",") if variant.strip()]

    def clean(self):
        if len(self.variant_list()) < 2:
            raise ValidationError(
                {"variants": _("Bitte mindestens zwei Begriffe durch Komma getrennt angeben.")}
            )
        too_long = [variant for variant in self.variant_list() if len(variant) > 100]
        if too_long:
            raise ValidationError({"variants": _("Ein Begriff darf höchstens 100 Zeichen haben.")})
