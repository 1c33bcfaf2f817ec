from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from bildung.language_urls import language_patterns
from home.sitemaps import PageSitemap
from home.views import robots_txt
from offers.sitemaps import OfferSitemap
from search import api as search_api
from search import views as search_views

handler500 = "home.views.server_error"
SITEMAPS = {"seiten": PageSitemap, "angebote": OfferSitemap}

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("api/v2/search/", search_api.search_api, name="api-search"),
    path(
        "api/v2/search/autocomplete/", search_api.autocomplete_api, name="api-search-autocomplete"
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages in German at /…, in plain language at /leichte-sprache/… (bildung.language_urls)
urlpatterns += language_patterns(
    path("suche/", search_views.search_page, name="search"),
    path("angebote/", include("offers.urls")),
    path("", include(wagtail_urls)),
)
