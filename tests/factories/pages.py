import datetime

import factory
import wagtail_factories
from django.utils import timezone

from articles import models as articles
from home import models as home


def topic(slug="bne"):
    return home.Topic.objects.get(slug=slug, locale__language_code="de")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Bildung in Magdeburg"
    intro = "<p>Willkommen beim Bildungsbüro.</p>"

    class Meta:
        model = home.HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standardseite {n}")
    intro = "Eine Einleitung."

    class Meta:
        model = home.StandardPage


class FormPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kontakt {n}")
    intro = "Schreiben Sie uns."
    to_address = "bildung@example.org"
    from_address = "noreply@example.org"
    subject = "Neue Nachricht"

    class Meta:
        model = home.FormPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktuelles"
    slug = "aktuelles"

    class Meta:
        model = articles.NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nachricht Nummer {n}")
    teaser = factory.Sequence(lambda n: f"Kurzer Teaser zur Nachricht {n}.")
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    lead_image = factory.SubFactory("tests.factories.media.CreditedImageFactory")

    class Meta:
        model = articles.NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)
            obj.save_revision().publish()


class TopicIndexPageFactory(wagtail_factories.PageFactory):
    title = "Themen"
    slug = "themen"

    class Meta:
        model = articles.TopicIndexPage


class TopicPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Thema {n}")
    topic = factory.LazyFunction(topic)
    intro = "Worum es bei diesem Thema geht."
    contact_name = "Bildungsbüro, Team BNE"
    contact_email = "bne@example.org"

    class Meta:
        model = articles.TopicPage


class LeitbildPageFactory(wagtail_factories.PageFactory):
    title = "Bildungsleitbild"
    intro = "Unser gemeinsames Verständnis von Bildung."

    class Meta:
        model = articles.LeitbildPage


class LeitbildChapterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kapitel {n}")
    summary = "Kurzfassung des Kapitels."

    class Meta:
        model = articles.LeitbildChapterPage


class CommitteeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Gremien"

    class Meta:
        model = articles.CommitteeIndexPage


class CommitteePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Arbeitsgemeinschaft {n}")
    purpose = "<p>Die AG stimmt Angebote am Übergang ab.</p>"

    class Meta:
        model = articles.CommitteePage


class ReportIndexPageFactory(wagtail_factories.PageFactory):
    title = "Berichte"

    class Meta:
        model = articles.ReportIndexPage


class ReportPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bildungsbericht {2020 + n}")
    published_on = datetime.date(2025, 6, 1)
    summary = "Zentrale Ergebnisse des Bildungsmonitorings."

    class Meta:
        model = articles.ReportPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Veranstaltungen"

    class Meta:
        model = articles.EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bildungskonferenz {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=6))
    teaser = "Die Konferenz bringt Akteure der Bildung zusammen."
    location_name = "Altes Rathaus"
    address = "Alter Markt 6, 39104 Magdeburg"
    registration_url = "https://example.org/anmeldung"

    class Meta:
        model = articles.EventPage


def standard_page_edit_form(page, **changes):
    """The POST data of the admin's edit form for a standard page (or a page with the same
    fields), with `changes` applied, e.g. ``**{"action-publish": "action-publish"}``."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data
