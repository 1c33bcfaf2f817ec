"""python manage.py load_demo_content – builds the demo site; a second run changes nothing."""

import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
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
        self.import_demo_offers()
        plain_created = self.build_plain_language_versions()
        self.build_search_documents(rebuild_all=bool(created or plain_created))
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

    def build_search_documents(self, *, rebuild_all):
        """Pages published before the site root was set have no URL yet when the signal fires;
        after building (or on a database from before the search existed) index everything."""
        from search.indexing import rebuild
        from search.models import SearchDocument

        if rebuild_all or not SearchDocument.objects.exists():
            pages, offers = rebuild()
            self.stdout.write(f"Suchindex aufgebaut: {pages} Seiten, {offers} Angebote.")

    def build_plain_language_versions(self):
        """After the German pages and offers: their plain-language versions, made through
        wagtail-localize outside the atomic block, since it publishes on commit."""
        from home.demo.plain_language import build_plain_language_versions

        created = build_plain_language_versions()
        if created:
            self.stdout.write(f"Leichte Sprache angelegt: {created} Seiten und Angebote.")
        return created

    def import_demo_offers(self):
        """Load the demo offers through the offer import, as a provider's file would come."""
        from offers.demo.offers import demo_offer_rows
        from offers.models import Offer

        if Offer.objects.filter(external_id__startswith="demo-").exists():
            self.stdout.write("Demo-Angebote sind bereits vorhanden.")
            return
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "demo-angebote.json"
            path.write_text(json.dumps(demo_offer_rows(), ensure_ascii=False), encoding="utf-8")
            self.stdout.write("Demo-Angebote werden importiert: import_offers " + path.name)
            call_command("import_offers", str(path), stdout=self.stdout)
