"""The Wörterbuch at work: its entries grouped A to Z for the glossary page, and the marker
that explains the first occurrence of each glossary word on a plain-language page.

How a word is marked (plain language only; German pages are never touched):

    <a class="glossary-term" href="/leichte-sprache/woerterbuch/#wort-antrag"
       aria-describedby="glossar-antrag">Anträge</a> … (rest of the paragraph)
    <span class="glossary-note" id="glossar-antrag"><dfn>Antrag</dfn>: Ein Antrag ist …</span>

The explanation is ordinary visible text at the end of the paragraph (or list item, table cell,
caption) that holds the word, styled as a box below it. Readers of plain language are the
people a tooltip fails: it needs a mouse and hover, is hidden from touch and keyboard users,
and a visually hidden text leaves out exactly the sighted readers who need the explanation.
A <details> element would need no script either, but it cannot sit inside a paragraph (the
parser would close the <p> in front of it) and hides the explanation behind one more action.
So the explanation is shown, is read by screen readers in reading order, and is also announced
as the description of the link when it gets focus (aria-describedby); the link itself leads to
the entry in the Wörterbuch, where all the words are. Without a live glossary page the word is
marked but not linked.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from articles.models import GlossaryEntry, GlossaryPage
from articles.models.glossary import ANCHOR_PREFIX
from home import fragment_cache

OTHER_LETTERS = _("Zahlen und Zeichen")
OTHER_LETTERS_ANCHOR = "andere"
NOTE_ID_PREFIX = "glossar-"

# Never mark inside these: links and buttons (no link in a link), headings and table headers
# (a note there would become part of every cell's header), the summary of a <details> (it is
# a button), code, dates, and terms already defined or abbreviated.
SKIPPED_ELEMENTS = frozenset(
    {
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "th",
        "caption",
        "button",
        "label",
        "legend",
        "summary",
        "select",
        "option",
        "textarea",
        "script",
        "style",
        "template",
        "code",
        "pre",
        "kbd",
        "samp",
        "time",
        "dfn",
        "abbr",
        "svg",
        "math",
    }
)
SKIPPED_CLASSES = frozenset({"glossary-note", "glossary-term"})
# The explanation goes at the end of the nearest of these around the word; all of them allow a
# <span>, so the note never breaks the HTML it is put into.
NOTE_HOSTS = frozenset(
    {
        "p",
        "li",
        "dt",
        "dd",
        "td",
        "figcaption",
        "blockquote",
        "address",
        "div",
        "section",
        "article",
        "aside",
        "details",
        "figure",
    }
)
# Letters, digits, hyphens, soft hyphens and the Mediopunkt of plain language ("Schul·amt")
# belong to a word: "Amt" is not found in "Schul-Amt", nor "Antrag" in "Antragsformular".
WORD_CHARACTERS = r"\w\u00ad\u00b7-"


class MinimalChangeFormatter(HTMLFormatter):
    """Writes the marked HTML back as close to the original as Beautiful Soup allows: only
    &, < and > escaped (umlauts stay), void elements the HTML way (<br>), and attributes in
    their own order rather than sorted."""

    def __init__(self):
        super().__init__(
            entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix=None
        )

    def attributes(self, tag):
        return list(tag.attrs.items())


OUTPUT_FORMATTER = MinimalChangeFormatter()


def sort_key(word):
    """Dictionary order (DIN 5007-1): "Ärztin" sorts and files with A, "Übung" with U."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return folded, word.casefold()


def first_letter(word):
    letter = sort_key(word)[0][:1].upper()
    return letter if "A" <= letter <= "Z" else None


@dataclass
class LetterGroup:
    letter: str
    anchor: str
    entries: list = field(default_factory=list)


def letter_groups(entries):
    """Entries A to Z, one group per first letter that has words; other first characters
    (digits, signs) in a last group."""
    groups, other = {}, LetterGroup(str(OTHER_LETTERS), OTHER_LETTERS_ANCHOR)
    for entry in sorted(entries, key=lambda entry: sort_key(entry.word)):
        letter = first_letter(entry.word)
        if letter is None:
            other.entries.append(entry)
        else:
            groups.setdefault(letter, LetterGroup(letter, letter.lower())).entries.append(entry)
    return [*groups.values(), *([other] if other.entries else [])]


@dataclass(frozen=True)
class Term:
    word: str
    slug: str
    explanation: str

    @property
    def anchor(self):
        return f"{ANCHOR_PREFIX}{self.slug}"

    @property
    def note_id(self):
        return f"{NOTE_ID_PREFIX}{self.slug}"


def _normalized(text):
    return " ".join(text.split()).casefold()


def _form_pattern(form):
    return r"\s+".join(re.escape(part) for part in form.split())


class Glossary:
    """The entries of one language, ready to mark HTML. Build once per request."""

    def __init__(self, entries, url=""):
        self.url = url
        self.terms = {}
        for entry in entries:
            term = Term(entry.word, entry.slug, entry.explanation)
            for form in entry.forms:
                self.terms.setdefault(_normalized(form), term)
        alternatives = "|".join(
            _form_pattern(form) for form in sorted(self.terms, key=len, reverse=True)
        )
        self.pattern = re.compile(
            rf"(?<![{WORD_CHARACTERS}])(?:{alternatives})(?![{WORD_CHARACTERS}])",
            re.IGNORECASE,
        )

    def mark(self, html):
        """`html` (safe HTML) with the first occurrence of each glossary word explained.

        Only text between tags is read, never tags or attributes, and nothing inside links,
        headings and the other SKIPPED_ELEMENTS. HTML without any glossary word comes back
        unchanged."""
        html = str(html)
        if not self.terms or not self.pattern.search(html):
            return mark_safe(html)  # noqa: S308 - the caller's HTML, unchanged
        soup = BeautifulSoup(html, "html.parser")
        marked = set()
        for text in list(soup.find_all(string=True)):
            if type(text) is not NavigableString or _is_skipped(text):
                continue
            nodes, terms = self._split(soup, str(text), marked)
            if not terms:
                continue
            host = _note_host(text)
            text.replace_with(*nodes)
            for term in terms:
                host.append(self._note(soup, term))
        if not marked:
            return mark_safe(html)  # noqa: S308 - the caller's HTML, unchanged
        # Safe: the tags come from the caller's safe HTML or from here, and every text node,
        # the words and explanations of the entries included, is escaped by the formatter.
        return mark_safe(soup.decode(formatter=OUTPUT_FORMATTER))  # noqa: S308

    def _split(self, soup, text, marked):
        """The text as strings and term elements, and the terms marked in it."""
        nodes, terms, position = [], [], 0
        for match in self.pattern.finditer(text):
            term = self.terms.get(_normalized(match.group(0)))
            if term is None or term.slug in marked:
                continue
            marked.add(term.slug)
            terms.append(term)
            nodes.extend([text[position : match.start()], self._term(soup, match.group(0), term)])
            position = match.end()
        nodes.append(text[position:])
        return [node for node in nodes if node != ""], terms

    def _term(self, soup, text, term):
        if not self.url:
            element = soup.new_tag("span", attrs={"class": "glossary-term"})
        else:
            element = soup.new_tag(
                "a",
                attrs={
                    "class": "glossary-term",
                    "href": f"{self.url}#{term.anchor}",
                    "aria-describedby": term.note_id,
                },
            )
        element.string = text
        return element

    def _note(self, soup, term):
        note = soup.new_tag("span", attrs={"class": "glossary-note", "id": term.note_id})
        word = soup.new_tag("dfn")
        word.string = term.word
        note.append(word)
        note.append(": ")
        # One statement per line, as the editor wrote it.
        for number, line in enumerate(term.explanation.splitlines()):
            if number:
                note.append(soup.new_tag("br"))
            note.append(line)
        return note


def _is_skipped(text):
    for parent in text.parents:
        if parent.name in SKIPPED_ELEMENTS:
            return True
        if SKIPPED_CLASSES.intersection(parent.get("class") or ()):
            return True
    return False


def _note_host(text):
    parent = text.parent
    while parent.parent is not None and parent.name not in NOTE_HOSTS:
        parent = parent.parent
    return parent


def _glossary_data(language_code, request):
    """(words, Wörterbuch URL) of a language from the database: two queries (entries,
    glossary page), or one when the language has no entries (None then)."""
    entries = GlossaryEntry.objects.filter(locale__language_code=language_code).only(
        "word", "other_forms", "explanation", "slug"
    )
    words = tuple(
        fragment_cache.GlossaryWord(entry.word, entry.slug, entry.explanation, tuple(entry.forms))
        for entry in entries
    )
    if not words:
        return None
    page = GlossaryPage.objects.live().filter(locale__language_code=language_code).first()
    return words, page.get_url(request) if page else ""


def load_glossary(language_code, request=None):
    """The Glossary of a language (None when it has no entries). Its words come from the
    fragment cache (home.fragment_cache, dropped when an entry or a page changes), and each
    process compiles the pattern of the same words once."""
    data = fragment_cache.glossary_data(
        language_code, request, lambda: _glossary_data(language_code, request)
    )
    return None if data is None else fragment_cache.compiled(Glossary, data)


def glossary_for(language_code, request=None):
    """The Glossary to mark content of `language_code` with, or None: only plain language has
    one. Read once per request, however many blocks and templates ask for it."""
    if language_code != settings.PLAIN_LANGUAGE_CODE:
        return None
    if request is None:
        return load_glossary(language_code)
    cache = request.__dict__.setdefault("_glossaries", {})
    if language_code not in cache:
        cache[language_code] = load_glossary(language_code, request)
    return cache[language_code]
