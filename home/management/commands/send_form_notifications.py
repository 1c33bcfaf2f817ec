"""Send the form notifications still in the outbox (for cron where no Celery beat runs)."""

from django.core.management.base import BaseCommand

from home.form_notifications import send_pending


class Command(BaseCommand):
    help = "Sendet Formular-Benachrichtigungen, die der Mailserver noch nicht angenommen hat."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_pending()} Benachrichtigung(en) gesendet")
