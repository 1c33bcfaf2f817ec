"""Writing check for plain language (Leichte Sprache): hints for translators, never a block.

``check_text(text)`` reads a German text sentence by sentence and returns ``Finding``s, one per
place that breaks a rule of the Netzwerk Leichte Sprache; ``readability(text)`` scores the text
with textstat (Flesch reading ease with Amstad's German constants, Wiener Sachtextformel);
``build_report(parts)`` combines both for a page or an offer.

Every rule is a heuristic over word lists and regular expressions, without a parser. They are
tuned to rather say too much than too little, because a translator reads each hint and decides:

- sentences are split at . ! ? followed by a space, and at line breaks, but not after known
  abbreviations ("z. B.", "bzw."), single letters or numbers ("am 1. Februar"). A sentence that
  ends in a number or an abbreviation therefore runs on into the next one;
- passive: a form of "werden" and a past participle in the same clause (between commas).
  Participles are words written in lower case with ge-…-t/-en ("gefördert", "gegeben"), with a
  separable prefix before "ge" ("angeboten", "eingeladen"), on -iert, or with an inseparable
  prefix on -t ("bezahlt", "verschickt"). Infinitives that start with "ge" ("geben", "gehen")
  are excepted, so the future tense ("wird geben") is not taken for a passive;
- genitive: "des"/"eines" + noun, a genitive preposition ("wegen", "trotz" …) followed by a
  genitive article, and "der" between two nouns ("die Anmeldung der Kinder"). "Wegen dem", the
  dative that Leichte Sprache recommends, is not flagged; "der" after a noun can be a dative;
- subjunctive: the forms of Konjunktiv II (würde, hätte, wäre, könnte, sollte, müsste …) and of
  Konjunktiv I used in reported speech (sei, könne, müsse …); "habe", "werde" and "gebe" are
  only flagged without "ich" next to them, "Seien Sie" (polite imperative) is not flagged;
- abbreviations: a list of dotted abbreviations with what to write instead, and words of two to
  five capitals that are not in ``KNOWN_ACRONYMS``;
- numbers: dates with dots (01.02.2026), percentages, fractions, Roman numerals (II to
  XXXIX, letters I, V, X only, so "CD" or "XL" are not numbers) and numbers of five digits or
  more without a thousands separator. Years and other four-digit numbers are fine, and so are
  numbers that start with 0 (telephone) and five digits followed by a place name (postcode).
- glossary words are matched by the stem of each word (search.analysis.stem), so "Anträge"
  and "Antrags" meet the glossary word "Antrag"; words split with · or - are joined first.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from search.analysis import compound_parts, stem

MAX_SENTENCE_WORDS = 15
MAX_WORD_LETTERS = 14
MIN_ACRONYM_LETTERS = 2
MAX_ACRONYM_LETTERS = 5
MIN_LARGE_NUMBER_DIGITS = 5  # 10000 and more; four digits are usually years
MEDIOPUNKT = "·"

# Flesch reading ease for German (Amstad): 0 (very hard) to 100 (very easy).
FLESCH_VERDICTS = (
    (80, _("sehr leicht")),
    (70, _("leicht")),
    (60, _("mittelschwer")),
    (50, _("ziemlich schwer")),
    (30, _("schwer")),
)
FLESCH_VERDICT_HARDEST = _("sehr schwer")
TARGET_FLESCH_AMSTAD = 70  # "leicht" and better
WIENER_SACHTEXTFORMEL_VARIANT = 1  # the variant for non-fiction prose
SCORE_DIGITS = 1
# textstat counts headings and labels of one or two words as words but not as sentences;
# left in, they would make the sentences look longer than they are.
MIN_SCORED_SENTENCE_WORDS = 3


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    advice: str


LONG_SENTENCE = "long_sentence"
LONG_WORD = "long_word"
PASSIVE = "passive"
NEGATION = "negation"
GENITIVE = "genitive"
SUBJUNCTIVE = "subjunctive"
ABBREVIATION = "abbreviation"
NUMBER = "number"
GLOSSARY = "glossary"

RULES = {
    rule.code: rule
    for rule in (
        Rule(
            LONG_SENTENCE,
            _("Lange Sätze"),
            format_lazy(
                _(
                    "Schreiben Sie kurze Sätze mit höchstens {limit} Wörtern. "
                    "Jeder Satz sagt nur eine Sache."
                ),
                limit=MAX_SENTENCE_WORDS,
            ),
        ),
        Rule(
            LONG_WORD,
            _("Lange Wörter"),
            _(
                "Trennen Sie lange Wörter mit dem Medio·punkt oder mit einem Binde-Strich, "
                "oder nehmen Sie ein kürzeres Wort."
            ),
        ),
        Rule(
            PASSIVE,
            _("Passiv"),
            _(
                "Schreiben Sie aktiv und sagen Sie, wer etwas tut: „Das Amt prüft den Antrag.“ "
                "statt „Der Antrag wird geprüft.“"
            ),
        ),
        Rule(
            NEGATION,
            _("Verneinungen"),
            _(
                "Schreiben Sie positiv, wenn es geht: „Bleiben Sie ruhig.“ statt „Seien Sie "
                "nicht nervös.“ Eine nötige Verneinung können Sie fett schreiben."
            ),
        ),
        Rule(
            GENITIVE,
            _("Genitiv"),
            _(
                "Schreiben Sie „von dem“ oder „von der“: „das Büro von dem Amt“ statt „das "
                "Büro des Amtes“, „wegen dem Regen“ statt „wegen des Regens“."
            ),
        ),
        Rule(
            SUBJUNCTIVE,
            _("Konjunktiv"),
            _(
                "Schreiben Sie, was ist: „Sie können kommen.“ statt „Sie könnten kommen.“ "
                "Geben Sie Aussagen direkt wieder: „Frau Meier sagt: Das ist gut.“"
            ),
        ),
        Rule(
            ABBREVIATION,
            _("Abkürzungen"),
            _(
                "Schreiben Sie Wörter aus. Eine bekannte Abkürzung erklären Sie beim ersten "
                "Mal: „Volks·hoch·schule (VHS)“."
            ),
        ),
        Rule(
            NUMBER,
            _("Schwere Zahlen"),
            _(
                "Schreiben Sie große Zahlen mit Punkt (10.000) und Daten mit dem Monat als "
                "Wort (1. Februar 2026). Statt Prozent und Brüchen: „viele“, „wenige“ oder "
                "„1 von 4“. Statt römischer Zahlen: 1, 2, 3."
            ),
        ),
        Rule(
            GLOSSARY,
            _("Schwere Wörter"),
            _(
                "Erklären Sie das Wort, wenn es zum ersten Mal vorkommt, oder nehmen Sie ein "
                "einfacheres Wort."
            ),
        ),
    )
}


@dataclass(frozen=True)
class Finding:
    """One hint: which rule, a message for the translator, the words it is about, the sentence
    they stand in, a suggestion where one can be made, and the field (``source``) in a report."""

    rule: str
    message: str
    excerpt: str
    sentence: str
    suggestion: str = ""
    source: str = ""


@dataclass(frozen=True)
class Readability:
    """Scores of a text; both are None for a text without sentences."""

    flesch_amstad: float | None
    wiener_sachtextformel: float | None
    verdict: str

    @property
    def meets_target(self):
        return self.flesch_amstad is not None and self.flesch_amstad >= TARGET_FLESCH_AMSTAD


@dataclass(frozen=True)
class Report:
    """Findings and scores of one text (a page, an offer)."""

    findings: tuple[Finding, ...]
    readability: Readability

    def __len__(self):
        return len(self.findings)

    def groups(self):
        """(Rule, findings) per rule that has findings, in the order of ``RULES``."""
        grouped = {code: [] for code in RULES}
        for finding in self.findings:
            grouped[finding.rule].append(finding)
        return [(RULES[code], found) for code, found in grouped.items() if found]


# --- text into sentences and words -----------------------------------------------------------

URL_OR_EMAIL_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
MASK = "\ue000"  # a character that is no letter, digit or space: masked text matches no rule
SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'“”„»«)\]]*\s+")
# A sentence may go on after these words and a dot (their lower-case form).
NON_FINAL_TOKENS = frozenset(
    {
        "abs",
        "bspw",
        "bzw",
        "ca",
        "dr",
        "etc",
        "evtl",
        "fr",
        "ggf",
        "hr",
        "inkl",
        "jh",
        "max",
        "mind",
        "mio",
        "mrd",
        "nr",
        "prof",
        "sog",
        "str",
        "tel",
        "usw",
        "vgl",
        "zzgl",
    }
)
TOKEN_BEFORE_DOT_RE = re.compile(r"([^\W_]+)[.!?…]+[\"'“”„»«)\]]*$")
WORD_RE = re.compile(r"[^\W\d_]+(?:[-·‧][^\W\d_]+)*")  # letters; may be split with - or ·
COUNTED_WORD_RE = re.compile(r"[^\W_]+(?:[-·‧.,][^\W_]+)*")  # words and numbers ("10.000")
CLAUSE_BREAK_RE = re.compile(r"[,;:–—()]")
SPLIT_MARKS = "-·‧"


def _mask_addresses(text):
    return URL_OR_EMAIL_RE.sub(lambda match: MASK * len(match.group()), text)


def _ends_sentence(before, after):
    if after[:1].islower():
        return False
    last = TOKEN_BEFORE_DOT_RE.search(before)
    if last and before.rstrip()[-1] == ".":
        token = last.group(1)
        if token.isdigit() or len(token) == 1 or token.lower() in NON_FINAL_TOKENS:
            return False
    return True


def sentences(text):
    """The sentences of a text; every line break ends one (headings, list items, cells)."""
    found = []
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        start = 0
        for match in SENTENCE_END_RE.finditer(line):
            if _ends_sentence(line[start : match.end()].rstrip(), line[match.end() :]):
                found.append(line[start : match.end()].strip())
                start = match.end()
        if line[start:].strip():
            found.append(line[start:].strip())
    return found


def count_words(sentence):
    return len(COUNTED_WORD_RE.findall(_mask_addresses(sentence)))


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    first: bool  # the first word of its sentence (capitalised anyway)

    @property
    def lower(self):
        return self.text.lower()

    @property
    def capitalised(self):
        return self.text[:1].isupper()


def _tokens(masked_sentence):
    return [
        _Token(match.group(), match.start(), match.end(), index == 0)
        for index, match in enumerate(WORD_RE.finditer(masked_sentence))
    ]


def _joined(word):
    return "".join(char for char in word if char not in SPLIT_MARKS)


# --- the rules -------------------------------------------------------------------------------


def _long_sentence(sentence, masked, tokens):
    words = count_words(sentence)
    if words > MAX_SENTENCE_WORDS:
        yield Finding(
            LONG_SENTENCE,
            format_lazy(
                _("Der Satz hat {count} Wörter. Schreiben Sie höchstens {limit} Wörter."),
                count=words,
                limit=MAX_SENTENCE_WORDS,
            ),
            sentence,
            sentence,
        )


def _compound_split(word):
    """The parts of a compound as written ("Bildungsangebot" → ["Bildungs", "angebot"]), found
    with the search's compound splitter; each part is split again while it can be."""
    parts = compound_parts(word)
    if not parts:
        return [word]
    tail = parts[1]
    cut = len(word) - len(tail)
    if cut <= 0 or word[cut:].lower() != tail.lower():
        return [word]
    return _compound_split(word[:cut]) + _compound_split(word[cut:])


def split_suggestion(word):
    """The word split with Mediopunkten ("Bildungs·angebot"), or "" when no split is known."""
    parts = _compound_split(word)
    if len(parts) < 2:
        return ""
    return MEDIOPUNKT.join([parts[0], *(part.lower() for part in parts[1:])])


def _long_word(sentence, masked, tokens):
    for token in tokens:
        if any(mark in token.text for mark in SPLIT_MARKS) or len(token.text) <= MAX_WORD_LETTERS:
            continue
        suggestion = split_suggestion(token.text)
        message = (
            _("Das Wort ist lang. Trennen Sie es mit Medio·punkt oder Binde-Strich.")
            if suggestion
            else _("Das Wort ist lang. Trennen Sie es oder nehmen Sie ein kürzeres Wort.")
        )
        yield Finding(LONG_WORD, message, token.text, sentence, suggestion)


WERDEN_FORMS = frozenset(
    {
        "werde",
        "wirst",
        "wird",
        "werden",
        "werdet",
        "wurde",
        "wurdest",
        "wurden",
        "wurdet",
        "worden",
        "würde",
        "würden",
        "würdest",
        "würdet",
    }
)
SEPARABLE_PREFIXES = (
    "ab",
    "an",
    "auf",
    "aus",
    "bei",
    "dar",
    "ein",
    "fest",
    "frei",
    "her",
    "hin",
    "los",
    "mit",
    "nach",
    "statt",
    "teil",
    "vor",
    "weg",
    "weiter",
    "zu",
    "zurück",
    "zusammen",
)
INSEPARABLE_PREFIXES = (
    "be",
    "emp",
    "ent",
    "er",
    "ge",
    "hinter",
    "miss",
    "über",
    "unter",
    "ver",
    "wider",
    "zer",
)
# Infinitives that look like ge-participles ("Es wird Angebote geben." is no passive).
GE_INFINITIVES = frozenset(
    {
        "gebären",
        "geben",
        "gedenken",
        "gefallen",
        "gehen",
        "gehorchen",
        "gehören",
        "gelangen",
        "gelingen",
        "gelten",
        "genehmigen",
        "genesen",
        "genießen",
        "genügen",
        "geraten",
        "geschehen",
        "gestalten",
        "gestehen",
        "gewähren",
        "gewinnen",
        "gewöhnen",
    }
)
# Beginnings of adverbs and adjectives that look like participles ("wird bestimmt", "werden
# gemeinsamen …").
NOT_PARTICIPLE_STARTS = (
    "bekannt",
    "bereit",
    "besonder",
    "bestimmt",
    "gegen",
    "gelb",
    "gemeinsam",
    "gemütlich",
    "genau",
    "genug",
    "gerade",
    "gering",
    "gern",
    "gerecht",
    "gesamt",
    "gestern",
    "gesund",
    "gewiss",
)
# Strong participles of verbs with an inseparable prefix, which have no "ge" to find them by.
STRONG_PARTICIPLES = frozenset(
    {
        "begonnen",
        "beschlossen",
        "beschrieben",
        "besprochen",
        "betroffen",
        "empfohlen",
        "entnommen",
        "entschieden",
        "überwiesen",
        "übernommen",
        "unternommen",
        "unterschrieben",
        "verboten",
        "verliehen",
        "vermieden",
        "versprochen",
        "verstanden",
    }
)
MIN_PARTICIPLE_LETTERS = 5


def _is_participle(token):
    word = token.lower
    if token.capitalised or len(word) < MIN_PARTICIPLE_LETTERS:
        return False
    if word in STRONG_PARTICIPLES or word.endswith("iert"):
        return True
    if word in GE_INFINITIVES or word.startswith(NOT_PARTICIPLE_STARTS):
        return False
    ge_form = word
    for prefix in SEPARABLE_PREFIXES:
        if word.startswith(prefix + "ge"):
            ge_form = word[len(prefix) :]
            break
    if ge_form.startswith("ge") and ge_form.endswith(("t", "en")):
        return len(ge_form) >= MIN_PARTICIPLE_LETTERS
    return word.startswith(INSEPARABLE_PREFIXES) and word.endswith("t") and len(word) > 5


def _clauses(tokens, masked):
    """Tokens grouped by the clause they stand in (commas, semicolons, dashes, brackets)."""
    clause, clauses, position = [], [], 0
    for token in tokens:
        if CLAUSE_BREAK_RE.search(masked, position, token.start):
            clauses.append(clause)
            clause = []
        clause.append(token)
        position = token.end
    clauses.append(clause)
    return clauses


def _passive(sentence, masked, tokens):
    for clause in _clauses(tokens, masked):
        auxiliaries = [token for token in clause if token.lower in WERDEN_FORMS]
        participles = [token for token in clause if _is_participle(token)]
        if not (auxiliaries and participles):
            continue
        first, last = sorted((auxiliaries[0], participles[-1]), key=lambda token: token.start)
        between = masked[first.end : last.start].strip()
        excerpt = f"{first.text} … {last.text}" if between else f"{first.text} {last.text}"
        yield Finding(
            PASSIVE,
            _("Passiv. Schreiben Sie, wer etwas tut."),
            excerpt,
            sentence,
        )


NEGATIONS = frozenset(
    {
        "kein",
        "keine",
        "keinem",
        "keinen",
        "keiner",
        "keines",
        "nicht",
        "nichts",
        "nie",
        "niemals",
        "niemand",
        "niemandem",
        "niemanden",
        "nirgends",
        "nirgendwo",
        "ohne",
        "weder",
    }
)


def _negation(sentence, masked, tokens):
    for token in tokens:
        if token.lower in NEGATIONS:
            yield Finding(
                NEGATION,
                _("Verneinung. Schreiben Sie positiv, wenn es geht."),
                token.text,
                sentence,
            )


GENITIVE_ARTICLES = frozenset(
    {"des", "eines", "meines", "deines", "seines", "ihres", "unseres", "eures", "dieses"}
)
GENITIVE_PREPOSITIONS = frozenset(
    {
        "abseits",
        "angesichts",
        "anhand",
        "anlässlich",
        "anstatt",
        "aufgrund",
        "außerhalb",
        "bezüglich",
        "hinsichtlich",
        "infolge",
        "innerhalb",
        "mangels",
        "mithilfe",
        "mittels",
        "oberhalb",
        "seitens",
        "statt",
        "trotz",
        "unterhalb",
        "während",
        "wegen",
        "zugunsten",
        "zwecks",
    }
)
# After a genitive preposition these start a genitive; "der" and "einer" as well (feminine).
GENITIVE_AFTER_PREPOSITION = GENITIVE_ARTICLES | {"der", "einer", "meiner", "ihrer", "unserer"}
MAX_NOUN_PHRASE_WORDS = 4


def _noun_phrase_end(tokens, start):
    """Index of the first capitalised word from ``start`` on (the noun), within a few words."""
    for index in range(start, min(start + MAX_NOUN_PHRASE_WORDS, len(tokens))):
        if tokens[index].capitalised:
            return index
    return None


# Capitalised words before "der" that are no nouns ("Zeigen Sie der Lehrerin …" is a dative).
NOT_NOUNS = frozenset({"Sie", "Ihnen", "Ihr", "Ihre", "Ihrem", "Ihren", "Ihrer", "Ihres"})


def _follows_noun(tokens, index, masked):
    previous = tokens[index - 1] if index > 0 else None
    return (
        previous is not None
        and previous.capitalised
        and not previous.first
        and previous.text not in NOT_NOUNS
        and not CLAUSE_BREAK_RE.search(masked, previous.end, tokens[index].start)
    )


def _starts_genitive(tokens, index, masked):
    token = tokens[index]
    following = tokens[index + 1].lower if index + 1 < len(tokens) else None
    if token.lower in GENITIVE_PREPOSITIONS:
        return following in GENITIVE_AFTER_PREPOSITION
    if token.lower in GENITIVE_ARTICLES:
        return following is not None
    return token.lower == "der" and _follows_noun(tokens, index, masked)


def _genitive(sentence, masked, tokens):
    index = 0
    while index < len(tokens):
        end = None
        if _starts_genitive(tokens, index, masked):
            end = _noun_phrase_end(tokens, index + 1)
        if end is None:
            index += 1
            continue
        yield Finding(
            GENITIVE,
            _("Genitiv. Schreiben Sie „von dem“ oder „von der“."),
            masked[tokens[index].start : tokens[end].end],
            sentence,
        )
        index = end + 1


SUBJUNCTIVES = frozenset(
    {
        # Konjunktiv II
        "bräuchte",
        "bräuchten",
        "dürfte",
        "dürften",
        "gäbe",
        "gäben",
        "hätte",
        "hätten",
        "hättest",
        "hättet",
        "käme",
        "kämen",
        "könnte",
        "könnten",
        "könntest",
        "könntet",
        "müsste",
        "müssten",
        "müsstest",
        "müsstet",
        "sollte",
        "sollten",
        "solltest",
        "solltet",
        "wäre",
        "wären",
        "wärest",
        "wärst",
        "wäret",
        "würde",
        "würden",
        "würdest",
        "würdet",
        # Konjunktiv I (reported speech)
        "dürfe",
        "könne",
        "müsse",
        "sei",
        "seiest",
        "seien",
        "solle",
        "wolle",
    }
)
# Konjunktiv I forms that are indicative with "ich" ("ich habe", "habe ich").
FIRST_PERSON_SUBJUNCTIVES = frozenset({"habe", "werde", "gebe"})


def _is_subjunctive(tokens, index):
    word = tokens[index].lower
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if word in FIRST_PERSON_SUBJUNCTIVES:
        preceding = tokens[index - 1].lower if index > 0 else ""
        return "ich" not in {preceding, following.lower()}
    if word == "seien" and following in {"Sie", "wir"}:
        return False  # polite imperative: "Seien Sie pünktlich."
    return word in SUBJUNCTIVES


def _subjunctive(sentence, masked, tokens):
    for index, token in enumerate(tokens):
        if not _is_subjunctive(tokens, index):
            continue
        yield Finding(
            SUBJUNCTIVE,
            _("Konjunktiv. Schreiben Sie, was ist."),
            token.text,
            sentence,
        )


# Abbreviations with a dot and what to write instead; parts may be written with or without a
# space ("z. B.", "z.B.").
DOTTED_ABBREVIATIONS = {
    "Abs.": "Absatz",
    "bspw.": "zum Beispiel",
    "bzw.": "oder",
    "ca.": "ungefähr",
    "d. h.": "das heißt",
    "etc.": "und so weiter",
    "evtl.": "vielleicht",
    "ggf.": "wenn nötig",
    "i. d. R.": "meistens",
    "inkl.": "mit",
    "max.": "höchstens",
    "mind.": "mindestens",
    "Mio.": "Millionen",
    "Mrd.": "Milliarden",
    "Nr.": "Nummer",
    "o. Ä.": "oder so ähnlich",
    "s. o.": "siehe oben",
    "s. u.": "siehe unten",
    "sog.": "so genannt",
    "Str.": "Straße",
    "Tel.": "Telefon",
    "u. a.": "unter anderem",
    "u. U.": "vielleicht",
    "usw.": "und so weiter",
    "vgl.": "siehe",
    "z. B.": "zum Beispiel",
    "z. T.": "zum Teil",
    "zzgl.": "dazu kommt",
}
WEEKDAY_ABBREVIATIONS = {
    "Mo.": "Montag",
    "Di.": "Dienstag",
    "Mi.": "Mittwoch",
    "Do.": "Donnerstag",
    "Fr.": "Freitag (oder: Frau)",
    "Sa.": "Samstag",
    "So.": "Sonntag",
}
# Capitals that readers know as words; everything else of 2-5 capitals is flagged.
KNOWN_ACRONYMS = frozenset(
    {"ABC", "CD", "DVD", "EU", "ICE", "OK", "PC", "PDF", "SMS", "TV", "USA", "USB", "WC", "WLAN"}
)
ACRONYM_EXPANSIONS = {
    "AG": "Arbeits·gruppe",
    "BNE": "Bildung für nachhaltige Entwicklung",
    "DGS": "Deutsche Gebärden·sprache",
    "ÖPNV": "Bus und Bahn",
    "PLZ": "Post·leit·zahl",
    "VHS": "Volks·hoch·schule",
}
ACRONYM_RE = re.compile(
    rf"(?<![\w{MASK}])[A-ZÄÖÜ]{{{MIN_ACRONYM_LETTERS},{MAX_ACRONYM_LETTERS}}}(?![\w{MASK}])"
)


def _abbreviation_pattern(abbreviation):
    """ "z. B." → z.B., z. B., and Z. B. at the start of a sentence (not "Max." mid-sentence)."""
    parts = [re.escape(part) for part in abbreviation.replace(" ", "").split(".") if part]
    first, rest = parts[0][0], parts[0][1:]
    start = rf"(?<![\w.]){first}"
    if first.islower():
        start = rf"(?:^{first.upper()}|{start})"
    return start + r"\.\s?".join([rest, *parts[1:]]) + r"\."


ABBREVIATION_PATTERNS = [
    (re.compile(_abbreviation_pattern(abbreviation)), expansion)
    for abbreviation, expansion in (DOTTED_ABBREVIATIONS | WEEKDAY_ABBREVIATIONS).items()
]


def _abbreviation(sentence, masked, tokens):
    found = []
    for pattern, expansion in ABBREVIATION_PATTERNS:
        found.extend(
            (match.start(), match.group(), expansion) for match in pattern.finditer(masked)
        )
    for match in ACRONYM_RE.finditer(masked):
        word = match.group()
        if word not in KNOWN_ACRONYMS and not ROMAN_RE.fullmatch(word):
            found.append((match.start(), word, ACRONYM_EXPANSIONS.get(word, "")))
    for _start, excerpt, expansion in sorted(found):
        yield Finding(
            ABBREVIATION,
            _("Abkürzung. Schreiben Sie das Wort aus."),
            excerpt,
            sentence,
            expansion,
        )


MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
DATE_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?![\d])")
PERCENT_RE = re.compile(r"(?<![\d,.])(\d+(?:,\d+)?)\s?(?:%|Prozent\b|v\.\s?H\.)")
FRACTION_RE = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?![\d/])|([½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])")
VULGAR_FRACTIONS = {
    "½": (1, 2),
    "⅓": (1, 3),
    "⅔": (2, 3),
    "¼": (1, 4),
    "¾": (3, 4),
    "⅕": (1, 5),
    "⅖": (2, 5),
    "⅗": (3, 5),
    "⅘": (4, 5),
    "⅙": (1, 6),
    "⅚": (5, 6),
    "⅛": (1, 8),
    "⅜": (3, 8),
    "⅝": (5, 8),
    "⅞": (7, 8),
}
ROMAN_RE = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
ROMAN_TOKEN_RE = re.compile(r"(?<![\w.])[IVX]{2,}(?![\w])")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# Not inside a number, nor after a group of digits (telephone numbers: "0391 5401234").
LARGE_NUMBER_RE = re.compile(
    rf"(?<![\d.,/+])(?<!\d\s)[1-9]\d{{{MIN_LARGE_NUMBER_DIGITS - 1},}}(?!\d|[.,]\d)"
)
PLACE_AFTER_RE = re.compile(r"\s+[A-ZÄÖÜ][a-zäöüß]")
PERCENT_WORDS = {
    "10": "1 von 10",
    "20": "1 von 5",
    "25": "1 von 4",
    "50": "die Hälfte",
    "75": "3 von 4",
    "100": "alle",
}


def _roman_value(numeral):
    total = 0
    for index, letter in enumerate(numeral):
        value = ROMAN_VALUES[letter]
        following = ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _date_suggestion(match):
    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    text = f"{day}. {MONTHS[month - 1]}"
    if year:
        text += f" {int(year) + 2000 if len(year) == 2 else year}"
    return text


def _fraction_suggestion(numerator, denominator):
    if (numerator, denominator) == (1, 2):
        return "die Hälfte"
    return f"{numerator} von {denominator}"


def _is_postcode(masked, match):
    """Five digits before a place, at the start or after a comma: "Markt 6, 39104 Magdeburg"."""
    before = masked[: match.start()].rstrip()
    return (
        len(match.group()) == MIN_LARGE_NUMBER_DIGITS
        and PLACE_AFTER_RE.match(masked, match.end()) is not None
        and (not before or before.endswith(","))
    )


def _number_hits(masked):
    """(start, end, message, suggestion) of the hard numbers in a sentence."""
    for match in DATE_RE.finditer(masked):
        if suggestion := _date_suggestion(match):
            message = _("Datum mit Punkten. Schreiben Sie den Monat als Wort.")
            yield match.start(), match.end(), message, suggestion
    for match in PERCENT_RE.finditer(masked):
        suggestion = PERCENT_WORDS.get(match.group(1), "viele / wenige")
        message = _("Prozent-Angabe. Schreiben Sie „viele“, „wenige“ oder „1 von 4“.")
        yield match.start(), match.end(), message, suggestion
    for match in FRACTION_RE.finditer(masked):
        if match.group(3):
            numerator, denominator = VULGAR_FRACTIONS[match.group(3)]
        else:
            numerator, denominator = int(match.group(1)), int(match.group(2))
        if 0 < numerator < denominator:
            message = _("Bruch. Schreiben Sie „die Hälfte“ oder „1 von 4“.")
            suggestion = _fraction_suggestion(numerator, denominator)
            yield match.start(), match.end(), message, suggestion
    for match in ROMAN_TOKEN_RE.finditer(masked):
        if ROMAN_RE.fullmatch(match.group()):
            message = _("Römische Zahl. Schreiben Sie die Zahl mit Ziffern.")
            yield match.start(), match.end(), message, str(_roman_value(match.group()))
    for match in LARGE_NUMBER_RE.finditer(masked):
        if _is_postcode(masked, match):
            continue
        message = _("Große Zahl. Schreiben Sie sie mit Punkten.")
        yield match.start(), match.end(), message, f"{int(match.group()):,}".replace(",", ".")


def _number(sentence, masked, tokens):
    taken = []
    for start, end, message, suggestion in sorted(_number_hits(masked), key=lambda hit: hit[0]):
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        yield Finding(NUMBER, message, masked[start:end], sentence, suggestion)


SENTENCE_RULES = (
    _long_sentence,
    _long_word,
    _passive,
    _negation,
    _genitive,
    _subjunctive,
    _abbreviation,
    _number,
)


def _glossary_entries(glossary):
    """{first stem: [(stems, term, explanation)]} of a glossary: words or {word: explanation}."""
    entries = {}
    explanations = glossary if isinstance(glossary, Mapping) else {}
    for term in glossary:
        stems = tuple(stem(_joined(word)) for word in WORD_RE.findall(str(term)))
        if stems:
            entry = (stems, str(term), str(explanations.get(term) or ""))
            entries.setdefault(stems[0], []).append(entry)
    return entries


def _glossary(sentence, masked, tokens, entries):
    stems = [stem(_joined(token.text)) for token in tokens]
    for index, first in enumerate(stems):
        for term_stems, term, explanation in entries.get(first, ()):
            if tuple(stems[index : index + len(term_stems)]) == term_stems:
                last = tokens[index + len(term_stems) - 1]
                yield Finding(
                    GLOSSARY,
                    format_lazy(_("Schweres Wort aus dem Wörterbuch: „{term}“."), term=term),
                    masked[tokens[index].start : last.end],
                    sentence,
                    explanation,
                )


def check_text(text, glossary=None):
    """Hints for a German text in plain language, sentence by sentence, in reading order.

    ``glossary`` is an iterable of hard words that need an explanation (a mapping of word to
    explanation gives the explanation as the suggestion)."""
    entries = _glossary_entries(glossary) if glossary else {}
    findings = []
    for sentence in sentences(text):
        masked = _mask_addresses(sentence)
        tokens = _tokens(masked)
        for rule in SENTENCE_RULES:
            findings.extend(rule(sentence, masked, tokens))
        if entries:
            findings.extend(_glossary(sentence, masked, tokens, entries))
    return findings


# --- readability -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _textstat():
    # Imported here: textstat imports nltk (about 0.2 s), which only the scores need. Our own
    # instance, never the module-level one: its language is process-wide and English by
    # default, and for English textstat downloads the CMU dictionary on first use. For German
    # it counts syllables with pyphen's bundled hyphenation dictionary, offline.
    from textstat.textstat import textstatistics

    scorer = textstatistics()
    scorer.set_lang("de")
    return scorer


def _scoring_text(text):
    """The text as textstat counts it best: our sentences (abbreviations do not end them),
    each closed by one full stop, without headings and labels of one or two words."""
    kept = []
    for sentence in sentences(text):
        if count_words(sentence) < MIN_SCORED_SENTENCE_WORDS:
            continue
        kept.append(re.sub(r"[.!?…]", "", _mask_addresses(sentence)).replace(MASK, "") + ".")
    return " ".join(kept)


def flesch_verdict(score):
    for threshold, verdict in FLESCH_VERDICTS:
        if score >= threshold:
            return verdict
    return FLESCH_VERDICT_HARDEST


def readability(text):
    """Flesch reading ease after Amstad (0-100, higher is easier), the first Wiener
    Sachtextformel (about the school year, 4 is easy, 15 very hard) and a German verdict."""
    scoring_text = _scoring_text(text)
    if not scoring_text:
        return Readability(None, None, _("kein Text zum Bewerten"))
    scorer = _textstat()
    flesch = round(scorer.flesch_reading_ease(scoring_text), SCORE_DIGITS)
    wiener = round(
        scorer.wiener_sachtextformel(scoring_text, WIENER_SACHTEXTFORMEL_VARIANT), SCORE_DIGITS
    )
    return Readability(flesch, wiener, flesch_verdict(flesch))


def build_report(parts, glossary=None):
    """The report of a text, or of ``(source, text)`` parts such as the fields of a page; each
    finding names its part, the scores are those of all parts together."""
    if isinstance(parts, str):
        parts = [("", parts)]
    parts = [(source, text) for source, text in parts if text and text.strip()]
    findings = [
        replace(finding, source=source)
        for source, text in parts
        for finding in check_text(text, glossary)
    ]
    return Report(tuple(findings), readability("\n".join(text for _source, text in parts)))
