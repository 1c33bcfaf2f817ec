import datetime

import factory
from django.utils import timezone
from wagtail.models import Locale

from offers.models import District, Offer, Provider
from tests.factories.pages import topic


class ProviderFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Träger {n}")

    class Meta:
        model = Provider


def create_offer(topics=("bne",), audiences=(), publish=True, **fields):
    """An offer saved and published the way the admin and the import do it."""
    defaults = {
        "external_id": f"t-{Offer.objects.count() + 1}-{timezone.now().timestamp()}",
        "title": "Gärtnern mit Kindern",
        "summary": "Wir legen einen Schulgarten an.",
        "provider": ProviderFactory(),
        "district": District.objects.get(slug="buckau", locale__language_code="de"),
        "start_date": timezone.localdate() + datetime.timedelta(days=10),
        "languages": ["de"],
        "locale": Locale.get_default(),
    }
    defaults.update(fields)
    offer = Offer(**defaults)
    offer.live = False
    offer.save()
    offer.topics.set([topic(slug) for slug in topics])
    if audiences:
        from home.models import Audience

        offer.audiences.set(Audience.objects.filter(slug__in=audiences, locale__language_code="de"))
    revision = offer.save_revision()
    if publish:
        revision.publish()
    offer.refresh_from_db()
    return offer
