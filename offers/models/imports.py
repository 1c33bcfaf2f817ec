"""A record of every offer import, so editors can read past reports in the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One run of the offer import (command, admin upload or background task)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wartet")
        DRY_RUN = "dry_run", _("Probelauf")
        DONE = "done", _("Importiert")
        REFUSED = "refused", _("Abgelehnt")
        FAILED = "failed", _("Datei unlesbar")

    filename = models.CharField(_("Datei"), max_length=255)
    source = models.CharField(_("Quelle"), max_length=20, default="command")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    locale_code = models.CharField(_("Sprache"), max_length=20, default="de")
    dry_run = models.BooleanField(_("Probelauf"), default=False)
    partial = models.BooleanField(_("Teilimport"), default=False)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created = models.PositiveIntegerField(_("neu"), default=0)
    updated = models.PositiveIntegerField(_("aktualisiert"), default=0)
    unchanged = models.PositiveIntegerField(_("unverändert"), default=0)
    rejected = models.PositiveIntegerField(_("abgelehnt"), default=0)
    report = models.TextField(_("Bericht"), blank=True)
    started_at = models.DateTimeField(_("Begonnen"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Beendet"), null=True, blank=True)

    class Meta:
        verbose_name = _("Angebotsimport")
        verbose_name_plural = _("Angebotsimporte")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"
