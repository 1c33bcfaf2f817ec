"""sitemap.xml of the pages of every content language, each with its language alternates
(hreflang), so search engines pair the German and the plain-language version."""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


def alternates_by_key(pages, url_of):
    """{translation_key: [{"lang_code", "location"}, …]} of the live versions of `pages`."""
    versions = defaultdict(list)
    for page in pages:
        versions[page.translation_key].append(
            {"lang_code": page.locale.language_code, "location": url_of(page)}
        )
    return {key: found for key, found in versions.items() if len(found) > 1}


class PageSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_a_tree)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        keys = {item.translation_key for item in items}
        versions = Page.objects.live().public().filter(translation_key__in=keys)
        alternates = alternates_by_key(
            versions.select_related("locale"), lambda version: version.get_full_url(self.request)
        )
        urls, last_mods = [], set()
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = alternates.get(item.translation_key, [])
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
