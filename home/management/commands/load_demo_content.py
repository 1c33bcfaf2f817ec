"""python manage.py load_demo_content – builds the demo site; a second run changes nothing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.builder import DemoBuilder

DEMO_ADMIN = ("admin", "bildung-demo")


class Command(BaseCommand):
    help = "Lädt Demo-Inhalte (idempotent: vorhandene Inhalte bleiben unverändert)."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = DemoBuilder().build()
        if created:
            self.stdout.write(f"Demo-Inhalte angelegt: {created} Objekte.")
        else:
            self.stdout.write("Demo-Inhalte sind bereits vorhanden.")
        self.stdout.write("Website:  http://127.0.0.1:8000/")
        self.stdout.write("Redaktion: http://127.0.0.1:8000/admin/")
        if settings.DEBUG:
            username, password = DEMO_ADMIN
            user, new = get_user_model().objects.get_or_create(
                username=username,
                defaults={"email": "admin@example.org", "is_staff": True, "is_superuser": True},
            )
            if new:
                user.set_password(password)
                user.save()
            self.stdout.write(
                f"Demo-Zugang (nur mit DEBUG): Benutzer „{username}“, Passwort „{password}“"
            )
        else:
            self.stdout.write(
                "Ohne DEBUG wird kein Demo-Zugang angelegt. Einen Zugang anlegen: "
                "python manage.py createsuperuser"
            )
