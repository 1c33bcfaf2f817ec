"""The plain-language check in the admin: the report of a page or an offer in Leichte Sprache
(its latest revision), and a warning that sums it up after publishing. Hints only: nothing here
stops a save or a publication."""

import logging
import re
from html import unescape

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.admin import messages
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.permissions import policy_registry

from home.plain_language import build_report
from offers.models import Offer

logger = logging.getLogger(__name__)

REPORT_TEMPLATE = "home/admin/plain_language_report.html"
# Fields every page has that readers see; the other fields of Page are technical.
PAGE_TEXT_FIELDS = ("title", "seo_title", "search_description")
OFFER_TEXT_FIELDS = ("title", "summary", "description", "schedule", "cost_note")
NOT_PROSE_FIELDS = (models.SlugField, models.URLField, models.EmailField)
BLOCK_END_RE = re.compile(r"(</(?:p|h[1-6]|li|blockquote|div|tr|td|th|caption)>|<br\s*/?>)", re.I)


def is_plain_language(obj):
    """Whether a page or an offer is in the plain-language locale."""
    return obj.locale.language_code == settings.PLAIN_LANGUAGE_CODE


# --- the text of a page or an offer ----------------------------------------------------------


def html_to_text(html):
    """Text of rich text, one line per paragraph, heading or list item."""
    return unescape(strip_tags(BLOCK_END_RE.sub(r"\1\n", html or "")))


def block_texts(block, value):
    """The texts readers see in a StreamField value, whatever its blocks: text, rich text and
    table cells, found through stream, struct and list blocks. Choices, links and chooser
    blocks hold no prose."""
    if value is None:
        return
    if isinstance(block, blocks.RichTextBlock):
        yield html_to_text(value.source)
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        yield str(value)
    elif isinstance(block, TableBlock):
        yield from block.get_searchable_content(value)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from block_texts(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from block_texts(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from block_texts(block.child_block, item)


def is_prose_field(field):
    return (
        isinstance(field, models.CharField | models.TextField | StreamField)
        and not isinstance(field, NOT_PROSE_FIELDS)
        and not field.choices
        and field.editable
    )


def field_parts(obj, field):
    """(label, text) of one field; a StreamField gives one part per top-level block."""
    value = getattr(obj, field.name)
    if not value:
        return []
    if isinstance(field, StreamField):
        return [
            (
                f"{field.verbose_name} – {child.block.label}",
                "\n".join(block_texts(child.block, child.value)),
            )
            for child in value
        ]
    text = html_to_text(value) if isinstance(field, RichTextField) else str(value)
    return [(str(field.verbose_name), text)]


def _panel_field_names(panels):
    for panel in panels:
        if getattr(panel, "field_name", None):
            yield panel.field_name
        yield from _panel_field_names(getattr(panel, "children", ()))


def child_parts(obj):
    """Texts of inline children (teasers, form fields …): the prose fields of their panels."""
    parts = []
    for relation in get_all_child_relations(type(obj)):
        child_model = relation.related_model
        names = set(_panel_field_names(getattr(child_model, "panels", ())))
        fields = [
            field
            for field in child_model._meta.concrete_fields
            if is_prose_field(field) and (not names or field.name in names)
        ]
        for child in getattr(obj, relation.get_accessor_name()).all():
            for field in fields:
                parts.extend(field_parts(child, field))
    return parts


def page_parts(page):
    """(label, text) of everything readers see of a page, in the order of its fields."""
    page_fields = {field.name for field in Page._meta.concrete_fields}
    fields = [
        field
        for field in type(page)._meta.concrete_fields
        if is_prose_field(field)
        and (field.name in PAGE_TEXT_FIELDS or field.name not in page_fields)
    ]
    parts = [part for field in fields for part in field_parts(page, field)]
    return parts + child_parts(page)


def offer_parts(offer):
    return [
        part
        for name in OFFER_TEXT_FIELDS
        for part in field_parts(offer, Offer._meta.get_field(name))
    ]


def glossary_words():
    """{word or other form: explanation} of the plain-language Wörterbuch (articles)."""
    from articles.models import GlossaryEntry

    entries = GlossaryEntry.objects.filter(locale__language_code=settings.PLAIN_LANGUAGE_CODE)
    return {form: entry.explanation for entry in entries for form in entry.forms}


def page_report(page):
    """The report of a page's latest revision (the draft being translated)."""
    revision = page.specific.get_latest_revision_as_object()
    return build_report(page_parts(revision), glossary=glossary_words())


def offer_report(offer):
    revision = offer.get_latest_revision_as_object()
    return build_report(offer_parts(revision), glossary=glossary_words())


# --- views -----------------------------------------------------------------------------------


def _in_context(finding):
    """(before, excerpt, after) of the finding's sentence, to mark the excerpt in it."""
    start = finding.sentence.find(finding.excerpt)
    if start < 0 or finding.excerpt == finding.sentence:
        return finding.sentence, "", ""
    end = start + len(finding.excerpt)
    return finding.sentence[:start], finding.excerpt, finding.sentence[end:]


def _render_report(request, obj, report, edit_url):
    revision = obj.get_latest_revision()
    groups = [
        (rule, [(finding, *_in_context(finding)) for finding in findings])
        for rule, findings in report.groups()
    ]
    return TemplateResponse(
        request,
        REPORT_TEMPLATE,
        {
            "object_title": str(obj),
            "edit_url": edit_url,
            "revision_created_at": revision.created_at if revision else None,
            "report": report,
            "count": len(report),
            "groups": groups,
            "readability": report.readability,
            "school_year": (
                round(report.readability.wiener_sachtextformel)
                if report.readability.wiener_sachtextformel is not None
                else None
            ),
        },
    )


def can_edit_offer(user, offer):
    """The offer's registered permission policy decides (translators: plain language only)."""
    policy = policy_registry.get_by_type(Offer)
    return policy.user_has_permission_for_instance(user, "change", offer)


def page_report_view(request, page_id):
    """Report of a plain-language page for whoever may edit it."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if not is_plain_language(page):
        raise Http404("not a plain-language page")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return _render_report(request, page, page_report(page), edit_url)


def offer_report_view(request, offer_id):
    """Report of a plain-language offer for whoever may edit it."""
    offer = get_object_or_404(Offer, pk=offer_id)
    if not can_edit_offer(request.user, offer):
        raise PermissionDenied
    if not is_plain_language(offer):
        raise Http404("not a plain-language offer")
    edit_url = reverse(Offer.snippet_viewset.get_url_name("edit"), args=[offer.pk])
    return _render_report(request, offer, offer_report(offer), edit_url)


def page_report_url(page):
    return reverse("plain_language_page_report", args=[page.pk])


def offer_report_url(offer):
    return reverse("plain_language_offer_report", args=[offer.pk])


# --- after publishing ------------------------------------------------------------------------


def warn_after_publish(request, obj, make_report, report_url):
    """A warning with the number of hints and a link to the report, when there are any. A
    failing check is logged, never shown: the object has been published already."""
    try:
        count = len(make_report(obj))
    except Exception:
        logger.exception("plain-language check failed for %r", obj)
        return
    if not count:
        return
    message = ngettext(
        "„%(title)s“: %(count)d Hinweis zur Leichten Sprache.",
        "„%(title)s“: %(count)d Hinweise zur Leichten Sprache.",
        count,
    ) % {"title": obj, "count": count}
    messages.warning(request, message, buttons=[messages.button(report_url, _("Bericht ansehen"))])


def warn_after_page_publish(request, page):
    if is_plain_language(page):
        warn_after_publish(request, page, page_report, page_report_url(page))


def warn_after_offer_publish(request, offer):
    if is_plain_language(offer):
        warn_after_publish(request, offer, offer_report, offer_report_url(offer))
