"""Template tags for the site chrome: name, descriptions, Open Graph image, navigation state."""

from django import template
from django.conf import settings

register = template.Library()

DESCRIPTION_FIELDS = ("search_description", "teaser", "intro", "summary")


@register.simple_tag
def site_name():
    return settings.SITE_NAME


@register.simple_tag
def page_description(page):
    """The meta description: the editor's search description, else teaser, intro or summary."""
    if page is None:
        return ""
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            from django.utils.html import strip_tags
            from django.utils.text import Truncator

            return Truncator(strip_tags(value).strip()).chars(160)
    return ""


@register.simple_tag(takes_context=True)
def og_image(context, page):
    image = getattr(page, "lead_image", None) or getattr(page, "hero_image", None)
    if image is None:
        return ""
    rendition = image.get_rendition("fill-1200x630")
    return context["request"].build_absolute_uri(rendition.url)


@register.simple_tag
def nav_state(page, item):
    """aria-current for a navigation item: "page" on itself, "true" inside its section."""
    if page is None or not hasattr(page, "path"):
        return ""
    if page.pk == item.pk:
        return "page"
    return "true" if page.path.startswith(item.path) else ""


@register.simple_tag
def query_with(request, **changes):
    """The current query string with some parameters replaced (keeps repeated filters)."""
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()
