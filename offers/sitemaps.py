from django.contrib.sitemaps import Sitemap

from home.sitemaps import alternates_by_key
from offers.models import Offer


class OfferSitemap(Sitemap):
    """Current offers of every language, each with its language alternates; expired ones
    drop out with the finder and the API."""

    changefreq = "weekly"

    def items(self):
        return (
            Offer.objects.current()
            .only("slug", "updated_at", "locale_id", "translation_key")
            .order_by("pk")
        )

    def location(self, item):
        return item.url

    def lastmod(self, item):
        return item.updated_at

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        keys = {url_info["item"].translation_key for url_info in urls}
        versions = self.items().filter(translation_key__in=keys).select_related("locale")
        alternates = alternates_by_key(versions, lambda offer: f"{protocol}://{domain}{offer.url}")
        for url_info in urls:
            url_info["alternates"] = alternates.get(url_info["item"].translation_key, [])
        return urls
