"""Serializer fields the JSON API shows content with: rich text as HTML with absolute URLs (in
RichTextFields and inside StreamField blocks), StreamFields as structured JSON, images as
renditions with alt text and credit, documents and vocabulary terms as small objects."""

import functools
import re

from django.conf import settings
from django.db.models import Prefetch
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from rest_framework import serializers
from rest_framework.fields import SkipField
from taggit.models import TaggedItem
from wagtail import blocks
from wagtail.api.utils import get_base_url
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models.pages import WAGTAIL_APPEND_SLASH
from wagtail.rich_text import RichText, expand_db_html

from home.sanitising import clean_html, safe_url

# name -> filter spec of the renditions every image carries in the API
IMAGE_RENDITIONS = {"thumbnail": "fill-400x300", "large": "max-1200x1200"}
RELATIVE_URL_RE = re.compile(r'(\s(?:href|src)=")(/(?!/))')


def base_url(request):
    """Scheme and host the API's absolute URLs start with, the same as Wagtail's own
    detail_url and html_url: WAGTAILAPI_BASE_URL, else the root URL of the request's site."""
    base = get_base_url(request)
    if base:
        return base
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url, request):
    if not url or not url.startswith("/") or url.startswith("//"):
        return url
    return base_url(request) + url


def rich_text_html(source, request):
    """Database rich text as front-end HTML: page and document links resolved, cleaned as on
    the pages (home.sanitising), every site-relative href/src made absolute so another origin
    can use the HTML as it is."""
    if source is None:
        return None
    if isinstance(source, RichText):
        source = source.source
    html = clean_html(expand_db_html(source))
    return RELATIVE_URL_RE.sub(rf"\g<1>{base_url(request)}\g<2>", html)


def image_data(image, request):
    """An image as the API shows it everywhere: alt text, credit and renditions."""
    if image is None:
        return None
    # as the templates do: a file missing on disk gives Wagtail's "not found" rendition, not a 500
    renditions = get_renditions_or_not_found(image, list(IMAGE_RENDITIONS.values()))
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.alt_text or "",
        "decorative": image.is_decorative,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": absolute_url(renditions[spec].url, request),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in IMAGE_RENDITIONS.items()
        },
    }


def document_data(document, request):
    if document is None:
        return None
    return {
        "id": document.pk,
        "title": document.title,
        "url": absolute_url(document.url, request),
        "file_type": document.file_type,
        "file_size": document.file_size,
    }


def page_link_data(page, request):
    if page is None:
        return None
    return {
        "id": page.pk,
        "title": page.title,
        "url": absolute_url(page.get_url(request=request), request),
    }


def term_data(term):
    return None if term is None else {"slug": term.slug, "name": term.name}


def block_data(block, value, context):
    """The API value of one StreamField block, recursing into structs, lists and streams."""
    request = context.get("request")
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_html(value, request)
    if isinstance(block, ImageChooserBlock):
        return image_data(value, request)
    if isinstance(block, DocumentChooserBlock):
        return document_data(value, request)
    if isinstance(block, blocks.URLBlock):
        return safe_url(value)
    if isinstance(block, blocks.PageChooserBlock):
        return page_link_data(value and value.specific_deferred, request)
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_data(child, value.get(name), context)
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [block_data(block.child_block, item, context) for item in value or []]
    if isinstance(block, blocks.StreamBlock):
        return stream_data(value, context)
    return block.get_api_representation(value, context=context)


def stream_data(stream, context):
    return [
        {
            "type": child.block_type,
            "id": child.id,
            "value": block_data(child.block, child.value, context),
        }
        for child in stream or []
    ]


class InstanceField(serializers.Field):
    """A read-only field computed from the attribute named by `source` (default: its name)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    @property
    def request(self):
        return self.context.get("request")


class RichTextHTMLField(InstanceField):
    def to_representation(self, value):
        return rich_text_html(value, self.request)


class LinkField(InstanceField):
    """A link address from content, "" where a browser would run it (javascript: …)."""

    def to_representation(self, value):
        return safe_url(value)


class StreamDataField(InstanceField):
    def to_representation(self, value):
        return stream_data(value, self.context)


class ImageDataField(InstanceField):
    def to_representation(self, value):
        return image_data(value, self.request)


class DocumentDataField(InstanceField):
    def to_representation(self, value):
        return document_data(value, self.request)


class TermField(InstanceField):
    def to_representation(self, value):
        return term_data(value)


class TermListField(InstanceField):
    def to_representation(self, value):
        return [term_data(term) for term in value.all()]


class ImageRenditionsField(InstanceField):
    """The renditions of the image the endpoint shows (the images endpoint itself)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, value):
        return image_data(value, self.request)["renditions"]


class AbsoluteDownloadUrlField(InstanceField):
    """The original file of an image, as an absolute URL."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, value):
        return absolute_url(value.file.url, self.request)


class PrefetchedTagsField(InstanceField):
    """Wagtail's TagsField (tag names sorted by name) from `tagged_items` when the listing
    prefetched them sorted (tags_prefetch), instead of one query per item."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, value):
        if "tagged_items" in getattr(value, "_prefetched_objects_cache", {}):
            return [item.tag.name for item in value.tagged_items.all()]
        # as wagtail.api.v2.serializers.TagsField (not importable while models load)
        return list(value.tags.all().order_by("name").values_list("name", flat=True))


def tags_prefetch():
    """The prefetch PrefetchedTagsField reads: each item's tags in the database's name order."""
    return Prefetch(
        "tagged_items", queryset=TaggedItem.objects.select_related("tag").order_by("tag__name")
    )


@functools.lru_cache(maxsize=4096)
def _serve_path(urlconf, script_prefix, language_code, relative_path):
    with translation.override(language_code):
        return reverse("wagtail_serve", args=(relative_path,), urlconf=urlconf)


def page_full_url(page, request):
    """`page.get_full_url(request)`, as Wagtail's get_url_parts builds it, with the path of
    each page and language reversed once per process rather than once per page and request
    (URL conf, script prefix, language and path name the answer). A page of several sites,
    or a site without Wagtail's i18n, is left to Wagtail."""
    possible_sites = page._get_relevant_site_root_paths(request)
    if not possible_sites:
        return None
    several_sites = len({values[0] for values in possible_sites}) > 1
    if several_sites or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return page.get_full_url(request)
    _site_id, root_path, root_url, language_code = possible_sites[0]
    try:  # the active language where it is a variant of the page's language, as in Wagtail
        if get_supported_content_language_variant(translation.get_language()) == language_code:
            language_code = translation.get_language()
    except LookupError:
        pass
    try:
        page_path = _serve_path(
            get_urlconf(), get_script_prefix(), language_code, page.url_path[len(root_path) :]
        )
    except NoReverseMatch:
        return None
    if not WAGTAIL_APPEND_SLASH and page_path != "/":
        page_path = page_path.rstrip("/")
    return root_url + page_path


class PageHtmlUrlField(InstanceField):
    """Wagtail's html_url (page.full_url) with the site root paths read once per request:
    without a request each page reads them from the cache again (a Redis round trip a page);
    and each page's path reversed once per process (page_full_url)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        if self.request is None:
            try:
                return page.full_url
            except NoReverseMatch:
                return None
        # what page.full_url would read, cached on the request instead of on each page
        page._wagtail_cached_site_root_paths = page._get_site_root_paths(self.request)
        return page_full_url(page, self.request)


class DetailUrlField(InstanceField):
    """Wagtail's detail_url with the URL reversed once per request and model: only the id
    differs from item to item."""

    def get_attribute(self, instance):
        from wagtail.api.v2.utils import get_object_detail_url  # needs the models loaded

        model = type(instance)
        templates = self.context.setdefault("detail_url_templates", {})
        if model not in templates:
            templates[model] = get_object_detail_url(self.context["router"], self.request, model, 0)
        template = templates[model]
        if template is None:
            raise SkipField  # no endpoint shows this model, as in Wagtail
        if template.endswith("/0/"):
            return f"{template[:-2]}{instance.pk}/"
        return get_object_detail_url(self.context["router"], self.request, model, instance.pk)

    def to_representation(self, value):
        return value
