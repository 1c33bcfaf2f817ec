"""The vocabulary a fresh installation starts with: slugs and names exactly as in the offer-import
contract (shared/contracts/offer-import.md). Editors change them in the admin afterwards."""

from django.conf import settings

TOPICS = [
    ("bne", "Bildung für nachhaltige Entwicklung"),
    ("mint", "MINT"),
    ("uebergang-kita-grundschule", "Übergang Kita-Grundschule"),
    ("uebergang-grundschule-weiterfuehrende-schule", "Übergang Grundschule-weiterführende Schule"),
    ("uebergang-schule-beruf", "Übergang Schule-Beruf"),
    ("uebergang-nachberufliche-phase", "Übergang Erwerbsleben-nachberufliche Phase"),
    ("fachkraeftesicherung", "Fachkräftesicherung"),
    ("lebenslanges-lernen", "Lebenslanges Lernen"),
    ("kulturelle-bildung", "Kulturelle Bildung"),
    ("bildung-und-teilhabe", "Bildung und Teilhabe"),
    ("grundbildung", "Grundbildung und Alphabetisierung"),
    ("berufsorientierung", "Berufsorientierung"),
    ("demokratiebildung", "Demokratiebildung"),
    ("sprachfoerderung", "Sprachförderung"),
    ("digitale-bildung", "Digitale Bildung"),
]

LIFE_PHASES = [
    ("fruehe-kindheit", "Frühe Kindheit (0-6)"),
    ("grundschulalter", "Grundschulalter (6-10)"),
    ("jugend", "Jugend (10-18)"),
    ("junge-erwachsene", "Junge Erwachsene (18-27)"),
    ("erwerbsleben", "Erwerbsleben"),
    ("nachberufliche-phase", "Nachberufliche Phase"),
]

AUDIENCES = [
    ("kinder", "Kinder"),
    ("jugendliche", "Jugendliche"),
    ("eltern", "Eltern und Familien"),
    ("erwachsene", "Erwachsene"),
    ("senioren", "Seniorinnen und Senioren"),
    ("lehrkraefte", "Lehrkräfte"),
    ("fachkraefte", "Pädagogische Fachkräfte"),
    ("unternehmen", "Unternehmen"),
    ("zugewanderte", "Zugewanderte"),
]

# Plain-language ("Leichte Sprache") names of the seed, by slug: short everyday words, long
# compounds split by a Mediopunkt. The plain terms keep slug and translation_key, so filter
# URLs stay the same in both languages.
PLAIN_TOPIC_NAMES = {
    "bne": "Lernen für eine gute Zukunft",
    "mint": "Mathe, Technik und Natur·wissenschaften",
    "uebergang-kita-grundschule": "Von der Kita in die Schule",
    "uebergang-grundschule-weiterfuehrende-schule": "Von der Grund·schule in die nächste Schule",
    "uebergang-schule-beruf": "Von der Schule in den Beruf",
    "uebergang-nachberufliche-phase": "Von der Arbeit in die Rente",
    "fachkraeftesicherung": "Fach·kräfte für die Stadt",
    "lebenslanges-lernen": "Lernen in jedem Alter",
    "kulturelle-bildung": "Kunst, Musik und Kultur",
    "bildung-und-teilhabe": "Geld für Schule und Freizeit",
    "grundbildung": "Lesen, Schreiben und Rechnen lernen",
    "berufsorientierung": "Einen Beruf finden",
    "demokratiebildung": "Demokratie verstehen",
    "sprachfoerderung": "Sprache lernen",
    "digitale-bildung": "Computer und Internet",
}

PLAIN_LIFE_PHASE_NAMES = {
    "fruehe-kindheit": "Kleine Kinder (0 bis 6 Jahre)",
    "grundschulalter": "Kinder in der Grund·schule (6 bis 10 Jahre)",
    "jugend": "Jugend (10 bis 18 Jahre)",
    "junge-erwachsene": "Junge Erwachsene (18 bis 27 Jahre)",
    "erwerbsleben": "Im Arbeits·leben",
    "nachberufliche-phase": "In der Rente",
}

PLAIN_AUDIENCE_NAMES = {
    "kinder": "Kinder",
    "jugendliche": "Jugendliche",
    "eltern": "Eltern und Familien",
    "erwachsene": "Erwachsene",
    "senioren": "Ältere Menschen",
    "lehrkraefte": "Lehrerinnen und Lehrer",
    "fachkraefte": "Erzieherinnen und Erzieher",
    "unternehmen": "Firmen",
    "zugewanderte": "Menschen aus anderen Ländern",
}

PLAIN_NAMES = {
    "Topic": PLAIN_TOPIC_NAMES,
    "LifePhase": PLAIN_LIFE_PHASE_NAMES,
    "Audience": PLAIN_AUDIENCE_NAMES,
}


# For data migrations (historical models through `apps`) ------------------------------------


def _locales(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    default, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    plain, _ = Locale.objects.get_or_create(language_code=settings.PLAIN_LANGUAGE_CODE)
    return default, plain


def add_plain_language_terms(apps, app_label, plain_names):
    """Give each term of the default locale a plain-language translation: same slug, same
    translation_key, the name from `plain_names` ({model name: {slug: name}}) or else the German
    name (districts are proper names; a term editors added gets its plain name from them).
    Only missing rows are created: a second run and terms translated by hand stay as they are."""
    default, plain = _locales(apps)
    for model_name, names in plain_names.items():
        model = apps.get_model(app_label, model_name)
        taken = set(model.objects.filter(locale=plain).values_list("slug", flat=True))
        for term in model.objects.filter(locale=default):
            if term.slug in taken:
                continue
            model.objects.get_or_create(
                translation_key=term.translation_key,
                locale=plain,
                defaults={
                    "slug": term.slug,
                    "name": names.get(term.slug, term.name),
                    "sort_order": term.sort_order,
                },
            )


def _created_terms(apps, app_label, plain_names):
    """{model: {plain term id: German term id}} of the plain terms add_plain_language_terms
    made and editors have not renamed since."""
    default, plain = _locales(apps)
    created = {}
    for model_name, names in plain_names.items():
        model = apps.get_model(app_label, model_name)
        originals = {term.translation_key: term for term in model.objects.filter(locale=default)}
        created[model] = {
            term.pk: originals[term.translation_key].pk
            for term in model.objects.filter(locale=plain, translation_key__in=originals)
            if term.slug == originals[term.translation_key].slug
            and term.name == names.get(term.slug, originals[term.translation_key].name)
        }
    return created


def link_german_terms_again(apps, app_label, plain_names):
    """Whatever links to a plain term add_plain_language_terms made (offers, pages) links to
    its German original again. Only models in the migration state are seen: a later app's
    migration calls this for its models before the terms go."""
    for model, replaced in _created_terms(apps, app_label, plain_names).items():
        _move_references(model, replaced)


def remove_plain_language_terms(apps, app_label, plain_names):
    """Undo add_plain_language_terms: links move to the German originals, then the plain
    terms go; plain terms editors renamed since stay. A link from a model outside the
    migration state makes the database refuse, and nothing changes."""
    for model, replaced in _created_terms(apps, app_label, plain_names).items():
        _move_references(model, replaced)
        model.objects.filter(pk__in=replaced).delete()


def _move_references(model, replaced):
    """Repoint every foreign key and many-to-many link from each key of `replaced` (term ids)
    to its value; a link that would then exist twice is dropped."""
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            through = relation.field.remote_field.through
            owner, term = relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()
            for old, new in replaced.items():
                links = through._base_manager.filter(**{term: old})
                linked = through._base_manager.filter(**{term: new}).values(owner)
                links.filter(**{f"{owner}__in": linked}).delete()
                links.update(**{term: new})
        elif relation.one_to_many or relation.one_to_one:
            manager = relation.related_model._base_manager
            for old, new in replaced.items():
                manager.filter(**{relation.field.name: old}).update(**{relation.field.name: new})
