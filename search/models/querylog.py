"""A privacy-friendly log of search queries: the normalised query text, the day, how often it
was asked and how many results it found. No IP address, no cookie, no user, no time of day."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QueryLogEntry(models.Model):
    day = models.DateField(_("Tag"), db_index=True)
    query = models.CharField(_("Suchanfrage"), max_length=200)
    locale_code = models.CharField(_("Sprache"), max_length=20)
    hits = models.PositiveIntegerField(_("Anzahl Suchen"), default=0)
    results = models.PositiveIntegerField(_("Treffer (zuletzt)"), default=0)

    class Meta:
        verbose_name = _("Suchanfrage")
        verbose_name_plural = _("Suchanfragen")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "query", "locale_code"], name="search_querylog_unique_day_query"
            )
        ]

    def __str__(self):
        return self.query

    @classmethod
    def record(cls, query, locale_code, results):
        """Count one search. Queries are stored lower-cased and with single spaces."""
        query = " ".join(query.lower().split())[:200]
        if not query:
            return
        day = timezone.localdate()
        updated = cls.objects.filter(day=day, query=query, locale_code=locale_code).update(
            hits=F("hits") + 1, results=results
        )
        if not updated:
            _entry, created = cls.objects.get_or_create(
                day=day,
                query=query,
                locale_code=locale_code,
                defaults={"hits": 1, "results": results},
            )
            if not created:
                cls.objects.filter(pk=_entry.pk).update(hits=F("hits") + 1, results=results)
