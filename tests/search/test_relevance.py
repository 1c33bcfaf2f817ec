"""Relevance over the demo content: queries the way citizens type them, with the titles a
helpful search shows in its first five results.

Prints MRR (mean reciprocal rank of the first relevant result, top 10) and recall@5 (share of
the relevant titles, at most five per query, found in the top five).

Thresholds: measured on 2026-11-25, SQLite MRR 0.956 / recall@5 0.985, PostgreSQL 0.956 /
0.995, the OpenSearch emulator 0.980 / 0.974. Each query weighs 1/49 ≈ 0.02, so the
thresholds of 0.90 sit about three queries under the weakest backend: a change that loses a
category (the six typo or umlaut queries) or a few relevant results fails, while a general
word ("Kindern", "Berufsorientierung") may move by a rank or two."""

import pytest
from django.core.management import call_command

from search import engine

MRR_THRESHOLD = 0.90
RECALL_THRESHOLD = 0.90

BNE = [
    "Bildung für nachhaltige Entwicklung (BNE)",
    "Bildung für nachhaltige Entwicklung",
    "Neues Netzwerk für Bildung für nachhaltige Entwicklung",
    "Fortbildung: BNE im Kita-Alltag",
]
KITA = [
    "Naturerlebnis für Kita-Gruppen",
    "Quereinstieg in die Kita",
    "Sprachförderung in der Kita",
    "Schnuppertag Kita für zukünftige Schulkinder",
    "Fortbildung: BNE im Kita-Alltag",
    "Fachkräfte für Kitas: Stadt startet Qualifizierungsoffensive",
    "Übergang Kita – Grundschule",
    "AG Übergang Kita-Grundschule",
]
BUT = [
    "Beratung zum BuT-Antrag",
    "Bildung und Teilhabe",
    "Lernförderung über Bildung und Teilhabe",
    "Bildung und Teilhabe: Leistungen einfacher beantragen",
]

QUERIES = [
    # inflected forms
    ("inflection", "Kindern", ["Nachhaltig kochen mit Kindern"]),
    ("inflection", "Roboter", ["Programmieren mit Robotern"]),
    ("inflection", "Abschluss", ["Anerkennung ausländischer Abschlüsse"]),
    ("inflection", "Jugendlichen", ["Theaterwerkstatt für Jugendliche", "Planspiel Stadtrat"]),
    ("inflection", "Elternabende", ["Elternabend: Bereit für die Schule?"]),
    ("inflection", "Fachkraft", ["Arbeitgeberfrühstück Fachkräfte", "Fachkräftesicherung"]),
    ("inflection", "Schwimmkurse", ["Kostenloses Schwimmen lernen"]),
    # compounds and their parts
    ("compound", "Garten", ["Schulgarten-Werkstatt"]),
    ("compound", "Sprachkurs", ["Berufssprachkurs Pflege", "Deutschkurs A1 mit Kinderbetreuung"]),
    ("compound", "Betreuung", ["Deutschkurs A1 mit Kinderbetreuung"]),
    ("compound", "Führerschein", ["Medienführerschein für Grundschulkinder"]),
    ("compound", "Theater", ["Theaterwerkstatt für Jugendliche"]),
    (
        "compound",
        "Konferenz",
        ["Bildungskonferenz 2027", "Bildungskonferenz: Über 200 Gäste diskutieren Übergänge"],
    ),
    ("compound", "Bericht", ["Bildungsbericht 2025", "Berichte"]),
    ("compound", "Familienzentrum", ["Elterncafé im Familienzentrum"]),
    ("compound", "Rallye", ["Stadtteilrallye Beruf"]),
    # umlauts typed as ae/oe/ue or left out
    ("umlaut", "Uebergang Schule Beruf", ["Übergang Schule – Beruf"]),
    ("umlaut", "Ubergang Kita", ["Übergang Kita – Grundschule", "AG Übergang Kita-Grundschule"]),
    ("umlaut", "Fachkraeftesicherung", ["Fachkräftesicherung"]),
    ("umlaut", "Maedchen", ["Mädchen-Technik-Tag"]),
    ("umlaut", "Fruehe Bildung", ["Monitoring frühe Bildung 2024", "Bildung von Anfang an"]),
    ("umlaut", "Gebardensprache", ["Gebärdensprache"]),
    # synonyms and abbreviations the editors maintain
    ("synonym", "BNE", BNE),
    (
        "synonym",
        "MINT",
        [
            "MINT – Mathematik, Informatik, Naturwissenschaft und Technik",
            "MINT-Aktionstage locken Grundschulkinder in die Labore",
        ],
    ),
    ("synonym", "Kita", KITA),
    ("synonym", "Kindergarten", KITA),
    ("synonym", "Kindertagesstätte", KITA),
    ("synonym", "BuT", BUT),
    ("synonym", "Bildungspaket", BUT),
    ("synonym", "VHS", ["Lernen ein Leben lang: Volkshochschule erweitert Abendangebot"]),
    ("synonym", "Bildung für nachhaltige Entwicklung", BNE),
    # typos
    ("typo", "Shulgarten", ["Schulgarten-Werkstatt"]),
    ("typo", "Programieren", ["Programmieren mit Robotern"]),
    ("typo", "Philosphie", ["Philosophie am Abend"]),
    ("typo", "Bewerbungstrainig", ["Bewerbungstraining kompakt"]),
    ("typo", "Sternwrte", ["Sternwarte für Einsteiger"]),
    ("typo", "Theaterwerkstat", ["Theaterwerkstatt für Jugendliche"]),
    # several words
    ("multi", "Ausbildung Handwerk", ["Ausbildungsbörse Handwerk"]),
    ("multi", "Lesen und Schreiben für Erwachsene", ["Lesen und Schreiben für Erwachsene"]),
    ("multi", "Tablet Senioren", ["Digital im Alter: Tablet-Sprechstunde"]),
    ("multi", "Mädchen Technik", ["Mädchen-Technik-Tag"]),
    ("multi", "Schwimmen lernen kostenlos", ["Kostenloses Schwimmen lernen"]),
    (
        "multi",
        "Deutsch lernen Zugewanderte",
        [
            "Sprachcafé Deutsch",
            "Deutschkurs A1 mit Kinderbetreuung",
            "Lernpaten für Zugewanderte Jugendliche",
        ],
    ),
    # topic words
    (
        "topic",
        "Demokratie",
        [
            "Demokratie-Café",
            "Planspiel Stadtrat",
            "Workshop Falschnachrichten erkennen",
            "Kinderrechte-Werkstatt",
        ],
    ),
    (
        "topic",
        "Berufsorientierung",
        [
            "Berufe ausprobieren in den Ferien",
            "Stadtteilrallye Beruf",
            "Mädchen-Technik-Tag",
            "Ausbildungsbörse Handwerk",
        ],
    ),
    ("topic", "Leitbild", ["Bildungsleitbild"]),
    ("topic", "Barrierefreiheit", ["Erklärung zur Barrierefreiheit"]),
    (
        "topic",
        "Ruhestand",
        [
            "Fit für den Ruhestand",
            "Nach dem Berufsleben: Angebote für den Übergang in den Ruhestand",
        ],
    ),
    (
        "topic",
        "Alphabetisierung",
        ["Lesen und Schreiben für Erwachsene", "Lernwerkstatt Grundbildung im Stadtteil"],
    ),
]


def evaluate():
    rows = []
    for category, query, relevant in QUERIES:
        params = engine.parse_params({"q": query, "page_size": 10})
        found = [item["title"] for item in engine.search(params).results]
        rank = next((index + 1 for index, title in enumerate(found) if title in relevant), None)
        wanted = min(len(relevant), 5)
        recall = len(set(found[:5]) & set(relevant)) / wanted
        rows.append((category, query, rank, recall, found[:5]))
    return rows


@pytest.mark.django_db
def test_relevance_over_the_demo_content(capsys):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(QUERIES) >= 40
    rows = evaluate()
    mrr = sum(1 / rank for _c, _q, rank, _r, _f in rows if rank) / len(rows)
    recall = sum(row[3] for row in rows) / len(rows)
    with capsys.disabled():
        print(f"\nRelevanz: {len(rows)} Anfragen, MRR {mrr:.3f}, recall@5 {recall:.3f}")
        for category, query, rank, row_recall, found in rows:
            if rank != 1 or row_recall < 1:
                print(f"  {category:10} {query!r}: Rang {rank}, recall@5 {row_recall:.2f}: {found}")
    assert mrr >= MRR_THRESHOLD
    assert recall >= RECALL_THRESHOLD
