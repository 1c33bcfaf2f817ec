"""Which pages the pages endpoint shows: the public pages queryset from the site scope."""

from django.conf import settings
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page

from home import site_scope


def public_pages(request):
    """wagtail.api.querysets.get_public_pages_queryset (the same queryset, so the same SQL) from
    the cached site scope: live pages of the request's site (or ?site=) and the translations of
    its root, without the restricted pages this request has not passed."""
    scope = site_scope.current()
    # what page URLs are built from (Page._get_site_root_paths reads it from the request)
    request._wagtail_cached_site_root_paths = scope["site_root_paths"]
    queryset = Page.objects.all().live()
    for restriction in scope["restrictions"]:
        if not restriction.accept_request(request):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    if request.GET.get("site"):
        site = SiteFilterValidator(site=request.GET["site"], request=request).site_obj
    else:
        site = site_scope.site_for_request(request, scope)
    if not site:
        return queryset.none()
    roots = scope["roots"].get(site.pk)
    if roots is None:  # a site newer than the scope
        roots = [site.root_page, *site.root_page.get_translations()]
    root, *translations = roots
    base_queryset = queryset
    queryset = base_queryset.descendant_of(root, inclusive=True)
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        for translation in translations:
            queryset |= base_queryset.descendant_of(translation, inclusive=True)
    return queryset
