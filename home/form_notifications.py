"""Form notification mails through an outbox: a mail server that is down loses nothing.

Wagtail's AbstractEmailForm sends the notification inside the visitor's request, so an
unreachable mail server turns a stored submission into a 500 and the mail is gone. Here the
mail is written to `home.FormNotification` in the same transaction as the submission, and
delivered after the commit (by the worker, or inline without a broker or during a broker
outage: `bildung.celery.send_or_run`). What the mail server did not take stays unsent and is
retried every minute by the beat task `home.send_form_notifications` (or the command of the
same name from cron): the row survives a worker restart, a broker outage and a deploy, and a
delivered row is marked sent, so each mail goes out once."""

import logging
import smtplib

from django.db import transaction
from django.utils import timezone

from home.models.outbox import FormNotification

logger = logging.getLogger(__name__)
BATCH = 100


class QueuedNotificationMixin:
    """For AbstractEmailForm pages: the notification goes through the outbox."""

    def process_form_submission(self, form):
        with transaction.atomic():  # the submission and its notification, or neither
            return super().process_form_submission(form)

    def send_mail(self, form):
        FormNotification.objects.create(
            page=self,
            subject=self.subject,
            body=self.render_email(form),
            from_email=self.from_address,
            recipients=self.to_address,
        )
        transaction.on_commit(deliver_soon)


def deliver_soon():
    """Hand delivery to the worker (or run it here); the visitor's request never fails on it:
    what is not delivered now, the next scheduled run delivers."""
    from bildung.celery import send_or_run
    from home.tasks import send_form_notifications_task

    try:
        send_or_run(send_form_notifications_task)
    except Exception:
        logger.exception("Formular-Benachrichtigung nicht gesendet; sie bleibt im Ausgang")


def send_pending():
    """Send every unsent notification, oldest first; the number sent. Stops at the first
    mail the server does not take (it is down: the others would fail too) and leaves it and
    the rest for the next run."""
    sent = 0
    pending = FormNotification.objects.filter(sent_at=None).order_by("pk")
    for pk in pending.values_list("pk", flat=True)[:BATCH]:
        with transaction.atomic():
            # a concurrent run (the beat's and a submission's) skips the row this one sends
            notification = (
                FormNotification.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, sent_at=None)
                .first()
            )
            if notification is None:
                continue
            try:
                notification.message().send()
            except (smtplib.SMTPException, OSError) as error:
                notification.attempts += 1
                notification.last_error = str(error)[:1000]
                notification.save(update_fields=["attempts", "last_error"])
                logger.warning(
                    "Mailserver nicht erreichbar (%s): %s Formular-Benachrichtigung(en) "
                    "bleiben im Ausgang und werden erneut gesendet",
                    error,
                    pending.count(),
                )
                break
            notification.sent_at = timezone.now()
            notification.save(update_fields=["sent_at"])
            sent += 1
    return sent
