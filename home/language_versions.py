"""The German and plain-language versions of what a page shows, for the language switch,
the hreflang links and the sitemap."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from home import fragment_cache

LABELS = {"de": _("Deutsch"), settings.PLAIN_LANGUAGE_CODE: _("Leichte Sprache")}
MISSING_PARAM = "fehlt"  # ?fehlt=1 on a home page: "this page has no version in this language"


@dataclass
class Version:
    code: str
    label: str
    url: str
    exists: bool  # False: the link leads to that language's home page with a notice
    current: bool


def _home_url(code):
    """The home page of a language (no query: each site's tree starts at its prefix)."""
    with translation.override(code):
        return reverse("wagtail_serve", args=("",))


def _translation_urls(request, obj):
    """{language code: URL} of the live language versions of `obj`, its own included."""
    urls = {}
    translations = obj.get_translations(inclusive=True).select_related("locale")
    if isinstance(obj, Page):
        translations = translations.live()
    for item in translations:
        if getattr(item, "live", True):
            url = item.get_url(request) if isinstance(item, Page) else item.url
            if url:
                urls[item.locale.language_code] = url
    return urls


def versions(request, obj=None):
    """One Version per content language: the counterpart of `obj` (a page or a translatable
    snippet with a url) when it exists and is live, else that language's home page."""
    current = translation.get_language()
    urls = {}
    if obj is not None and hasattr(obj, "get_translations"):
        if request is None or getattr(request, "is_preview", False):
            urls = _translation_urls(request, obj)
        else:  # kept with the listings: a publish or an offer saved retires them
            urls = fragment_cache.listing(
                request,
                "language-versions",
                (obj._meta.label_lower, obj.pk),
                lambda: _translation_urls(request, obj),
            )
    elif obj is None and request is not None:  # views without a page: the same path
        for code, _label in settings.WAGTAIL_CONTENT_LANGUAGES:
            urls[code] = translate_url(request.get_full_path(), code)
    result = []
    for code, _label in settings.WAGTAIL_CONTENT_LANGUAGES:
        url, exists = urls.get(code), code in urls
        if not exists:
            url = f"{_home_url(code)}?{MISSING_PARAM}=1"
        if url:
            result.append(Version(code, str(LABELS[code]), url, exists, code == current))
    return result
