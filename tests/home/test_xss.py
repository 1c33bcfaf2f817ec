"""Script smuggled into content never runs: every text field of every page type, block, image,
document, offer, provider, glossary entry, vocabulary term and site setting is filled with
each payload of a list of XSS attacks, bypassing the admin's forms (as a translation, an
import or a script would), and every public page and API response that shows it is checked
for markup a browser would execute."""

import io
import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from home.models import CreditedImage, SizedDocument
from offers.models import FinderPage, Offer

pytestmark = pytest.mark.django_db

# https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html and
# the mutation XSS of https://research.securitum.com/mutation-xss-via-mathml-mutation-dompurify-2-0-17-bypass/
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">Mehr</a>',
    '<a href="JaVaScRiPt:alert(1)">Mehr</a>',
    '<a href="&#106;avascript:alert(1)">Mehr</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<body onload=alert(1)>",
    '<p style="background:url(javascript:alert(1))">Text</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<form action="javascript:alert(1)"><button>Senden</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<details open ontoggle=alert(1)>",
]
URL_PAYLOADS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
]
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset"}
FORBIDDEN_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "svg",
    "math",
    "style",
}
# fields that are not text anyone reads on a page (identifiers, addresses, machine values)
NOT_TEXT = (models.SlugField, models.EmailField, models.URLField)
SKIP_FIELDS = {
    "path",
    "url_path",
    "filter_spec",
    "draft_title",
    "content_type",
    "translation_key",
    "external_id",
    "file",
    "file_hash",
    "focal_point_key",
    "languages",
    "password",
    "latest_revision",
    "search_description",
}
CONTENT_APPS = ("home", "articles", "offers")


def scheme(url):
    squeezed = "".join(char for char in url if char > " ")
    return urlsplit(squeezed).scheme.lower()


def executable_markup(html):
    """What in `html` a browser would run: script, frames, event handlers, javascript: links."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name == "script":
            if tag.get("type") == "application/ld+json":
                json.loads(tag.string)  # still one intact JSON document
            elif not (tag.get("src") or "").startswith("/static/"):
                found.append(str(tag)[:120])
        if tag.name in FORBIDDEN_TAGS:
            found.append(f"<{tag.name}>")
        if tag.name == "meta" and tag.get("http-equiv"):
            found.append(str(tag)[:120])
        for name, value in tag.attrs.items():
            if name.startswith("on") or name in {"style", "srcdoc"}:
                found.append(f"<{tag.name} {name}=…>")
            if name in URL_ATTRIBUTES and scheme(str(value)) not in SAFE_SCHEMES:
                found.append(f"<{tag.name} {name}={value!r}>")
    return found


def stream_raw(stream_block, text, url, image_id, document_id):
    """One block of every type the stream block offers, every text in it `text`."""

    def raw(block):
        if isinstance(block, blocks.StructBlock):
            return {name: raw(child) for name, child in block.child_blocks.items()}
        if isinstance(block, blocks.ListBlock):
            return [raw(block.child_block)]
        if isinstance(block, blocks.StreamBlock):
            return [
                {"type": name, "value": raw(child)} for name, child in block.child_blocks.items()
            ]
        if isinstance(block, TableBlock):
            return {"data": [[text, text], [text, text]], "first_col_is_header": True}
        if isinstance(block, blocks.URLBlock):
            return url
        if isinstance(block, ImageChooserBlock):
            return image_id
        if isinstance(block, DocumentChooserBlock):
            return document_id
        if isinstance(block, blocks.PageChooserBlock):
            return None
        if isinstance(block, blocks.ChoiceBlock):
            return block.get_prep_value(block.get_default()) or block.field.choices[-1][0]
        if isinstance(block, blocks.RichTextBlock | blocks.CharBlock | blocks.TextBlock):
            return text
        return block.get_prep_value(block.get_default())

    return raw(stream_block)


def text_fields(model):
    for field in model._meta.get_fields():
        if not field.concrete or field.model is not model or field.name in SKIP_FIELDS:
            continue
        if getattr(field, "choices", None):
            continue
        is_text = isinstance(field, models.CharField | models.TextField)
        if isinstance(field, StreamField) or is_text and not isinstance(field, NOT_TEXT):
            yield field


def url_fields(model):
    return [
        field
        for field in model._meta.get_fields()
        if field.concrete and field.model is model and isinstance(field, models.URLField)
    ]


def content_models():
    """Every model of the content apps that holds text (pages with their own table included)."""
    for app in CONTENT_APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__ in {"FormNotification", "ImportRun"} or model._meta.proxy:
                continue
            yield model
    yield Page


def fill_everything(text, url):
    """Every text field of every row `text`, every link address `url`, every stream body one
    block of each type. Straight into the database, past the forms' validation."""
    image = CreditedImage.objects.first()
    document = SizedDocument.objects.first()
    for model in content_models():
        changes = {}
        for field in text_fields(model):
            if isinstance(field, StreamField):
                raw = stream_raw(field.stream_block, text, url, image.pk, document.pk)
                changes[field.attname] = json.dumps(raw)
            else:
                value = f"<p>{text}</p>" if isinstance(field, RichTextField) else text
                changes[field.attname] = value[: field.max_length] if field.max_length else value
        changes.update({field.attname: url for field in url_fields(model)})
        if changes:
            stream_names = [name for name, value in changes.items() if value.startswith("[")]
            if stream_names:  # StreamField JSON needs the field's own conversion
                for row in model._default_manager.all():
                    for name in stream_names:
                        setattr(row, name, json.loads(changes[name]))
                    field_values = {name: getattr(row, name) for name in stream_names}
                    model._default_manager.filter(pk=row.pk).update(**field_values)
                changes = {k: v for k, v in changes.items() if k not in stream_names}
            unique = {name for name in changes if model._meta.get_field(name).unique}
            model._default_manager.update(**{k: v for k, v in changes.items() if k not in unique})
            for pk in model._default_manager.values_list("pk", flat=True) if unique else ():
                model._default_manager.filter(pk=pk).update(
                    **{name: f"{changes[name]} {pk}" for name in unique}
                )
    for image in CreditedImage.objects.all():
        CreditedImage.objects.filter(pk=image.pk).update(title=text, description=text, credit=text)
    SizedDocument.objects.update(title=text)
    cache.clear()


URL_KEYS = {"url", "html_url", "detail_url", "download_url", "website", "registration_url"}


def api_leaks(data, payload, key=None):
    """What in an API response could run: every string is either the text as stored (plain
    text, which a JSON client inserts as text) or HTML with nothing executable in it, and
    every link address is a web, mail or phone address."""
    if isinstance(data, dict):
        return [leak for name, value in data.items() for leak in api_leaks(value, payload, name)]
    if isinstance(data, list):
        return [leak for value in data for leak in api_leaks(value, payload, key)]
    if not isinstance(data, str):
        return []
    if key in URL_KEYS or key == "value" and scheme(data) not in SAFE_SCHEMES:
        return [] if scheme(data) in SAFE_SCHEMES else [f"{key}: {data!r}"]
    if data == payload or payload.startswith(data) or data.startswith(f"{payload} "):
        return []  # plain text, as stored
    return [f"{key}: {found}" for found in executable_markup(data)]


def api_urls(pages):
    offer = Offer.objects.filter(live=True).first()
    return [
        *(f"/api/v2/pages/{page.pk}/" for page in pages),
        f"/api/v2/offers/{offer.pk}/",
        "/api/v2/offers/",
        "/api/v2/search/?q=Schule",
        f"/api/v2/images/{CreditedImage.objects.first().pk}/",
        f"/api/v2/documents/{SizedDocument.objects.first().pk}/",
    ]


@pytest.fixture
def demo_site(settings):
    settings.DEBUG = False
    call_command("load_demo_content", stdout=io.StringIO())
    pages = [page for page in Page.objects.live().specific() if page.depth > 1]
    one_of_each_type = {type(page): page for page in reversed(pages)}.values()
    urls = [page.get_url() for page in one_of_each_type]
    urls += [Offer.objects.filter(live=True).first().url]
    finder = next(page for page in pages if isinstance(page, FinderPage))
    urls += ["/suche/?q=Schule", f"{finder.get_url()}?q=Schule"]
    return {"urls": urls, "api_urls": api_urls(one_of_each_type)}


def test_no_payload_runs_on_any_page_or_in_the_api(client, demo_site):
    """Each text payload, with a link address payload in turn (every one several times), on
    one page of each type, an offer, search and finder, and in the JSON API's answers for
    the same content. One test: the demo site it fills takes half a minute to build."""
    leaks = []
    for number, payload in enumerate(PAYLOADS):
        fill_everything(payload, URL_PAYLOADS[number % len(URL_PAYLOADS)])
        for url in demo_site["urls"]:
            response = client.get(url)
            assert response.status_code == 200, (payload, url)
            found = executable_markup(response.content.decode())
            if found:
                leaks.append((payload, url, found[:3]))
        for url in demo_site["api_urls"]:
            response = client.get(url)
            assert response.status_code == 200, (payload, url)
            found = api_leaks(response.json(), payload)
            if found:
                leaks.append((payload, url, found[:3]))
    assert leaks == []
