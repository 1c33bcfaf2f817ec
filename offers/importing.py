"""Reading, validating and applying offer files, exactly as shared/contracts/offer-import.md
says. The management command, the admin upload view and the Celery task all call
`import_offers`; nothing else writes imported offers."""

import csv
import datetime
import gc
import io
import json
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import Locale, ModelLogEntry, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.cache_invalidation import purge_offers
from home.models import Audience, LifePhase, Topic
from offers.models import AccessibilityFeature, District, Offer, Provider
from offers.models.offers import VOCABULARY_LINKS, free_slug, link_table
from offers.rules import check_offer_values
from offers.search_index import index_offers, index_updates_paused
from offers.signals import offer_source_changed
from offers.vocabulary import OfferFormat

FIELDS = [
    "external_id",
    "title",
    "summary",
    "description",
    "provider",
    "topics",
    "life_phases",
    "audiences",
    "format",
    "district",
    "street",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "start_date",
    "end_date",
    "schedule",
    "cost",
    "cost_note",
    "age_min",
    "age_max",
    "languages",
    "accessibility",
    "registration_url",
    "website",
    "contact_email",
    "contact_phone",
    "valid_until",
    "published",
]
REQUIRED = ["external_id", "title", "summary", "provider", "topics"]
LIST_FIELDS = {"topics", "life_phases", "audiences", "languages", "accessibility"}
VOCABULARIES = {
    "topics": Topic,
    "life_phases": LifePhase,
    "audiences": Audience,
    "accessibility": AccessibilityFeature,
    "district": District,
}
PLAIN_FIELDS = [
    "title",
    "summary",
    "description",
    "street",
    "postcode",
    "city",
    "schedule",
    "cost_note",
    "contact_phone",
    "registration_url",
    "website",
    "contact_email",
]
TEXT_FIELDS = {"title", "summary", "description"}  # a change here outdates translations
TRUE_WORDS, FALSE_WORDS = {"true", "1", "ja"}, {"false", "0", "nein"}
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
MAX_LENGTHS = {
    "description": 20_000,
    "schedule": 200,
    "cost_note": 300,
    "street": 200,
    "city": 100,
    "contact_phone": 60,
    "registration_url": 200,
    "website": 200,
    "contact_email": 254,
}


class ImportFileError(Exception):
    """The file as a whole cannot be read (exit status 2)."""


@dataclass
class RowError:
    position: str
    field: str
    reason: str

    def __str__(self):
        return f"{self.position}, Feld „{self.field}“: {self.reason}"


@dataclass
class ImportReport:
    dry_run: bool = False
    partial: bool = False
    refused: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list = field(default_factory=list)
    new_providers: list = field(default_factory=list)
    file_error: str = ""
    changed_offer_ids: list = field(default_factory=list)

    @property
    def exit_code(self):
        if self.file_error:
            return 2
        return 1 if self.rejected else 0

    @property
    def counts_line(self):
        return (
            f"created={self.created} updated={self.updated} "
            f"unchanged={self.unchanged} rejected={self.rejected}"
        )

    def as_text(self):
        lines = []
        if self.file_error:
            lines.append(f"Die Datei kann nicht gelesen werden: {self.file_error}")
        elif self.refused:
            lines.append(
                "Import abgelehnt: Die Datei enthält ungültige Zeilen. Es wurde nichts "
                "gespeichert. Mit --partial werden nur die gültigen Zeilen übernommen."
            )
        elif self.dry_run:
            lines.append("Probelauf: Die Datei wurde geprüft, es wurde nichts gespeichert.")
        else:
            lines.append("Import abgeschlossen.")
        if self.errors:
            lines.append(f"Fehler ({len(self.errors)}):")
            lines.extend(f"  {error}" for error in self.errors)
        if not self.refused and not self.file_error:
            lines.append(
                f"Neu angelegt: {self.created}, aktualisiert: {self.updated}, "
                f"unverändert: {self.unchanged}, abgelehnt: {self.rejected}."
            )
        if self.new_providers:
            verb = "würden angelegt" if self.dry_run else "angelegt"
            lines.append(f"Neue Anbieter ({verb}):")
            lines.extend(f"  {name}" for name in self.new_providers)
        lines.append(self.counts_line)
        return "\n".join(lines)


# Reading -------------------------------------------------------------------------------------


def _decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"keine gültige UTF-8-Datei (Byte {error.start})") from error


def _check_field_names(names):
    unknown = sorted({str(name) for name in names} - set(FIELDS))
    if unknown:
        raise ImportFileError("unbekannte Felder: " + ", ".join(unknown))


def read_rows(data, filename):
    """Return [(position, raw_row)] from the bytes of a .csv, .json or .jsonl file."""
    suffix = Path(filename).suffix.lower()
    text = _decode(data)
    if suffix == ".csv":
        return _read_csv(text)
    if suffix == ".json":
        return _read_json(text)
    if suffix == ".jsonl":
        return _read_jsonl(text)
    raise ImportFileError(
        f"unbekanntes Dateiformat „{suffix or filename}“ (erlaubt: .csv, .json, .jsonl)"
    )


def _read_csv(text):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("die CSV-Datei ist leer") from None
    except csv.Error as error:
        raise ImportFileError(f"CSV-Fehler in Zeile 1: {error}") from error
    header = [name.strip() for name in header]
    _check_field_names(name for name in header if name)
    if len(set(header)) != len(header):
        raise ImportFileError("doppelte Spaltennamen in der Kopfzeile")
    rows, line = [], reader.line_num + 1
    try:
        for cells in reader:
            position = f"Zeile {line}"
            line = reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                rows.append(
                    (
                        position,
                        {
                            "__error__": (
                                f"{len(cells)} Spalten statt {len(header)} wie in der Kopfzeile"
                            )
                        },
                    )
                )
                continue
            rows.append(
                (position, {name: cell for name, cell in zip(header, cells, strict=True) if name})
            )
    except csv.Error as error:
        raise ImportFileError(f"CSV-Fehler in Zeile {line}: {error}") from error
    return rows


JSON_LIMIT_MESSAGE = "ungültiges JSON: eine Zahl mit zu vielen Ziffern oder zu tief verschachtelt"


def _read_json(text):
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(f"ungültiges JSON in Zeile {error.lineno}: {error.msg}") from error
    except (ValueError, RecursionError) as error:  # a 4301-digit number, or nesting too deep
        raise ImportFileError(JSON_LIMIT_MESSAGE) from error
    if not isinstance(items, list):
        raise ImportFileError("eine JSON-Datei muss eine Liste von Objekten enthalten")
    return _objects([(f"Eintrag {index}", item) for index, item in enumerate(items)])


def _read_jsonl(text):
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append((f"Zeile {number}", json.loads(line)))
        except json.JSONDecodeError as error:
            items.append((f"Zeile {number}", {"__error__": f"ungültiges JSON: {error.msg}"}))
        except (ValueError, RecursionError):
            items.append((f"Zeile {number}", {"__error__": JSON_LIMIT_MESSAGE}))
    return _objects(items)


def _objects(items):
    rows = []
    for position, item in items:
        if not isinstance(item, dict):
            rows.append((position, {"__error__": "ein Eintrag muss ein JSON-Objekt sein"}))
            continue
        if "__error__" not in item:
            _check_field_names(item)
        rows.append((position, item))
    return rows


# Validating ----------------------------------------------------------------------------------


class Vocabulary:
    """Slug-or-name lookup of every vocabulary of one locale, loaded once per import."""

    def __init__(self, locale):
        self.terms = {}
        for name, model in VOCABULARIES.items():
            lookup = {}
            for term in model.objects.filter(locale=locale):
                lookup[term.slug.lower()] = term
                lookup[term.name.strip().lower()] = term
            self.terms[name] = lookup

    def resolve(self, name, value):
        return self.terms[name].get(value.strip().lower())


# NUL cannot be stored in a PostgreSQL text column, a lone surrogate (JSON "\ud800") in no
# UTF-8 database: both are refused as a row error instead of failing the write.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return str(value)
    if not isinstance(value, str):
        raise ValueError("muss ein Text sein")
    if UNSTORABLE.search(value):
        raise ValueError("enthält ungültige Zeichen (NUL-Zeichen oder einzelne Ersatzzeichen)")
    return value.strip()


def _as_list(value, csv_style):
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [_as_text(item) for item in value if _as_text(item)]
    if isinstance(value, str):
        return [_as_text(part) for part in value.split(";") if part.strip()]
    raise ValueError("muss eine Liste sein")


class RowParser:
    def __init__(self, vocabulary, csv_style):
        self.vocabulary = vocabulary
        self.csv_style = csv_style
        self.url_validator = URLValidator(schemes=["http", "https"])
        self.email_validator = EmailValidator()

    def parse(self, raw):
        """Return (values, relations, published, errors) for one raw row."""
        errors = {}
        values, relations = {}, {}
        if "__error__" in raw:
            return None, None, None, {"*": raw["__error__"]}

        def text(name):
            try:
                return _as_text(raw.get(name))
            except ValueError as error:
                errors[name] = str(error)
                return ""

        for name in REQUIRED:
            if name != "topics" and not text(name) and name not in errors:
                errors[name] = "Pflichtfeld fehlt"
        for name in PLAIN_FIELDS:
            values[name] = text(name)
            limit = MAX_LENGTHS.get(name)
            if limit and len(values[name]) > limit and name not in errors:
                errors[name] = f"höchstens {limit} Zeichen"
        values["external_id"] = text("external_id")
        values["provider"] = text("provider")
        if len(values["provider"]) > 200:
            errors["provider"] = "höchstens 200 Zeichen"
        if not values["city"]:
            values["city"] = settings.SITE_CITY

        fmt = text("format").lower() or OfferFormat.PRAESENZ
        if fmt not in OfferFormat.values:
            errors["format"] = "muss praesenz, online oder hybrid sein"
        values["format"] = fmt

        for name in ("registration_url", "website"):
            if values[name]:
                try:
                    self.url_validator(values[name])
                except ValidationError:
                    errors[name] = "muss eine absolute http(s)-Adresse sein"
        if values["contact_email"]:
            try:
                self.email_validator(values["contact_email"])
            except ValidationError:
                errors["contact_email"] = "keine gültige E-Mail-Adresse"

        for name in ("start_date", "end_date", "valid_until"):
            raw_date = text(name)
            values[name] = None
            if raw_date:
                parsed = None
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw_date):
                    try:
                        parsed = datetime.date.fromisoformat(raw_date)
                    except ValueError:
                        parsed = None
                if parsed is None:
                    errors[name] = "muss ein Datum im Format JJJJ-MM-TT sein"
                values[name] = parsed
        for name in ("latitude", "longitude", "cost"):
            raw_number = text(name)
            values[name] = None
            if raw_number:
                try:
                    number = Decimal(raw_number)
                    if not number.is_finite():
                        raise InvalidOperation
                    values[name] = number
                except InvalidOperation:
                    errors[name] = "muss eine Dezimalzahl sein (Punkt als Trennzeichen)"
        # quantize() raises for numbers far too large; those are left to the range checks
        for name in ("latitude", "longitude"):
            if values[name] is not None and abs(values[name]) < 1000:
                values[name] = values[name].quantize(Decimal("0.000001"))
        cost = values["cost"]
        if cost is not None and "cost" not in errors:
            if abs(cost) < Decimal("1000000"):
                cost = values["cost"] = cost.quantize(Decimal("0.01"))
            if cost >= Decimal("1000000"):  # also 999999.999, rounded up to 1000000.00
                errors["cost"] = "ist zu groß"
        for name in ("age_min", "age_max"):
            raw_number = text(name)
            values[name] = None
            if raw_number:
                if re.fullmatch(r"\d{1,3}", raw_number):
                    values[name] = int(raw_number)
                else:
                    errors[name] = "muss eine ganze Zahl von 0 bis 120 sein"

        for name in VOCABULARY_LINKS:
            try:
                items = _as_list(raw.get(name), self.csv_style)
            except ValueError as error:
                errors[name] = str(error)
                continue
            terms, unknown = [], []
            for item in items:
                term = self.vocabulary.resolve(name, item)
                (terms if term else unknown).append(term or item)
            if unknown:
                errors[name] = "unbekannte Werte: " + ", ".join(unknown)
            relations[name] = sorted({term.pk for term in terms})
        if not relations.get("topics") and "topics" not in errors:
            errors["topics"] = "mindestens ein Thema angeben"
        try:
            languages = [code.lower() for code in _as_list(raw.get("languages"), self.csv_style)]
        except ValueError as error:
            errors["languages"] = str(error)
            languages = []
        bad = [code for code in languages if not LANGUAGE_CODE.match(code)]
        if bad:
            errors["languages"] = "keine ISO-639-1-Codes: " + ", ".join(bad)
        values["languages"] = list(dict.fromkeys(languages)) or ["de"]

        district_name = text("district")
        values["district"] = None
        if district_name:
            district = self.vocabulary.resolve("district", district_name)
            if district is None:
                errors["district"] = f"unbekannter Stadtteil „{district_name}“"
            values["district"] = district.pk if district else None

        published = True
        raw_published = raw.get("published")
        if isinstance(raw_published, bool):
            published = raw_published
        elif raw_published not in (None, ""):
            word = str(raw_published).strip().lower()
            if word in TRUE_WORDS:
                published = True
            elif word in FALSE_WORDS:
                published = False
            else:
                errors["published"] = "muss true oder false sein"

        for name, message in check_offer_values(values).items():
            errors.setdefault(name, message)
        return values, relations, published, errors


# Applying ------------------------------------------------------------------------------------

COMPARED_FIELDS = [
    name
    for name in FIELDS
    if name
    not in {
        "provider",
        "district",
        "topics",
        "life_phases",
        "audiences",
        "accessibility",
        "published",
    }
]


def _current_state(offer):
    state = {name: getattr(offer, name) for name in COMPARED_FIELDS}
    state["district"] = offer.district_id
    state["provider"] = offer.provider.name.lower()
    state["published"] = offer.live
    for name in VOCABULARY_LINKS:
        state[name] = sorted(term.pk for term in getattr(offer, name).all())
    return state


def _wanted_state(values, relations, published):
    state = {name: values[name] for name in COMPARED_FIELDS}
    state["district"] = values["district"]
    state["provider"] = values["provider"].lower()
    state["published"] = published
    state.update(relations)
    return state


def import_offers(data, filename, *, dry_run=False, partial=False, locale_code=None, user=None):
    """Validate and (unless dry_run) apply an offer file. Returns an ImportReport."""
    report = ImportReport(dry_run=dry_run, partial=partial)
    try:
        locale = Locale.objects.get(language_code=locale_code or settings.LANGUAGE_CODE)
    except Locale.DoesNotExist:
        report.file_error = f"unbekannte Sprache „{locale_code}“"
        return report
    try:
        rows = read_rows(data, filename)
    except ImportFileError as error:
        report.file_error = str(error)
        return report

    parser = RowParser(Vocabulary(locale), csv_style=filename.lower().endswith(".csv"))
    valid, seen_ids = [], {}
    for position, raw in rows:
        values, relations, published, errors = parser.parse(raw)
        external_id = values["external_id"] if values else ""
        if external_id and external_id in seen_ids and "external_id" not in errors:
            errors["external_id"] = f"doppelt in der Datei (schon in {seen_ids[external_id]})"
        if errors:
            report.rejected += 1
            report.errors.extend(
                RowError(position, name, reason) for name, reason in errors.items()
            )
            continue
        seen_ids[external_id] = position
        valid.append((position, values, relations, published))

    if report.rejected and not partial:
        report.refused = True
        return report

    existing = {
        offer.external_id: offer
        for offer in Offer.objects.filter(
            locale=locale, external_id__in=[values["external_id"] for _, values, _, _ in valid]
        )
        .select_related("provider")
        .prefetch_related("topics", "life_phases", "audiences", "accessibility")
    }
    providers = {provider.name.lower(): provider for provider in Provider.objects.all()}
    plan = []
    for _position, values, relations, published in valid:
        offer = existing.get(values["external_id"])
        key = values["provider"].lower()
        if key not in providers:
            providers[key] = None
            report.new_providers.append(values["provider"])
        if offer is None:
            report.created += 1
            plan.append(("create", None, values, relations, published, False))
        elif _current_state(offer) != _wanted_state(values, relations, published):
            report.updated += 1
            text_changed = any(getattr(offer, name) != values[name] for name in TEXT_FIELDS)
            plan.append(("update", offer, values, relations, published, text_changed))
        else:
            report.unchanged += 1
    if dry_run:
        return report

    with transaction.atomic(), index_updates_paused(), disable_reference_index_auto_update():
        for name in report.new_providers:
            providers[name.lower()] = Provider.objects.create(name=name)
        changed = _apply_bulk(plan, providers, locale, user)
        report.changed_offer_ids = [offer.pk for offer in changed]
        for offer, item in zip(changed, plan, strict=True):
            if item[5]:  # the German text changed: translations are now out of date
                offer_source_changed.send(sender=Offer, offer=offer)
        # The parsed file and the written objects are not needed any more; freeing them
        # before indexing keeps the peak memory of large imports down.
        del changed, plan, valid, rows, existing
        gc.collect()
        # One bulk index update inside the transaction: the database backend stays
        # consistent with the import, whatever happens.
        index_offers(report.changed_offer_ids)
        # after commit: the cached pages and listings that show these offers
        purge_offers(report.changed_offer_ids)
    return report


RELATIONS = VOCABULARY_LINKS
BATCH = 1000


def _apply_bulk(plan, providers, locale, user):
    """Write every planned create and update with a fixed number of bulk statements per
    thousand rows: offers, their vocabulary links, one published revision each and one
    history entry each. Returns the changed offers in plan order."""
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(Offer)
    taken = set(Offer.objects.filter(locale=locale).values_list("slug", flat=True))
    offers, relations_of = [], {}
    for action, offer, values, relations, published, _text_changed in plan:
        if action == "create":
            offer = Offer(
                locale=locale, external_id=values["external_id"], translation_key=uuid.uuid4()
            )
        for name in COMPARED_FIELDS:
            setattr(offer, name, values[name])
        offer.district_id = values["district"]
        offer.provider = providers[values["provider"].lower()]
        offer.city = offer.city or settings.SITE_CITY
        if not offer.slug:
            offer.slug = free_slug(offer.title, taken)
        offer.live = published
        offer.has_unpublished_changes = False
        offer.updated_at = now
        if published:
            offer.first_published_at = offer.first_published_at or now
            offer.last_published_at = now
        offers.append(offer)
        relations_of[id(offer)] = relations

    created = [offer for offer, item in zip(offers, plan, strict=True) if item[0] == "create"]
    updated = [offer for offer, item in zip(offers, plan, strict=True) if item[0] == "update"]
    Offer.objects.bulk_create(created, batch_size=BATCH)
    Offer.objects.bulk_update(
        updated,
        [
            *COMPARED_FIELDS,
            "district",
            "provider",
            "live",
            "has_unpublished_changes",
            "updated_at",
            "first_published_at",
            "last_published_at",
        ],
        batch_size=BATCH,
    )
    for name in RELATIONS:
        through, source, target = link_table(name)
        through.objects.filter(**{f"{source}__in": [offer.pk for offer in updated]}).delete()
        through.objects.bulk_create(
            [
                through(**{source: offer.pk, target: term})
                for offer in offers
                for term in relations_of[id(offer)][name]
            ],
            batch_size=BATCH * 4,
        )

    revisions = []
    for offer in offers:
        content = get_serializable_data_for_fields(offer)
        content.update({name: list(relations_of[id(offer)][name]) for name in RELATIONS})
        revisions.append(
            Revision(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(offer.pk),
                created_at=now,
                user=user,
                object_str=str(offer)[:255],
                content=content,
            )
        )
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    for offer, revision in zip(offers, revisions, strict=True):
        offer.latest_revision = revision
        if offer.live:
            offer.live_revision = revision
    Offer.objects.bulk_update(offers, ["latest_revision", "live_revision"], batch_size=BATCH)
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                label=str(offer)[:255],
                action="wagtail.publish" if offer.live else "wagtail.edit",
                data={"import": True},
                timestamp=now,
                user=user,
                revision=revision,
                object_id=str(offer.pk),
                content_changed=True,
            )
            for offer, revision in zip(offers, revisions, strict=True)
        ],
        batch_size=BATCH,
    )
    return offers


def run_import(
    data,
    filename,
    *,
    source="command",
    user=None,
    dry_run=False,
    partial=False,
    locale_code=None,
    run=None,
):
    """Import and keep the report as an ImportRun, so editors can read it in the admin."""
    from django.utils import timezone

    from offers.models import ImportRun

    if run is None:
        run = ImportRun.objects.create(
            filename=UNSTORABLE.sub("\ufffd", filename[:255]),
            source=source,
            user=user,
            dry_run=dry_run,
            partial=partial,
            locale_code=locale_code or settings.LANGUAGE_CODE,
        )
    try:
        report = import_offers(
            data, filename, dry_run=dry_run, partial=partial, locale_code=locale_code, user=user
        )
    except Exception:
        run.status = ImportRun.Status.FAILED
        run.report = "Der Import ist abgebrochen; es wurde nichts gespeichert."
        run.finished_at = timezone.now()
        run.save()
        raise
    if report.file_error:
        run.status = ImportRun.Status.FAILED
    elif report.refused:
        run.status = ImportRun.Status.REFUSED
    elif dry_run:
        run.status = ImportRun.Status.DRY_RUN
    else:
        run.status = ImportRun.Status.DONE
    for name in ("created", "updated", "unchanged", "rejected"):
        setattr(run, name, getattr(report, name))
    run.report = UNSTORABLE.sub("\ufffd", report.as_text())  # may quote unknown field names
    run.finished_at = timezone.now()
    run.save()
    return run, report
