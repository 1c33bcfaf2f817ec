"""Navigation data every public page needs, fetched once per request."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def _main_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page.localized
    return list(
        root.get_children()
        .live()
        .public()
        .in_menu()
        .only("id", "title", "url_path", "path", "depth", "locale")
    )


def site_chrome(request):
    return {"main_navigation": SimpleLazyObject(lambda: _main_navigation(request))}
