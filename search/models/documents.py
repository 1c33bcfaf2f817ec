"""The search documents: one row per published page and per offer and locale, holding what the
result list shows and the analysed terms that every backend matches against."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class TermVectorField(models.TextField):
    """A ``tsvector`` column on PostgreSQL (GIN-indexed, ranked with ts_rank); plain text on
    SQLite, where the term strings are matched with LIKE instead."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchDocument(index.Indexed, models.Model):
    OFFER, PAGE = "offer", "page"
    KIND_CHOICES = [(OFFER, _("Angebot")), (PAGE, _("Seite"))]

    kind = models.CharField(max_length=5, choices=KIND_CHOICES)
    object_id = models.PositiveIntegerField()
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    page_type = models.CharField(max_length=100, blank=True)
    external_id = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    topics = models.TextField(blank=True)  # vocabulary names, plain text
    body = models.TextField(blank=True)  # plain text, for snippets
    url = models.CharField(max_length=500)
    sort_date = models.DateField(null=True, blank=True)  # pages: date; offers: next start
    title_folded = models.CharField(max_length=300, blank=True)  # autocomplete
    title_terms = models.TextField(blank=True)
    topic_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    vector = TermVectorField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # Elasticsearch/OpenSearch: the raw texts go through the German analysis chain of the
    # index settings; the *_terms fields carry the terms analysed in Python (compound parts,
    # folded stems), so every backend matches the same query plan.
    search_auto_update = False  # search.indexing sends documents to the cluster in bulk
    search_fields = [
        index.SearchField("title_terms", boost=5),
        index.SearchField("topic_terms", boost=3),
        index.SearchField("summary_terms", boost=2),
        index.SearchField("body_terms"),
        index.SearchField("title", boost=2),
        index.SearchField("topics", boost=1.5),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
        index.FilterField("object_id"),
    ]

    class Meta:
        verbose_name = _("Suchdokument")
        verbose_name_plural = _("Suchdokumente")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "locale"], name="search_document_unique_object"
            )
        ]
        indexes = [models.Index(fields=["locale", "kind", "sort_date"])]

    def __str__(self):
        return self.title


class IndexedWord(models.Model):
    """Every word the index holds, for typo suggestions: as written (lower case), folded
    (ä → a, ß → ss) for matching, and its stem."""

    word = models.CharField(max_length=100, unique=True)
    folded = models.CharField(max_length=100, db_index=True)
    stem = models.CharField(max_length=100, db_index=True)

    class Meta:
        verbose_name = _("Wort im Suchindex")
        verbose_name_plural = _("Wörter im Suchindex")

    def __str__(self):
        return self.word
