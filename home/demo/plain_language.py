"""Plain-language ("Leichte Sprache") versions of part of the demo site.

The texts are written fresh for the plain locale: short sentences, one statement each, long
compounds split with the Mediopunkt "·", hard words explained. The versions are made through
wagtail-localize (TranslationSource and Translation), so the translation dashboard shows them
like an editor's work. To show every status there, one German news item gets an updated teaser
after its translation ("veraltet") and one plain topic page keeps an unpublished draft
("in Arbeit"); most German pages stay without a plain version ("fehlt").

Idempotent: an object that already has a plain version is left alone."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Site
from wagtail_localize.models import Translation, TranslationSource

from articles.models import LeitbildPage, NewsIndexPage, NewsPage, TopicIndexPage, TopicPage
from home.models import FormPage, HomePage
from offers.models import Offer
from offers.search_index import index_offers, index_updates_paused


def lines(*statements):
    """One paragraph block; each statement on its own line."""
    return ("paragraph", "<p>" + "<br/>".join(statements) + "</p>")


HOME = {
    "title": "Bildung in Magdeburg – Leichte Sprache",
    "intro": (
        "<p>Auf dieser Internet·seite geht es um Bildung in Magdeburg.<br/>"
        "Bildung heißt: Menschen lernen etwas Neues.<br/>"
        "Das geht in jedem Alter.<br/>"
        "Zum Beispiel in der Kita, in der Schule, im Beruf und im Alter.</p>"
        "<p>Das Bildungs·büro von der Stadt schreibt diese Seite.<br/>"
        "Das Bildungs·büro bringt viele Menschen zusammen.<br/>"
        "Zum Beispiel: Kitas, Schulen, Vereine und Betriebe.</p>"
        "<p>So finden Sie sich auf der Seite zurecht:<br/>"
        "Oben auf jeder Seite ist ein Menü.<br/>"
        "Im Menü stehen alle Bereiche von der Seite.<br/>"
        "Oben auf jeder Seite ist auch die Suche.<br/>"
        "Dort schreiben Sie ein Wort hinein.<br/>"
        "Dann zeigt die Seite passende Texte und Angebote.<br/>"
        "Oben steht auch: Deutsch / Leichte Sprache.<br/>"
        "Dort wechseln Sie die Sprache.</p>"
        "<p>Wir wollen: Alle Menschen können diese Seite gut benutzen.<br/>"
        'Das steht in der <a linktype="page" id="{statement_id}">'
        "Erklärung zur Barriere·freiheit</a>.<br/>"
        "Barriere·freiheit heißt: Nichts stört beim Benutzen.<br/>"
        "Die Erklärung ist in schwerer Sprache.<br/>"
        "Sie finden den Link auch ganz unten auf jeder Seite.</p>"
    ),
    "search_description": "Bildung in Magdeburg in Leichter Sprache.",
}

INDEXES = {
    "themen": ("Themen", "Hier stehen unsere Themen. Jedes Thema hat eine eigene Seite."),
    "aktuelles": ("Neuigkeiten", "Hier stehen neue Nachrichten vom Bildungs·büro."),
}

# German topic slug: (title, intro, body)
TOPICS = {
    "bne": (
        "Lernen für eine gute Zukunft",
        "Wir lernen: So schützen wir die Umwelt. So leben wir gut zusammen.",
        [
            lines(
                "Unser Handeln hat Folgen.",
                "Zum Beispiel für das Klima.",
                "Oder für Menschen in anderen Ländern.",
            ),
            lines(
                "Kinder und Erwachsene lernen darüber.",
                "Sie lernen auch: Das kann ich selbst tun.",
                "Zum Beispiel: weniger Müll machen.",
            ),
            lines(
                "Der schwere Name dafür ist: Bildung für nachhaltige Entwicklung.",
                "Nachhaltig heißt: Wir verbrauchen heute nicht zu viel.",
                "Dann bleibt genug für später.",
            ),
        ],
    ),
    "uebergang-kita-grundschule": (
        "Von der Kita in die Grund·schule",
        "Ihr Kind kommt bald in die Schule. Wir helfen beim Start.",
        [
            lines(
                "Die Kita und die Schule sprechen miteinander.",
                "Die Eltern sind auch dabei.",
                "So lernt die Schule Ihr Kind schon vorher kennen.",
            ),
            lines(
                "Ihr Kind darf die Schule vorher besuchen.",
                "Es sieht das Schul·haus.",
                "Es lernt die Lehrerinnen und Lehrer kennen.",
            ),
            lines(
                "Sie haben Fragen?",
                "Dann fragen Sie in der Kita.",
                "Oder Sie fragen in der Schule.",
            ),
        ],
    ),
    "bildung-und-teilhabe": (
        "Geld für Bildung",
        "Ihre Familie hat wenig Geld? Dann bekommen Sie vielleicht Hilfe für Ihr Kind.",
        [
            lines(
                "Die Stadt bezahlt zum Beispiel:",
                "das Essen in der Schule,",
                "Ausflüge mit der Klasse,",
                "Hilfe beim Lernen,",
                "Sport·vereine und Musik·schule.",
            ),
            lines(
                "Dafür stellen Sie einen Antrag.",
                "Antrag heißt: Sie füllen ein Formular aus.",
                "Eine Beratungs·stelle hilft Ihnen dabei.",
            ),
            lines(
                "Der schwere Name dafür ist: Bildung und Teilhabe.",
                "Teilhabe heißt: Alle Kinder können mitmachen.",
            ),
        ],
    ),
    "lebenslanges-lernen": (
        "Lernen im ganzen Leben",
        "Lernen hört nach der Schule nicht auf. Auch Erwachsene lernen.",
        [
            lines(
                "Es gibt viele Kurse für Erwachsene.",
                "Zum Beispiel: Lesen und Schreiben.",
                "Oder: ein Handy benutzen.",
            ),
            lines(
                "Viele Kurse sind am Abend.",
                "Dann haben auch Menschen mit Arbeit Zeit.",
            ),
        ],
    ),
}

# The plain topic page that keeps an unpublished draft, so one row shows "in Arbeit".
DRAFT_TOPIC = (
    "lebenslanges-lernen",
    "Lernen hört nach der Schule nicht auf. Auch alte Menschen lernen.",
)

# German news slug: (title, teaser, body)
NEWS = {
    "meldung-1": (
        "Ein großes Treffen zum Schul·start",
        "Über 200 Menschen haben sich getroffen. Sie haben über den Weg von der Kita in die "
        "Schule gesprochen.",
        [
            lines(
                "Das Treffen heißt: Bildungs·konferenz.",
                "Dort waren Erzieherinnen, Lehrer und Eltern.",
                "Sie haben in kleinen Gruppen gearbeitet.",
            ),
            lines(
                "Alle wollen das Gleiche:",
                "Kinder sollen gut in die Schule starten.",
                "Die Ideen von dem Treffen helfen dabei.",
            ),
        ],
    ),
    "meldung-2": (
        "Neue Gruppe für die Umwelt",
        "12 Orte für Bildung arbeiten jetzt zusammen. Sie helfen Schulen bei Umwelt·projekten.",
        [
            lines(
                "In der Gruppe sind zum Beispiel:",
                "2 Museen,",
                "die Stadt·bibliothek,",
                "Umwelt·vereine und Schulen.",
            ),
            lines(
                "Alle Angebote stehen in einem Kalender.",
                "Ihre Schule will mitmachen?",
                "Dann schreiben Sie dem Bildungs·büro.",
            ),
        ],
    ),
    "meldung-7": (
        "Geld für Bildung: Der Antrag ist jetzt kürzer",
        "Familien mit wenig Geld bekommen Hilfe für ihre Kinder. Das Formular dafür ist jetzt "
        "kürzer.",
        [
            lines(
                "Die Stadt bezahlt zum Beispiel Ausflüge und das Essen in der Schule.",
                "Dafür füllen Sie ein Formular aus.",
                "Das Formular hat jetzt weniger Fragen.",
            ),
            lines(
                "Sie brauchen Hilfe beim Formular?",
                "Dann gehen Sie zu einer Beratungs·stelle.",
                "Die Beratung kostet nichts.",
            ),
        ],
    ),
}

# After its translation the German news item gets a new teaser: its row shows "veraltet".
OUTDATED_NEWS = (
    "meldung-2",
    " Nachtrag: Inzwischen sind 15 Einrichtungen dabei, darunter zwei Kitas.",
)

LEITBILD = (
    "Unser Plan für gute Bildung",
    "Die Stadt hat einen Plan für Bildung geschrieben. Viele Menschen haben dabei mitgemacht.",
    [
        lines(
            "Der schwere Name für den Plan ist: Bildungs·leitbild.",
            "Im Plan steht: Das ist uns bei Bildung wichtig.",
        ),
        lines(
            "Zum Beispiel:",
            "Alle Menschen sollen gut lernen können.",
            "Das Geld von den Eltern soll dabei egal sein.",
            "Die Orte für Bildung sollen gut zusammen·arbeiten.",
        ),
        lines(
            "Viele Menschen aus der Stadt haben ihre Ideen gesagt.",
            "Daraus ist der Plan entstanden.",
        ),
    ],
)

# German offer external_id: (title, summary, description)
OFFERS = {
    "demo-d01": (
        "Garten·arbeit an der Schule",
        "Kinder machen einen Garten. Sie pflanzen Gemüse.",
        "Die Kinder graben Beete.\nSie säen Gemüse.\nSie lernen: Insekten sind wichtig für "
        "Pflanzen.\nDer Kurs kostet nichts.",
    ),
    "demo-d03": (
        "Reparieren statt wegwerfen",
        "Etwas ist kaputt? Hier reparieren Sie es zusammen mit anderen.",
        "Sie bringen etwas Kaputtes mit.\nZum Beispiel einen Toaster oder ein Fahrrad.\n"
        "Helfer zeigen Ihnen: So reparieren Sie es.",
    ),
    "demo-d05": (
        "Forschen mit Strom",
        "Kinder bauen kleine Strom·kreise. Sie bringen Lampen zum Leuchten.",
        "Die Kinder lernen: So fließt Strom.\nSie bauen selbst kleine Geräte.\n"
        "Sie lernen auch: So funktioniert eine Batterie.",
    ),
    "demo-d07": (
        "Mathe zum Anfassen",
        "Kinder aus der Grund·schule rechnen mit Spielen und Dingen zum Anfassen.",
        "Die Kinder messen und wiegen.\nSie schätzen und knobeln.\nSo macht Mathe Spaß.",
    ),
    "demo-d10": (
        "Kita·kinder besuchen die Schule",
        "Ihr Kind kommt bald in die Schule. Es darf die Schule vorher besuchen.",
        "Ihr Kind sieht das Schul·haus.\nEs lernt die Lehrerinnen und Lehrer kennen.\n"
        "So hat es am ersten Schul·tag weniger Angst.",
    ),
    "demo-d11": (
        "Eltern·abend: Ist mein Kind bereit für die Schule?",
        "Eltern erfahren: Das braucht mein Kind für den Schul·start.",
        "Fach·leute erklären den Schul·start.\nSie sagen: So helfen Sie Ihrem Kind.\n"
        "Sie dürfen alle Fragen stellen.",
    ),
    "demo-d12": (
        "Vorlesen für Kinder in der 1. Klasse",
        "Freiwillige Helfer lesen mit Kindern. So macht Lesen mehr Spaß.",
        "Die Helfer bekommen kein Geld.\nSie lesen gern mit Kindern.\n"
        "Die Kinder lernen so besser lesen.",
    ),
    "demo-d13": (
        "Welche Schule nach der 4. Klasse?",
        "Eltern erfahren: Diese Schulen gibt es nach der Grund·schule.",
        "Es gibt verschiedene Schulen.\nWir erklären die Unterschiede.\n"
        "Wir sagen auch: Bis wann melden Sie Ihr Kind an.",
    ),
    "demo-d15": (
        "Üben für die Bewerbung",
        "Sie suchen Arbeit? Hier üben Sie die Bewerbung.",
        "Sie schreiben einen Lebens·lauf.\nSie üben ein Gespräch mit einer Firma.\n"
        "Sie bekommen Tipps.",
    ),
    "demo-d18": (
        "Beratung: Ausbildung oder Studium",
        "Junge Menschen bekommen Hilfe. Sie finden den richtigen Weg nach der Schule.",
        "Sie wissen nicht: Was mache ich nach der Schule?\nHier bekommen Sie Beratung.\n"
        "Alle Fragen klären Sie an einem Ort.",
    ),
    "demo-d21": (
        "Hilfe mit Tablet und Handy",
        "Ältere Menschen lernen in Ruhe: So benutze ich Tablet und Handy.",
        "Ein Tablet ist ein kleiner Computer mit Bildschirm.\nSie bringen Ihr Gerät mit.\n"
        "Jemand erklärt Ihnen alles langsam.",
    ),
    "demo-d29": (
        "Nach·hilfe für Schul·kinder",
        "Ihr Kind braucht Hilfe beim Lernen? Die Stadt bezahlt die Nach·hilfe.",
        "Nach·hilfe heißt: Jemand übt mit Ihrem Kind den Stoff aus der Schule.\n"
        "Ihre Familie hat wenig Geld?\nDann bezahlt die Stadt die Nach·hilfe.",
    ),
    "demo-d30": (
        "Hilfe beim Antrag: Geld für Bildung",
        "Wir helfen Ihnen beim Antrag. Dann bekommt Ihr Kind Geld für Bildung.",
        "Antrag heißt: Sie füllen ein Formular aus.\nWir helfen beim Ausfüllen.\n"
        "Die Beratung gibt es auch in anderen Sprachen.",
    ),
    "demo-d31": (
        "Schwimmen lernen ohne Kosten",
        "Kinder lernen schwimmen. Für Familien mit wenig Geld kostet der Kurs nichts.",
        "Ihr Kind lernt schwimmen.\nDer Kurs ist für Kinder aus Familien mit wenig Geld.\n"
        "Ihre Familie muss nichts bezahlen.",
    ),
    "demo-d35": (
        "Lesen und Schreiben für Erwachsene",
        "Erwachsene üben Lesen und Schreiben. Die Gruppen sind klein.",
        "Viele Erwachsene können nicht gut lesen.\nDas ist nicht schlimm.\n"
        "Hier üben Sie in Ruhe.\nNiemand erzählt es weiter.",
    ),
    "demo-d37": (
        "Offene Lern·zeit im Stadt·teil",
        "Sie wollen etwas lernen? Kommen Sie einfach vorbei.",
        "Sie müssen sich nicht anmelden.\nEs gibt keine Prüfung.\n"
        "Eine Person hilft Ihnen beim Lernen.",
    ),
}


class PlainLanguageBuilder:
    """Creates the plain versions; `created` counts the new ones."""

    def __init__(self, plain_locale, home):
        self.locale = plain_locale
        self.home = home
        self.created = 0

    def translate(self, original, **fields):
        """The plain version of `original`: found, or made through wagtail-localize and then
        given the plain texts. Returns (plain version, whether it was made now)."""
        existing = original.get_translation_or_none(self.locale)
        if existing is not None:
            return existing, False
        source, _ = TranslationSource.get_or_create_from_instance(original)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=self.locale)
        # As a draft: wagtail-localize would publish only on commit; we publish below.
        translation.save_target(publish=False)
        plain = original.get_translation(self.locale)
        plain = getattr(plain, "specific", plain)
        for name, value in fields.items():
            setattr(plain, name, value)
        plain.save_revision().publish()
        self.created += 1
        return plain, True

    def child(self, parent, model, slug):
        return model.objects.child_of(parent).live().filter(slug=slug).first()

    def build(self):
        statement = FormPage.objects.child_of(self.home).filter(slug="barrierefreiheit").first()
        intro = HOME["intro"].format(statement_id=statement.pk if statement else "")
        if statement is None:
            intro = intro.replace(' linktype="page" id=""', "")
        plain_home, home_is_new = self.translate(
            self.home,
            title=HOME["title"],
            intro=intro,
            search_description=HOME["search_description"],
            plain_language_page=None,
        )
        teasers = []
        topic_index = self.child(self.home, TopicIndexPage, "themen")
        if topic_index is not None:
            self.translate(topic_index, title=INDEXES["themen"][0], intro=INDEXES["themen"][1])
            for slug, (title, intro, body) in TOPICS.items():
                original = self.child(topic_index, TopicPage, slug)
                if original is None:
                    continue
                plain, new = self.translate(
                    original, title=title, intro=intro, search_description=intro, body=body
                )
                teasers.append((plain, intro, original.lead_image))
                if new and slug == DRAFT_TOPIC[0]:
                    plain.intro = DRAFT_TOPIC[1]
                    plain.save_revision()
        news_index = self.child(self.home, NewsIndexPage, "aktuelles")
        if news_index is not None:
            self.translate(news_index, title=INDEXES["aktuelles"][0], intro=INDEXES["aktuelles"][1])
            for slug, (title, teaser, body) in NEWS.items():
                original = self.child(news_index, NewsPage, slug)
                if original is None:
                    continue
                _, new = self.translate(
                    original, title=title, teaser=teaser, search_description=teaser, body=body
                )
                if new and slug == OUTDATED_NEWS[0]:
                    original.teaser += OUTDATED_NEWS[1]
                    original.save_revision().publish()
        leitbild = self.child(self.home, LeitbildPage, "bildungsleitbild")
        if leitbild is not None:
            title, intro, body = LEITBILD
            plain, _ = self.translate(leitbild, title=title, intro=intro, body=body)
            teasers.append((plain, intro, None))
        if home_is_new:
            self.link_teasers(plain_home, teasers)
        self.offers()
        return self.created

    def link_teasers(self, plain_home, teasers):
        """The plain home page leads to the plain pages, not to their German originals."""
        # fresh from the database: publishing a stale copy would reset the tree's child count
        plain_home = HomePage.objects.get(pk=plain_home.pk)
        plain_home.teasers.set(
            [
                plain_home.teasers.model(page=page, text=text, image=image)
                for page, text, image in teasers
            ]
        )
        plain_home.save_revision().publish()

    def offers(self):
        """Like the offer import: the search index learns of the new offers once, in bulk."""
        originals = Offer.objects.filter(
            locale=self.home.locale, live=True, external_id__in=OFFERS
        ).order_by("external_id")
        new_ids = []
        with index_updates_paused():
            for original in originals:
                title, summary, description = OFFERS[original.external_id]
                plain, new = self.translate(
                    original, title=title, summary=summary, description=description
                )
                if new:
                    new_ids.append(plain.pk)
        if new_ids:
            index_offers(new_ids)


def build_plain_language_versions():
    """Make the plain-language demo versions; returns how many objects were created. Skips
    quietly when the plain locale or the German demo site is missing."""
    plain_locale = Locale.objects.filter(language_code=settings.PLAIN_LANGUAGE_CODE).first()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if plain_locale is None or site is None:
        return 0
    home = site.root_page.specific
    if not isinstance(home, HomePage) or home.locale_id == plain_locale.pk:
        return 0
    # One transaction: fast on SQLite, and all or nothing. wagtail-localize's own publishing
    # waits for the commit, so the builder saves drafts through it and publishes them itself.
    with transaction.atomic():
        return PlainLanguageBuilder(plain_locale, home).build()
