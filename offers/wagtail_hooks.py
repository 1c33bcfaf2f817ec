from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.models import Audience, LifePhase, Topic
from offers import admin_views
from offers.models import AccessibilityFeature, District, Offer, Provider
from offers.permissions import OfferPermissionPolicy, user_may_import

# translators edit plain-language offers only (offers.permissions)
register_permission_policy(Offer, OfferPermissionPolicy(Offer))


class OfferFilterSet(WagtailFilterSet):
    class Meta:
        model = Offer
        fields = ["live", "format", "district", "topics", "provider", "locale"]


class OfferViewSet(SnippetViewSet):
    model = Offer
    icon = "doc-full-inverse"
    menu_label = _("Angebote")
    list_display = ["title", "provider", "start_date", "valid_until", "live", "locale"]
    list_export = ["external_id", "title", "provider", "start_date", "end_date", "valid_until"]
    filterset_class = OfferFilterSet
    search_fields = ["title", "summary", "external_id"]
    ordering = ["start_date"]
    copy_view_enabled = False
    add_view_class = admin_views.OfferCreateView
    edit_view_class = admin_views.OfferEditView


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "group"
    menu_label = _("Anbieter")
    list_display = ["name", "website", "email"]
    search_fields = ["name"]


class VocabularyViewSet(SnippetViewSet):
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "slug"]


class OffersGroup(SnippetViewSetGroup):
    menu_label = _("Bildungsangebote")
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = (
        OfferViewSet,
        ProviderViewSet,
        type("TopicViewSet", (VocabularyViewSet,), {"model": Topic}),
        type("LifePhaseViewSet", (VocabularyViewSet,), {"model": LifePhase}),
        type("AudienceViewSet", (VocabularyViewSet,), {"model": Audience}),
        type("AccessibilityFeatureViewSet", (VocabularyViewSet,), {"model": AccessibilityFeature}),
        type("DistrictViewSet", (VocabularyViewSet,), {"model": District}),
    )


register_snippet(OffersGroup)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("angebote-import/", admin_views.upload, name="offers_import"),
        path(
            "angebote-import/<int:run_id>/pruefen/", admin_views.review, name="offers_import_review"
        ),
        path(
            "angebote-import/<int:run_id>/bestaetigen/",
            admin_views.confirm,
            name="offers_import_confirm",
        ),
        path("angebote-import/<int:run_id>/", admin_views.detail, name="offers_import_detail"),
        path(
            "berichte/ablaufende-angebote/", admin_views.expiry_report, name="offers_expiry_report"
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Angebote importieren"), reverse("offers_import"), icon_name="upload", order=260
    )


class ExpiryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("offers.change_offer")


@hooks.register("register_reports_menu_item")
def register_expiry_report_menu_item():
    return ExpiryReportMenuItem(
        _("Ablaufende Angebote"), reverse("offers_expiry_report"), icon_name="date", order=700
    )
