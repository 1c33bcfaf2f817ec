"""python manage.py import_offers FILE [--dry-run] [--partial] [--locale de]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from offers.importing import run_import


class Command(BaseCommand):
    help = "Importiert Bildungsangebote aus CSV, JSON oder JSONL (siehe Import-Vertrag)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad zur .csv-, .json- oder .jsonl-Datei")
        parser.add_argument(
            "--dry-run", action="store_true", help="nur prüfen und berichten, nichts speichern"
        )
        parser.add_argument(
            "--partial", action="store_true", help="gültige Zeilen übernehmen, ungültige melden"
        )
        parser.add_argument("--locale", default=None, help="Sprache der Inhalte (Standard: de)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            self.stderr.write(f"Die Datei kann nicht gelesen werden: {error.strerror} ({path})")
            self.stdout.write("created=0 updated=0 unchanged=0 rejected=0")
            sys.exit(2)
        _run, report = run_import(
            data,
            path.name,
            source="command",
            dry_run=options["dry_run"],
            partial=options["partial"],
            locale_code=options["locale"],
        )
        self.stdout.write(report.as_text())
        if report.exit_code:
            sys.exit(report.exit_code)
