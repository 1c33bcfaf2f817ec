import factory
import wagtail_factories
from django.core.files.base import ContentFile

from home.models import CreditedImage, SizedDocument


class CreditedImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Testbild {n}")
    description = factory.Sequence(lambda n: f"Kinder experimentieren an Tisch {n}")
    credit = factory.Sequence(lambda n: f"Fotostudio {n}")

    class Meta:
        model = CreditedImage


class SizedDocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Protokoll {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(b"%PDF-1.4\n% test\n" + b"x" * 2048, name="protokoll.pdf")
    )

    class Meta:
        model = SizedDocument
