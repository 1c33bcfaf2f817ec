from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from bildung.language_urls import language_patterns
from home import api as public_api
from home.headless_api import preview_api_router
from home.sitemaps import PageSitemap
from home.views import robots_txt, serve
from offers import api as offers_api
from offers.sitemaps import OfferSitemap
from search import api as search_api
from search import views as search_views

handler500 = "home.views.server_error"
SITEMAPS = {"seiten": PageSitemap, "angebote": OfferSitemap}

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path(
        "api/v2/search/",
        public_api.cached_api_view(search_api.SearchAPI.as_view()),
        name="api-search",
    ),
    path(
        "api/v2/search/autocomplete/",
        public_api.cached_api_view(search_api.AutocompleteAPI.as_view()),
        name="api-search-autocomplete",
    ),
    # the public JSON API (home/api/, offers/api.py) with its schema and documentation
    path("api/v2/", include((public_api.router_urls(), "wagtailapi"), namespace="wagtailapi")),
    path(
        "api/v2/offers/",
        public_api.cached_api_view(offers_api.OfferListAPI.as_view()),
        name="api-offers",
    ),
    path(
        "api/v2/offers/<int:pk>/",
        public_api.cached_api_view(offers_api.OfferDetailAPI.as_view()),
        name="api-offer-detail",
    ),
    path("api/v2/schema/", public_api.SchemaView.as_view(), name="api-schema"),
    path("api/v2/docs/", public_api.api_docs, name="api-docs"),
    # drafts for the headless front end's preview (home/headless_api.py)
    path("api/v2/", preview_api_router.urls),
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
    # Wagtail's page URLs, with pages served through the site scope (home.views.serve)
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
)
