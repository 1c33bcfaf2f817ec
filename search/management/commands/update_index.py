"""`manage.py update_index`: rebuild the site search's documents from the pages and offers,
then let Wagtail rebuild its backends' indexes (Elasticsearch/OpenSearch included, with the
current compound word list and synonyms in the German analysis chain)."""

from django.conf import settings
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search.backends import analysis_words_and_synonyms, cluster
from search.cluster_config import german_index_settings
from search.indexing import rebuild


class Command(WagtailUpdateIndex):
    help = "Suchdokumente neu aufbauen und alle Suchindizes aktualisieren"

    def handle(self, **options):
        pages, offers = rebuild()
        if options.get("verbosity", 1):
            self.stdout.write(f"Suchdokumente: {pages} Seiten, {offers} Angebote")
        if cluster() is not None:
            words, synonyms = analysis_words_and_synonyms()
            # the backend reads its index settings when the command creates it
            settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_SETTINGS"] = german_index_settings(
                words, synonyms
            )
        super().handle(**options)
