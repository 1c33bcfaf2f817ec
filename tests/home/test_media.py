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


def test_a_second_page_view_reads_renditions_from_the_cache_and_writes_none(
    client, home_page, monkeypatch
):
    """The lead image's renditions (share image and figure) are made on the first view; the
    next view finds them in the renditions cache without a query, and writes nothing back
    (Wagtail's get_rendition would store each again on every view)."""
    from django.core.cache.backends.locmem import LocMemCache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.models import CreditedRendition

    image = CreditedImageFactory(description="Kinder pflanzen einen Baum", credit="M. Muster")
    page = NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page), lead_image=image)
    assert client.get(page.url).status_code == 200
    made = set(CreditedRendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert len(made) >= 2, made  # the share image and the figure

    writes = []
    original_set = LocMemCache.set

    def recording_set(cache, key, *args, **kwargs):
        writes.append(key)
        return original_set(cache, key, *args, **kwargs)

    monkeypatch.setattr(LocMemCache, "set", recording_set)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    for spec in made:
        rendition = CreditedRendition.objects.get(image=image, filter_spec=spec)
        assert rendition.url in response.content.decode()
    assert not [q for q in queries.captured_queries if "rendition" in q["sql"]]
    assert not [key for key in writes if "rendition" in key], writes
