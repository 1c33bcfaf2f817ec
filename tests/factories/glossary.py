import factory
import wagtail_factories
from django.conf import settings
from wagtail.models import Locale

from articles import models as articles


def plain_locale():
    return Locale.objects.get(language_code=settings.PLAIN_LANGUAGE_CODE)


class GlossaryEntryFactory(factory.django.DjangoModelFactory):
    word = factory.Sequence(lambda n: f"Fachwort{n}")
    explanation = "Ein schweres Wort.\nWir erklären es hier."
    locale = factory.LazyFunction(plain_locale)

    class Meta:
        model = articles.GlossaryEntry


class GlossaryPageFactory(wagtail_factories.PageFactory):
    title = "Wörterbuch"
    slug = "woerterbuch"
    intro = "Hier erklären wir schwere Wörter."

    class Meta:
        model = articles.GlossaryPage
