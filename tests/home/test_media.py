"""Images carry credit and alt text to every page; documents know their type and size."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    CreditedImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SizedDocumentFactory,
)

pytestmark = pytest.mark.django_db


def test_image_without_alt_text_is_refused():
    image = CreditedImageFactory.build(description="", is_decorative=False, credit="x")
    with pytest.raises(ValidationError) as error:
        image.clean()
    assert "Alternativtext" in str(error.value)


def test_decorative_image_needs_no_alt_text_and_renders_empty_alt():
    image = CreditedImageFactory.build(description="", is_decorative=True)
    image.clean()
    assert image.alt_text == ""


def test_image_credit_is_required():
    image = CreditedImageFactory(credit="Bildstelle")
    image.credit = ""
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "credit" in error.value.message_dict


def test_news_page_shows_image_with_alt_text_and_credit(client, home_page):
    image = CreditedImageFactory(description="Kinder pflanzen einen Baum", credit="M. Muster")
    index = NewsIndexPageFactory(parent=home_page)
    page = NewsPageFactory(parent=index, lead_image=image)
    html = client.get(page.url).content.decode()
    assert 'alt="Kinder pflanzen einen Baum"' in html
    assert "© M. Muster" in html
    # The listing shows the credit too.
    assert "© M. Muster" in client.get(index.url).content.decode()


def test_document_records_file_type_and_size():
    document = SizedDocumentFactory()
    document.refresh_from_db()
    assert document.file_type == "PDF"
    assert document.file_size == document.file.size > 2000
