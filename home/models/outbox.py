"""Notification mails of form submissions, kept until the mail server has taken them."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormNotification(models.Model):
    """The notification mail of one form submission; unsent while the mail server is down."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Formularseite"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("Betreff"), max_length=255)
    body = models.TextField(_("Text"))
    from_email = models.CharField(_("Absender"), max_length=255, blank=True)
    recipients = models.TextField(_("Empfänger (durch Komma getrennt)"))
    created_at = models.DateTimeField(_("Erstellt"), auto_now_add=True)
    sent_at = models.DateTimeField(_("Versendet"), null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(_("Fehlgeschlagene Versuche"), default=0)
    last_error = models.TextField(_("Letzter Fehler"), blank=True)

    class Meta:
        verbose_name = _("Formular-Benachrichtigung")
        verbose_name_plural = _("Formular-Benachrichtigungen")

    def __str__(self):
        return self.subject

    def message(self):
        return EmailMessage(
            self.subject,
            self.body,
            self.from_email or settings.DEFAULT_FROM_EMAIL,
            [address.strip() for address in self.recipients.split(",") if address.strip()],
            headers={"Auto-Submitted": "auto-generated"},
        )
