"""Readable language prefixes in public URLs.

German, the default, has no prefix (/themen/bne/); plain language lives under
/leichte-sprache/ (/leichte-sprache/themen/bne/) although its language code is "de-x-ls".
Django's i18n_patterns would put the code itself into the URL, so the prefix pattern and the
locale middleware here map codes to readable prefixes and back."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import LocalePrefixPattern, URLResolver
from django.utils import translation


def url_prefixes():
    """{language code: URL prefix} of the languages with a prefix (all but the default)."""
    return {settings.PLAIN_LANGUAGE_CODE: settings.PLAIN_LANGUAGE_URL_PREFIX}


def language_from_path(path):
    """The language code whose readable prefix starts `path`, or None (default language)."""
    first = path.lstrip("/").split("/", 1)[0]
    for code, prefix in url_prefixes().items():
        if first == prefix:
            return code
    return None


class ReadableLocalePrefixPattern(LocalePrefixPattern):
    @property
    def language_prefix(self):
        code = translation.get_language() or settings.LANGUAGE_CODE
        prefix = url_prefixes().get(code)
        return f"{prefix}/" if prefix else ""


def language_patterns(*urls):
    """Like i18n_patterns(..., prefix_default_language=False), with readable prefixes."""
    return [URLResolver(ReadableLocalePrefixPattern(prefix_default_language=False), list(urls))]


class ReadableLocaleMiddleware(LocaleMiddleware):
    """Activates the language of a readable prefix; everything else is German, whatever the
    browser asks for (the site has no language negotiation: the switch is a link)."""

    def process_request(self, request):
        code = language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


_locale_codes = {}


def locale_code(locale_id):
    """Language code of a Locale id without a query per object (listings of offers): the
    few locales are read once per process, again when an unknown id turns up."""
    if locale_id not in _locale_codes:
        from wagtail.models import Locale

        _locale_codes.update(Locale.objects.values_list("pk", "language_code"))
    return _locale_codes.get(locale_id, settings.LANGUAGE_CODE)
