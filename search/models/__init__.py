from .documents import IndexedWord, SearchDocument
from .querylog import QueryLogEntry
from .synonyms import Synonym

__all__ = ["IndexedWord", "QueryLogEntry", "SearchDocument", "Synonym"]
