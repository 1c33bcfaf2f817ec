"""Every rule of shared/contracts/offer-import.md, through the real management command."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from offers import importing
from offers.models import Offer, Provider

pytestmark = pytest.mark.django_db

HEADER = "external_id,title,summary,provider,topics"


def row(**overrides):
    values = {
        "external_id": "vhs-001",
        "title": "Deutsch im Alltag",
        "summary": "Ein Sprachkurs.",
        "provider": "Volkshochschule Magdeburg",
        "topics": ["sprachfoerderung"],
        "district": "altstadt",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def write(tmp_path, rows, suffix=".json", name="angebote"):
    path = tmp_path / f"{name}{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    elif suffix == ".jsonl":
        path.write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8"
        )
    return path


def run(path, *args):
    """Run the command; return (exit status, output)."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_offers", str(path), *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue() + err.getvalue()


def last_line(output):
    return output.strip().splitlines()[-1]


def test_csv_with_bom_and_semicolon_lists_is_imported(tmp_path):
    path = tmp_path / "angebote.csv"
    path.write_bytes(
        "\ufeffexternal_id,title,summary,provider,topics,audiences,district,cost\n"
        'k1,Gärtnern mit Kindern,"Wir legen, gemeinsam, einen Garten an.",Umweltzentrum,'
        "bne;MINT,kinder; Eltern und Familien ,Buckau,0\n".encode()
    )
    code, output = run(path)
    assert code == 0, output
    assert last_line(output) == "created=1 updated=0 unchanged=0 rejected=0"
    offer = Offer.objects.get(external_id="k1")
    assert offer.live
    assert offer.summary == "Wir legen, gemeinsam, einen Garten an."
    assert sorted(t.slug for t in offer.topics.all()) == ["bne", "mint"]
    assert sorted(a.slug for a in offer.audiences.all()) == ["eltern", "kinder"]
    assert offer.is_free and offer.district.slug == "buckau"
    assert offer.city == "Magdeburg" and offer.languages == ["de"]


def test_json_and_jsonl_are_imported(tmp_path):
    code, output = run(write(tmp_path, [row(external_id="a"), row(external_id="b")]))
    assert code == 0 and last_line(output) == "created=2 updated=0 unchanged=0 rejected=0"
    code, output = run(write(tmp_path, [row(external_id="c")], suffix=".jsonl"))
    assert code == 0 and last_line(output) == "created=1 updated=0 unchanged=0 rejected=0"
    assert Offer.objects.count() == 3


def test_second_import_updates_by_external_id_and_reports_unchanged(tmp_path):
    run(write(tmp_path, [row(), row(external_id="vhs-002")]))
    code, output = run(write(tmp_path, [row(title="Deutsch im Beruf"), row(external_id="vhs-002")]))
    assert code == 0
    assert last_line(output) == "created=0 updated=1 unchanged=1 rejected=0"
    assert Offer.objects.count() == 2
    assert Offer.objects.get(external_id="vhs-001").title == "Deutsch im Beruf"


def test_unknown_field_is_named_and_exits_2(tmp_path):
    code, output = run(write(tmp_path, [row(farbe="blau")]))
    assert code == 2
    assert "farbe" in output
    assert Offer.objects.count() == 0


def test_unreadable_files_exit_2(tmp_path):
    broken = tmp_path / "kaputt.json"
    broken.write_text("[{", encoding="utf-8")
    assert run(broken)[0] == 2
    latin = tmp_path / "latin.csv"
    latin.write_bytes(f"{HEADER}\nx,Übung,y,z,bne\n".encode("latin-1"))
    code, output = run(latin)
    assert code == 2 and "UTF-8" in output
    assert run(tmp_path / "fehlt.csv")[0] == 2
    assert run(write(tmp_path, {"not": "a list"}))[0] == 2
    other = tmp_path / "angebote.xml"
    other.write_text("<x/>")
    assert run(other)[0] == 2


def test_one_invalid_row_refuses_the_whole_file(tmp_path):
    path = write(
        tmp_path,
        [
            row(external_id="ok-1"),
            row(external_id="bad", postcode="123"),
            row(external_id="bad-2", topics=["gibt-es-nicht"]),
        ],
    )
    code, output = run(path)
    assert code == 1
    assert last_line(output) == "created=0 updated=0 unchanged=0 rejected=2"
    assert "Eintrag 1, Feld „postcode“" in output
    assert "Eintrag 2, Feld „topics“: unbekannte Werte: gibt-es-nicht" in output
    assert Offer.objects.count() == 0 and Provider.objects.count() == 0


def test_partial_imports_the_valid_rows(tmp_path):
    path = write(tmp_path, [row(external_id="ok-1"), row(external_id="bad", age_min=9, age_max=3)])
    code, output = run(path, "--partial")
    assert code == 1
    assert last_line(output) == "created=1 updated=0 unchanged=0 rejected=1"
    assert list(Offer.objects.values_list("external_id", flat=True)) == ["ok-1"]


def test_dry_run_reports_what_would_happen_and_writes_nothing(tmp_path):
    run(write(tmp_path, [row()]))
    path = write(tmp_path, [row(title="Neu"), row(external_id="x2", provider="Neuer Verein")])
    code, output = run(path, "--dry-run")
    assert code == 0
    assert last_line(output) == "created=1 updated=1 unchanged=0 rejected=0"
    assert "Neuer Verein" in output
    assert Offer.objects.get().title == "Deutsch im Alltag"
    assert not Provider.objects.filter(name="Neuer Verein").exists()


def test_csv_errors_name_the_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        f"{HEADER},start_date,end_date\n"
        "a,T,S,P,bne,2026-05-02,2026-05-01\n"
        'b,"Zwei\nZeilen",S,P,bne,2026-13-01,\n'
        "c,T,S,P,,,\n",
        encoding="utf-8",
    )
    code, output = run(path)
    assert code == 1
    assert "Zeile 2, Feld „end_date“: Enddatum darf nicht vor dem Startdatum liegen" in output
    assert "Zeile 3, Feld „start_date“" in output
    assert "Zeile 5, Feld „topics“" in output  # the quoted cell spans lines 3 and 4


def test_provider_is_matched_case_insensitively_and_new_ones_are_listed(tmp_path):
    Provider.objects.create(name="Volkshochschule Magdeburg")
    code, output = run(
        write(
            tmp_path,
            [
                row(provider="VOLKSHOCHSCHULE magdeburg"),
                row(external_id="2", provider="Kinder- und Jugendhaus Nord"),
            ],
        )
    )
    assert code == 0
    assert Provider.objects.count() == 2
    lines = output.strip().splitlines()
    assert "Kinder- und Jugendhaus Nord" in lines[-2]
    assert "Volkshochschule" not in "\n".join(lines[-3:])


def test_vocabulary_matches_slug_or_name_ignoring_case_and_spaces(tmp_path):
    code, _output = run(
        write(
            tmp_path,
            [
                row(
                    topics=["  bildung für NACHHALTIGE entwicklung ", "MINT"],
                    life_phases=["Jugend (10-18)"],
                    accessibility=["ROLLSTUHLGERECHT"],
                    district="Leipziger Straße",
                )
            ],
        )
    )
    assert code == 0
    offer = Offer.objects.get()
    assert offer.district.slug == "leipziger-strasse"
    assert offer.life_phases.get().slug == "jugend"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("external_id", "", "Pflichtfeld fehlt"),
        ("external_id", "x" * 101, "1 bis 100 Zeichen"),
        ("title", "t" * 201, "1 bis 200 Zeichen"),
        ("summary", "s" * 601, "1 bis 600 Zeichen"),
        ("provider", "", "Pflichtfeld fehlt"),
        ("topics", [], "mindestens ein Thema"),
        ("format", "fernstudium", "praesenz, online oder hybrid"),
        ("district", "atlantis", "unbekannter Stadtteil"),
        ("postcode", "3910", "5 Ziffern"),
        ("latitude", "52.1", "nur gemeinsam"),
        ("latitude", "abc", "Dezimalzahl"),
        ("start_date", "01.05.2026", "JJJJ-MM-TT"),
        ("valid_until", "2026-02-30", "JJJJ-MM-TT"),
        ("cost", "zehn", "Dezimalzahl"),
        ("cost", "-1", "nicht negativ"),
        ("age_min", "121", "zwischen 0 und 120"),
        ("age_min", "5.5", "ganze Zahl"),
        ("languages", ["deutsch"], "ISO-639-1"),
        ("accessibility", ["fahrstuhl"], "unbekannte Werte"),
        ("registration_url", "www.example.org", "absolute http(s)-Adresse"),
        ("website", "ftp://example.org", "absolute http(s)-Adresse"),
        ("contact_email", "keine-adresse", "E-Mail"),
        ("published", "vielleicht", "true oder false"),
    ],
)
def test_each_field_rule_rejects_bad_values(tmp_path, field, value, message):
    code, output = run(write(tmp_path, [row(**{field: value})]))
    assert code == 1
    assert f"Feld „{field}“" in output and message in output
    assert Offer.objects.count() == 0


def test_district_is_required_for_offers_on_site_without_street(tmp_path):
    code, output = run(write(tmp_path, [row(district=None, format="hybrid")]))
    assert code == 1 and "Stadtteil ist Pflicht" in output
    code, _ = run(write(tmp_path, [row(district=None, format="online")]))
    assert code == 0
    code, _ = run(write(tmp_path, [row(external_id="2", district=None, street="Breiter Weg 1")]))
    assert code == 0


def test_duplicate_external_id_in_one_file_is_rejected(tmp_path):
    code, output = run(write(tmp_path, [row(), row()]))
    assert code == 1 and "doppelt in der Datei" in output


def test_unpublished_rows_are_stored_but_not_live(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        f"{HEADER},district,published\na,T,S,P,bne,altstadt,nein\nb,T2,S,P,bne,altstadt,1\n",
        encoding="utf-8",
    )
    assert run(path)[0] == 0
    assert not Offer.objects.get(external_id="a").live
    assert Offer.objects.get(external_id="b").live


def test_an_import_that_fails_midway_leaves_the_database_as_before(tmp_path, monkeypatch):
    run(write(tmp_path, [row(external_id="alt")]))

    def power_cut(offer_ids):
        raise RuntimeError("Stromausfall")

    # The search index is written last, after offers, links, revisions and history.
    monkeypatch.setattr(importing, "index_offers", power_cut)
    rows = [row(external_id="alt", title="Geändert")] + [
        row(external_id=f"neu-{n}", provider="Neuer Träger") for n in range(4)
    ]
    with pytest.raises(RuntimeError):
        run(write(tmp_path, rows))
    assert list(Offer.objects.values_list("external_id", "title")) == [("alt", "Deutsch im Alltag")]
    assert not Provider.objects.filter(name="Neuer Träger").exists()
    assert Offer.objects.get().revisions.count() == 1


def test_admin_edits_obey_the_same_rules_as_the_import(tmp_path):
    run(write(tmp_path, [row()]))
    offer = Offer.objects.get()
    offer.postcode = "12"
    offer.age_min, offer.age_max = 10, 5
    with pytest.raises(ValidationError) as error:
        offer.full_clean()
    assert "5 Ziffern" in str(error.value.message_dict["postcode"])
    assert "Höchstalter" in str(error.value.message_dict["age_max"])


def test_text_change_signals_the_translation_to_go_out_of_date(tmp_path):
    from offers.signals import offer_source_changed

    received = []

    def remember(sender, offer, **kwargs):
        received.append(offer.external_id)

    offer_source_changed.connect(remember)
    try:
        run(write(tmp_path, [row()]))
        run(write(tmp_path, [row(cost="5")]))
        assert received == []
        run(write(tmp_path, [row(summary="Neu beschrieben.")]))
        assert received == ["vhs-001"]
    finally:
        offer_source_changed.disconnect(remember)
