"""Property tests of the offer import (shared/contracts/offer-import.md): whatever a file holds,
the import imports it or refuses it with a German message, and a refusal writes nothing."""

import contextlib
import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from offers.importing import (
    FIELDS,
    MAX_LENGTHS,
    ImportReport,
    RowError,
    import_offers,
    run_import,
)
from offers.models import ImportRun, Offer
from offers.rules import LIMITS
from tests.offers.test_import_contract import row as contract_row

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ENCODINGS = ["utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"]
FILENAMES = ["angebote.csv", "angebote.json", "angebote.jsonl", "ANGEBOTE.CSV"]
NASTY = [
    "\x00",
    "a\x00b",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\ufeff",
    "\u2028",
    "😀👩‍👩‍👧",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "\r\n",
    '"',
    ",",
    ";",
    "1e30",
    "-1e30",
    "999999.999",
    "NaN",
    "١٢٣",  # Arabic-Indic digits
]
TEXT_FIELDS = ["title", "summary", "description", "schedule", "cost_note", "contact_phone"]


def valid_row(external_id="vhs-001", **overrides):
    return contract_row(external_id=external_id, **overrides)


def models_the_import_writes():
    """Every concrete table (offers, providers, vocabulary links, revisions, log entries,
    search index, reference index …), except the ImportRun that run_import keeps."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model is not ImportRun
    ]


def snapshot():
    return {model._meta.label: model.objects.count() for model in models_the_import_writes()}


@contextlib.contextmanager
def rolled_back():
    """Each example starts from the same database: its writes are rolled back after it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def encode(rows, filename):
    """The bytes of a file with these rows (dicts; lists become `;`-joined CSV cells)."""
    suffix = filename.lower().rsplit(".", 1)[-1]
    if suffix == "json":
        return json.dumps(rows, ensure_ascii=False).encode()
    if suffix == "jsonl":
        # ensure_ascii: JSON Lines are split on "\n" only by writers; see the report on
        # str.splitlines() in the import
        return "\n".join(json.dumps(row) for row in rows).encode()
    header = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        cells = []
        for key in header:
            value = row.get(key, "")
            if isinstance(value, list):
                value = ";".join(str(item) for item in value)
            cells.append("" if value is None else str(value))
        writer.writerow(cells)
    return out.getvalue().encode()


def assert_clear_outcome(report):
    """A report, never an exception: a German file error, or row errors naming row and field."""
    assert isinstance(report, ImportReport)
    text = report.as_text()
    assert text.endswith(report.counts_line)
    if report.file_error:
        assert text.startswith("Die Datei kann nicht gelesen werden: ")
        assert report.created == report.updated == report.unchanged == 0
        return
    assert report.rejected == len({error.position for error in report.errors})
    for error in report.errors:
        assert isinstance(error, RowError)
        assert re.fullmatch(r"(Zeile|Eintrag) \d+", error.position)
        assert error.reason.strip()
        assert "Traceback" not in error.reason


# 1. Random bytes -----------------------------------------------------------------------------

structured_text = st.one_of(
    st.text(),
    st.builds(
        lambda header, body: ",".join(header) + "\n" + body,
        st.lists(st.sampled_from(FIELDS), min_size=1, max_size=8),
        st.text(),
    ),
    st.builds(
        lambda value: json.dumps(value, ensure_ascii=False),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
            lambda children: (
                st.lists(children) | st.dictionaries(st.sampled_from(FIELDS) | st.text(), children)
            ),
            max_leaves=20,
        ),
    ),
)


@FUZZ
@given(
    filename=st.sampled_from(FILENAMES),
    data=st.one_of(
        st.binary(max_size=2000),
        st.builds(
            lambda text, encoding: text.encode(encoding, errors="replace"),
            structured_text,
            st.sampled_from(ENCODINGS),
        ),
    ),
)
@example(filename="angebote.json", data=b"[" * 100_000)
@example(filename="angebote.json", data=b"[" + b"1" * 5000 + b"]")
@example(filename="angebote.jsonl", data=b"1" * 5000)
@example(filename="angebote.csv", data="external_id,ä\n".encode("latin-1"))
@example(filename="angebote.json", data=b'[{"title\\u0000": 1}]')
def test_any_bytes_give_a_report_or_a_german_file_error(filename, data):
    with rolled_back():
        before = snapshot()
        run, report = run_import(data, filename)
        assert_clear_outcome(report)
        assert run.status in {
            ImportRun.Status.FAILED,
            ImportRun.Status.REFUSED,
            ImportRun.Status.DONE,
        }
        if report.file_error or report.refused:
            assert snapshot() == before


# 2. Random rows ------------------------------------------------------------------------------

field_value = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8")),  # includes NUL and control characters
    st.sampled_from(NASTY),
    st.builds(lambda text, bad: text + bad + text, st.text(max_size=20), st.sampled_from(NASTY)),
    st.integers(min_value=0, max_value=1_000_000).map(lambda size: "x" * size),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.lists(st.text(max_size=20), max_size=3),
)


@st.composite
def random_row(draw, number):
    row = valid_row(f"id-{number}")
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=6, unique=True)):
        row[name] = draw(field_value)
    for name in draw(st.lists(st.sampled_from(sorted(row)), max_size=2, unique=True)):
        del row[name]  # missing columns, required or not
    if draw(st.integers(0, 9)) == 0:
        row[draw(st.text(min_size=1, max_size=10))] = draw(field_value)  # an unknown column
    return row


@st.composite
def random_rows(draw):
    count = draw(st.integers(min_value=1, max_value=4))
    return [draw(random_row(number)) for number in range(count)]


@FUZZ
@given(rows=random_rows(), filename=st.sampled_from(FILENAMES))
@example(rows=[valid_row(title="a\x00b")], filename="angebote.json")
@example(rows=[valid_row(provider="\x00")], filename="angebote.csv")
@example(rows=[valid_row(topics="sprachfoerderung;\x00")], filename="angebote.json")
@example(rows=[valid_row(latitude="1e30", longitude="1")], filename="angebote.json")
@example(rows=[valid_row(cost="-1e30")], filename="angebote.csv")
@example(rows=[valid_row(cost="999999.999")], filename="angebote.json")
@example(rows=[valid_row(description="x" * 1_000_000)], filename="angebote.json")
def test_random_rows_are_imported_or_refused_without_writing(rows, filename):
    data = encode(rows, filename)
    with rolled_back():
        before = snapshot()
        report = import_offers(data, filename)
        assert_clear_outcome(report)
        if report.file_error or report.refused:
            assert snapshot() == before
        else:
            assert report.created + report.updated + report.unchanged == len(rows)
            assert Offer.objects.count() == before["offers.Offer"] + report.created


# 3. One bad row in a good file ---------------------------------------------------------------

BREAKAGES = [
    {"postcode": "123"},
    {"topics": ["gibt-es-nicht"]},
    {"age_min": 9, "age_max": 3},
    {"title": ""},
    {"title": "Kurs\x00"},
    {"latitude": "abc"},
    {"latitude": "1e30", "longitude": "1"},
    {"cost": "-1e30"},
    {"start_date": "2026-02-30"},
    {"website": "javascript:alert(1)"},
    {"published": "vielleicht"},
    {"description": "x" * 20_001},
]


@FUZZ
@given(
    count=st.integers(min_value=1, max_value=8),
    data=st.data(),
    filename=st.sampled_from(["angebote.csv", "angebote.json", "angebote.jsonl"]),
    partial=st.booleans(),
)
def test_one_invalid_row_refuses_the_file_unless_partial(count, data, filename, partial):
    rows = [valid_row(f"ok-{number}", title=f"Kurs {number}") for number in range(count)]
    bad = data.draw(st.integers(min_value=0, max_value=count), label="bad position")
    breakage = data.draw(st.sampled_from(BREAKAGES), label="breakage")
    rows.insert(bad, valid_row("bad", **breakage))
    with rolled_back():
        before = snapshot()
        report = import_offers(encode(rows, filename), filename, partial=partial)
        assert_clear_outcome(report)
        assert report.rejected == 1
        if partial:
            assert not report.refused and report.created == count
            assert sorted(Offer.objects.values_list("external_id", flat=True)) == sorted(
                f"ok-{number}" for number in range(count)
            )
        else:
            assert report.refused and report.created == 0
            assert snapshot() == before


# 4. Markup in text fields --------------------------------------------------------------------

payload = st.builds(
    lambda before, markup, after: f"{before}{markup}{after}",
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "<SCRIPT src=//evil.example></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            '<a href="#" onclick="alert(1)">x</a>',
            "<svg/onload=alert(1)>",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30),
)


class ScriptFinder(HTMLParser):
    """The executable parts of a page as a browser parses it: script elements (other than
    JSON-LD data) and on… event-handler attributes."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") != "application/ld+json":
            self.found.append((tag, attrs.get("src")))
        self.found.extend((tag, name) for name in attrs if name.startswith("on"))


def executable(response):
    return ScriptFinder(response.content.decode()).found


@settings(FUZZ, max_examples=15)
@given(field=st.sampled_from(TEXT_FIELDS), markup=payload)
def test_imported_markup_is_kept_as_text_and_never_rendered(client, home_page, field, markup):
    """The contract: text is plain text, "any HTML is escaped, never rendered". The import
    stores it as given (it does not strip tags); the page must show it inert."""
    # within the field's limit (a longer value is a row error, tested elsewhere)
    limit = {**LIMITS, **MAX_LENGTHS}.get(field)
    value = markup.strip()[:limit].strip()
    row = valid_row(**{field: value})
    if field == "title" and not value:
        row[field] = "<script>alert(1)</script>"
    plain = valid_row("plain", title="Deutsch im Alltag")
    with rolled_back():
        report = import_offers(encode([row, plain], "angebote.json"), "angebote.json")
        assert not report.errors, report.as_text()
        offer = Offer.objects.get(external_id="vhs-001")
        assert getattr(offer, field) == row[field]
        page = client.get(f"/angebote/{offer.slug}/")
        plain_page = client.get(f"/angebote/{Offer.objects.get(external_id='plain').slug}/")
        # the page's own scripts and handlers, the same with or without the markup
        assert executable(page) == executable(plain_page), field
