"""Navigation and footer data every public page needs, from home.fragment_cache."""

from django.utils.functional import SimpleLazyObject

from home import fragment_cache


def site_chrome(request):
    chrome = SimpleLazyObject(lambda: fragment_cache.site_chrome(request))
    return {
        "site_chrome": chrome,
        "main_navigation": SimpleLazyObject(lambda: chrome.navigation if chrome else ()),
    }
