"""From the words a citizen types to a query plan every backend can run.

A plan is a list of groups that must all match (AND). A group is a list of alternatives, any
of which may match (OR); an alternative is a tuple of terms that must all occur (AND):

    "Sprachkurs Kita" → [
        [("sprachkur",), ("sprach", "kur")],                          # compound parts
        [("kita",), ("kindertagesstatt",), ("kindergart",), ...],    # editors' synonyms
    ]

Unknown words get close spellings from the index as extra alternatives (typo tolerance), and
the first close spelling becomes the "Meinten Sie …?" suggestion."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from rapidfuzz import fuzz, process

from search import analysis

# Words that carry no meaning for finding an offer; dropped from queries (not from the index).
STOPWORDS = frozenset(
    analysis.fold(word)
    for word in [
        "aber",
        "alle",
        "als",
        "am",
        "an",
        "auch",
        "auf",
        "aus",
        "bei",
        "bin",
        "bis",
        "da",
        "das",
        "dass",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "er",
        "es",
        "für",
        "gibt",
        "hat",
        "ich",
        "im",
        "in",
        "ist",
        "ja",
        "mit",
        "nach",
        "nicht",
        "noch",
        "oder",
        "sich",
        "sie",
        "sind",
        "so",
        "über",
        "um",
        "und",
        "uns",
        "von",
        "vor",
        "was",
        "wer",
        "wie",
        "wir",
        "wo",
        "zu",
        "zum",
        "zur",
    ]
)
FUZZY_MIN_SCORE = 80  # rapidfuzz ratio, 0–100
FUZZY_MAX = 3
VOCABULARY_TTL = 60


@dataclass
class QueryPlan:
    text: str
    groups: list = field(default_factory=list)
    # words the highlighter marks: folded surface words and their stems
    stems: set = field(default_factory=set)
    corrections: dict = field(default_factory=dict)  # typed word -> close known word
    fuzzy_terms: set = field(default_factory=set)  # terms only there for typo tolerance

    @property
    def empty(self):
        return not self.groups

    def suggestion(self):
        if not self.corrections:
            return None
        return " ".join(_like(word, self.corrections.get(word, word)) for word in self.text.split())

    def all_terms(self):
        return sorted({term for group in self.groups for alt in group for term in alt})

    def exact_terms(self):
        return [term for term in self.all_terms() if term not in self.fuzzy_terms]


def _like(typed, word):
    """`word` capitalised the way the citizen typed it (nouns stay capitalised)."""
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


def _synonyms():
    """(groups, words) of the editors' synonyms, cached until one changes: groups as
    [[terms of each variant], …] for the query plan, words as {folded: word} so that typos of
    a synonym ("Kindergarden") are corrected even when no text uses the word yet."""
    from search.models import Synonym
    from search.models.synonyms import CACHE_KEY

    cached = cache.get(CACHE_KEY)
    if cached is None:
        groups, words = [], {}
        for synonym in Synonym.objects.all():
            variants = [tuple(_meaningful(variant)) for variant in synonym.variant_list()]
            variants = [variant for variant in variants if variant]
            if len(variants) > 1:
                groups.append(variants)
            for word in analysis.words(synonym.variants):
                if len(word) >= 4 and word.isalpha():
                    words.setdefault(analysis.fold(word), word.lower())
        cached = (groups, words)
        cache.set(CACHE_KEY, cached, None)
    return cached


def synonym_groups():
    return _synonyms()[0]


def _meaningful(text):
    """Stems of the words of a text that are not stopwords."""
    return [
        analysis.stem(word) for word in analysis.words(text) if analysis.fold(word) not in STOPWORDS
    ]


def _vocabulary():
    key = "search:vocabulary"
    words = cache.get(key)
    if words is None:
        from search.models import IndexedWord

        words = dict(IndexedWord.objects.values_list("folded", "word"))
        cache.set(key, words, VOCABULARY_TTL)
    return words


def close_words(word):
    """Known words spelled like `word`, best first (PostgreSQL: pg_trgm; else rapidfuzz)."""
    folded = analysis.fold(word)
    if len(folded) < 4:
        return []
    if connection.vendor == "postgresql":
        from search.models import IndexedWord

        # pg_trgm's % operator (similarity above 0.3) uses the trigram index on the words
        candidates = dict(
            IndexedWord.objects.extra(  # noqa: S610 - constant SQL, value bound
                where=["folded %% %s"], params=[folded]
            ).values_list("folded", "word")[:50]
        )
    else:
        candidates = _vocabulary()
    candidates = {**_synonyms()[1], **candidates}
    matches = process.extract(
        folded, list(candidates), scorer=fuzz.ratio, limit=FUZZY_MAX, score_cutoff=FUZZY_MIN_SCORE
    )
    return [candidates[match] for match, _score, _index in matches if match != folded]


def known(word):
    """Whether the index holds this word or another form of it (same stem)."""
    from django.db.models import Q

    from search.models import IndexedWord

    if analysis.fold(word) in _synonyms()[1]:
        return True
    return IndexedWord.objects.filter(
        Q(folded=analysis.fold(word)) | Q(stem=analysis.stem(word))
    ).exists()


def build_plan(text, *, fuzzy=True):
    text = " ".join(text.split())
    plan = QueryPlan(text=text)
    typed = [word for word in analysis.words(text) if analysis.fold(word) not in STOPWORDS]
    typed = typed[: analysis.MAX_QUERY_TERMS]
    stems = [analysis.stem(word) for word in typed]
    synonyms = synonym_groups()
    position = 0
    while position < len(typed):
        word = typed[position]
        # the longest synonym variant that starts here (multi-word variants span words)
        match = None
        for variants in synonyms:
            for variant in variants:
                span = len(variant)
                if tuple(stems[position : position + span]) == variant and (
                    match is None or span > len(match[1])
                ):
                    match = (variants, variant)
        if match:
            variants, variant = match
            group = [tuple(alt) for alt in variants]
            plan.groups.append(group)
            plan.stems.update(term for alt in group for term in alt)
            position += len(variant)
            continue
        group = [(stems[position],)]
        parts = analysis.compound_parts(word)
        if parts:
            group.append(tuple(dict.fromkeys(analysis.stem(part) for part in parts)))
        if fuzzy and word.isalpha() and not known(word):
            for close in close_words(word):
                close_stem = analysis.stem(close)
                # a corrected synonym brings its group ("Kindergarden" → Kita, Kindertagesstätte)
                expanded = next((v for v in synonyms if (close_stem,) in v), [(close_stem,)])
                for alternative in expanded:
                    if alternative not in group:
                        group.append(alternative)
                        plan.fuzzy_terms.update(alternative)
                plan.corrections.setdefault(word, close)
        plan.groups.append(group)
        plan.stems.update(term for alt in group for term in alt)
        position += 1
    return plan
