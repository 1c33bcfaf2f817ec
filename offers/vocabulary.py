"""Fixed choices of offers and the vocabulary seed, as the offer-import contract defines them
(shared/contracts/offer-import.md). One source of truth for the import, forms and filters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferFormat(models.TextChoices):
    PRAESENZ = "praesenz", _("Präsenz")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


FORMATS_NEEDING_PLACE = {OfferFormat.PRAESENZ, OfferFormat.HYBRID}

ACCESSIBILITY_FEATURES = [
    ("rollstuhlgerecht", "Rollstuhlgerecht"),
    ("induktionsschleife", "Induktionsschleife"),
    ("gebaerdensprache", "Gebärdensprache"),
    ("leichte-sprache", "Angebot in Leichter Sprache"),
    ("kinderbetreuung", "Kinderbetreuung vor Ort"),
]

# Plain-language ("Leichte Sprache") names by slug; districts keep their names in plain
# language, they are proper names.
PLAIN_ACCESSIBILITY_FEATURE_NAMES = {
    "rollstuhlgerecht": "Gut mit dem Roll·stuhl",
    "induktionsschleife": "Hör·hilfe für Menschen mit Hör·gerät",
    "gebaerdensprache": "Mit Gebärden·sprache",
    "leichte-sprache": "In Leichter Sprache",
    "kinderbetreuung": "Jemand passt auf Ihre Kinder auf",
}

DISTRICT_NAMES = [
    "Altstadt",
    "Werder",
    "Alte Neustadt",
    "Neue Neustadt",
    "Neustädter See",
    "Kannenstieg",
    "Neustädter Feld",
    "Sülzegrund",
    "Nordwest",
    "Alt Olvenstedt",
    "Neu Olvenstedt",
    "Stadtfeld Ost",
    "Stadtfeld West",
    "Diesdorf",
    "Sudenburg",
    "Ottersleben",
    "Lemsdorf",
    "Leipziger Straße",
    "Reform",
    "Hopfengarten",
    "Beyendorfer Grund",
    "Beyendorf-Sohlen",
    "Buckau",
    "Fermersleben",
    "Salbke",
    "Westerhüsen",
    "Brückfeld",
    "Berliner Chaussee",
    "Cracau",
    "Prester",
    "Zipkeleben",
    "Kreuzhorst",
    "Herrenkrug",
    "Rothensee",
    "Industriehafen",
    "Gewerbegebiet Nord",
    "Barleber See",
    "Großer Silberberg",
    "Pechau",
    "Randau-Calenberge",
]


def district_slug(name):
    """The contract's slug rule: lower case, umlauts written out, spaces to hyphens."""
    slug = name.lower()
    for umlaut, replacement in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        slug = slug.replace(umlaut, replacement)
    return slug.replace(" ", "-")


DISTRICTS = [(district_slug(name), name) for name in DISTRICT_NAMES]
