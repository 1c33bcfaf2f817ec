from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.action_menu import ActionMenuItem

from home import plain_language_views
from offers.models import Offer

PLAIN_LANGUAGE_CHECK_LABEL = _("Prüfung Leichte Sprache")


@hooks.register("register_admin_urls")
def register_plain_language_urls():
    return [
        path(
            "leichte-sprache/seiten/<int:page_id>/",
            plain_language_views.page_report_view,
            name="plain_language_page_report",
        ),
        path(
            "leichte-sprache/angebote/<int:offer_id>/",
            plain_language_views.offer_report_view,
            name="plain_language_offer_report",
        ),
    ]


@hooks.register("register_page_header_buttons")
def plain_language_page_button(page, user, view_name, next_url=None):
    if (
        not page.is_root()
        and plain_language_views.is_plain_language(page)
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            PLAIN_LANGUAGE_CHECK_LABEL,
            plain_language_views.page_report_url(page),
            icon_name="doc-full",
            priority=90,
        )


class PlainLanguageCheckMenuItem(ActionMenuItem):
    """A link in the offer editor's action menu to the plain-language report."""

    label = PLAIN_LANGUAGE_CHECK_LABEL
    name = "action-plain-language-check"
    icon_name = "doc-full"

    def is_shown(self, context):
        offer = context.get("instance")
        return (
            context.get("view") == "edit"
            and isinstance(offer, Offer)
            and plain_language_views.is_plain_language(offer)
            and plain_language_views.can_edit_offer(context["request"].user, offer)
        )

    def get_url(self, parent_context):
        return plain_language_views.offer_report_url(parent_context["instance"])


@hooks.register("register_snippet_action_menu_item")
def register_plain_language_offer_menu_item(model):
    if issubclass(model, Offer):
        return PlainLanguageCheckMenuItem(order=90)
    return None


@hooks.register("after_publish_page")
def warn_about_plain_language_page(request, page):
    plain_language_views.warn_after_page_publish(request, page)


@hooks.register("after_publish")
def warn_about_plain_language_offer(request, instance):
    if isinstance(instance, Offer):
        plain_language_views.warn_after_offer_publish(request, instance)


# These modules register their own hooks.
from home import task_report, translation_dashboard  # noqa: E402,F401
