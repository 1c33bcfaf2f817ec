"""`manage.py restore_content <quelle>`: restore a backup made by backup_content after
checking all of it; refuses a database with content unless --force (home/backups.py)."""

from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, describe_counts, restore_backup


class Command(BaseCommand):
    help = (
        "Stellt eine Sicherung von backup_content wieder her: prüft zuerst Prüfliste, "
        "Prüfsummen und Medienarchiv, spielt dann Datenbank und Mediendateien ein und führt "
        "die Migrationen aus."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Verzeichnis einer Sicherung von backup_content.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Auch in eine Datenbank mit Inhalten wiederherstellen; diese werden ersetzt.",
        )

    def handle(self, *args, source, force, **options):
        try:
            manifest, counts, previous_media = restore_backup(source, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Sicherung vom {manifest['created_at']} (Version {manifest['app_version']}) "
            "wiederhergestellt."
        )
        self.stdout.write(f"Gefunden: {describe_counts(counts)}.")
        if previous_media:
            self.stdout.write(
                f"Die bisherigen Mediendateien liegen jetzt in „{previous_media}“; bitte prüfen "
                "und dann löschen."
            )
        if counts != manifest["counts"]:
            raise CommandError(
                f"Die Sicherung nannte {describe_counts(manifest['counts'])}; gefunden wurden "
                "andere Zahlen. Bitte die Inhalte prüfen."
            )
        self.stdout.write(self.style.SUCCESS("Alle Inhalte der Sicherung sind vorhanden."))
