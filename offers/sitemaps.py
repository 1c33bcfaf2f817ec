from django.contrib.sitemaps import Sitemap
from wagtail.models import Locale

from offers.finder import current_offers


class OfferSitemap(Sitemap):
    """Current offers; expired ones drop out with the finder and the API."""

    changefreq = "weekly"

    def items(self):
        return current_offers(Locale.get_default()).only("slug", "updated_at").order_by("pk")

    def location(self, item):
        return item.url

    def lastmod(self, item):
        return item.updated_at
