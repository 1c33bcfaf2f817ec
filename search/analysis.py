"""German text analysis shared by every search backend.

Index and query go through the same steps, so "Kindern" meets "Kinder", "Übergang" meets
"Uebergang" and "Ubergang", and "Garten" meets "Schulgarten":

1. fold: lower case, ß → ss, umlauts and their ae/oe/ue spellings → a/o/u, other accents off
   (the rules of Lucene's ``german_normalization`` filter);
2. stem with the Snowball German stemmer (PyStemmer; the algorithm PostgreSQL's ``german``
   configuration uses). It runs twice, because one pass leaves pairs such as Kurs → "kur"
   but Kurse → "kurs" apart;
3. split compounds with CharSplit (``compound-split``, n-gram statistics from German
   Wikipedia) and index the stems of the parts next to the stem of the whole word.

The database backends store the resulting terms; Elasticsearch and OpenSearch get the same
chain through their index settings (``search.backends``) and these terms as an extra field.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer
from compound_split import char_split

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# Lucene's GermanNormalizationFilter: "ue" is folded except after a vowel or q (Quelle, neue).
UE_RE = re.compile(r"(?<![aeiouäöüq])ue")
MIN_PART = 4  # compound parts shorter than this are noise ("Schul|garten" is fine, "Nach|t" not)
MIN_COMPOUND = 8
SPLIT_THRESHOLD = 0.2  # CharSplit score below which a split is more likely wrong than right
MAX_QUERY_TERMS = 12
# Prefixes CharSplit likes to cut off ("Über|gang", "Nach|hilfe"); as parts they match far too
# much, so they never become compound parts.
PREFIX_PARTS = frozenset(
    {
        "ab",
        "an",
        "auf",
        "aus",
        "bei",
        "durch",
        "ein",
        "fur",
        "gegen",
        "hinter",
        "mit",
        "nach",
        "neben",
        "uber",
        "um",
        "unter",
        "vor",
        "wieder",
        "zu",
        "zwischen",
    }
)

_stemmer = Stemmer.Stemmer("german")


def fold(text):
    """Lower case, ß → ss, ä/ae → a, ö/oe → o, ü/ue → u, accents removed."""
    text = text.lower().replace("ß", "ss")
    text = text.replace("ä", "a").replace("ö", "o").replace("ü", "u")
    text = text.replace("ae", "a").replace("oe", "o")
    text = UE_RE.sub("u", text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The words of a text, as written (for highlighting and compound splitting)."""
    return WORD_RE.findall(text or "")


@lru_cache(maxsize=100_000)
def stem(word):
    """The stem of one word: folded, Snowball German applied twice."""
    folded = fold(word)
    if folded.isdigit():
        return folded
    return _stemmer.stemWord(_stemmer.stemWord(folded))


@lru_cache(maxsize=50_000)
def compound_parts(word):
    """The parts of a German compound ("Schulgarten" → ("Schul", "Garten")), or ()."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    try:
        score, head, tail = char_split.split_compound(word.capitalize())[0]
    except (IndexError, ValueError, ZeroDivisionError):
        return ()
    if score < SPLIT_THRESHOLD or len(head) < MIN_PART or len(tail) < MIN_PART:
        return ()
    if fold(head) in PREFIX_PARTS:
        return ()
    # Long tails are often compounds themselves (Kinder|tagesstätte → Tages|stätte).
    return (head, tail, *compound_parts(tail))


@lru_cache(maxsize=100_000)
def word_terms(word):
    """Index terms of one word: its stem and the stems of its compound parts."""
    terms = [stem(word)]
    terms.extend(stem(part) for part in compound_parts(word))
    return tuple(dict.fromkeys(term for term in terms if term))


def terms(text):
    """Index terms of a text, in order, with repeats (repeats weigh in ranking)."""
    found = []
    for word in words(text):
        found.extend(word_terms(word))
    return found


def term_string(text):
    """Terms of a text as one space-separated string with a leading and trailing space, so a
    whole term can be found with LIKE '% term %' on any database."""
    found = terms(text)
    return f" {' '.join(found)} " if found else ""
