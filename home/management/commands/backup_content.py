"""`manage.py backup_content <ziel>`: save the database and the media files (original images,
documents) with a manifest into a new directory (home/backups.py)."""

from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, create_backup, describe_counts


class Command(BaseCommand):
    help = (
        "Sichert Datenbank und Mediendateien (Originalbilder, Dokumente) mit einer Prüfliste "
        "(manifest.json) in ein neues Verzeichnis."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target",
            help="Neues Verzeichnis für die Sicherung (darf nicht existieren oder muss leer sein).",
        )

    def handle(self, *args, target, **options):
        try:
            manifest = create_backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Sicherung angelegt: {target}"))
        self.stdout.write(f"Enthalten: {describe_counts(manifest['counts'])}.")
        self.stdout.write(
            f"Mediendateien: {manifest['media']['files']} (ohne Bildvarianten, die Wagtail "
            "neu erzeugt)."
        )
