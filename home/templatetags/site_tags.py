"""Template tags for the site chrome: name, descriptions, Open Graph image, navigation state."""

import html

from django import template
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.images.models import SourceImageIOError
from wagtail.images.shortcuts import get_renditions_or_not_found

from home import sanitising

register = template.Library()


@register.filter
def clean_html(html):
    """Rich text HTML reduced to what the editor's toolbar makes (home.sanitising)."""
    return mark_safe(sanitising.clean_html(html))  # noqa: S308 - cleaned by nh3 just now


@register.filter
def safe_url(url):
    """A link address from content, or "" where a browser would run it (javascript: …)."""
    return sanitising.safe_url(url)


class ListingCacheNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context):
        from home import fragment_cache

        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a preview shows the draft's own teasers
        values = [value.resolve(context) for value in self.values]
        return fragment_cache.listing(
            request, self.name, values, lambda: self.nodelist.render(context)
        )


@register.tag
def listing_cache(parser, token):
    """`{% listing_cache "name" value … %}…{% endlisting_cache %}`: a listing of other pages or
    of offers, rendered once and then kept in the cache (home.fragment_cache.listing) for the
    name and values given, the site and the language, until any page, offer or image changes.
    The enclosed part must show nothing that depends on the visitor."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("listing_cache braucht einen Namen")
    nodelist = parser.parse(("endlisting_cache",))
    parser.delete_first_token()
    return ListingCacheNode(
        nodelist, bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]]
    )


DESCRIPTION_FIELDS = ("search_description", "teaser", "intro", "summary")
DESCRIPTION_LENGTH = 160
OG_IMAGE_FILTER = "fill-1200x630"
MAX_HEADING_LEVEL = 6


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
            # Rich text intros carry tags and entities; the template escapes the plain text again.
            text = html.unescape(strip_tags(value)).strip()
            return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)
    return ""


@register.simple_tag(takes_context=True)
def og_image(context, page):
    """Absolute URL of a share image from the page's lead or hero image, or ""."""
    image = getattr(page, "lead_image", None) or getattr(page, "hero_image", None)
    request = context.get("request")
    if image is None or request is None:
        return ""
    try:
        rendition = image.get_rendition(OG_IMAGE_FILTER)
    except SourceImageIOError:
        return ""
    return request.build_absolute_uri(rendition.url)


@register.simple_tag
def rendition(image, spec):
    """What `{% image image spec as rendition %}` gives (None without an image), but through
    Image.get_renditions, which does not write a prefetched rendition back to the cache:
    listings prefetch their renditions, and a cache write per card cost a round trip each."""
    if not image:
        return None
    return get_renditions_or_not_found(image, [spec])[spec]


@register.filter
def in_minutes(duration):
    """A timedelta in whole minutes, rounded up (the lockout page)."""
    return max(1, -(-int(duration.total_seconds()) // 60))


@register.simple_tag
def breadcrumb_pages(page):
    """The page's ancestors from the home page down, as routing found them (no query), else
    from the tree."""
    routed = getattr(page, "routed_ancestors", None)
    if routed is not None:
        return routed
    return [ancestor for ancestor in page.get_ancestors() if ancestor.depth > 1]


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
    """The current query string with some parameters replaced (keeps repeated filters);
    a value of None drops the parameter."""
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag
def page_numbers(page_obj):
    """Page numbers around the current one, with the paginator's ellipsis for gaps."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2))


@register.simple_tag(takes_context=True)
def heading_level(context, level):
    """A block heading's level (2 or 3) moved down by `heading_shift` from the context.

    Pages that nest a body under their own h2 (the Leitbild print view) pass
    `heading_shift=1` to `include_block`, so headings never skip a level."""
    try:
        number = int(str(level).lstrip("h"))
    except ValueError:
        number = 2
    try:
        shift = int(context.get("heading_shift") or 0)
    except (TypeError, ValueError):
        shift = 0
    return min(number + shift, MAX_HEADING_LEVEL)


@register.simple_tag
def page_type_name(page):
    """The editor-facing name of a page's type ("Nachricht", "Veranstaltung"), for result lists."""
    specific_class = getattr(page, "specific_class", None) or type(page)
    return specific_class._meta.verbose_name


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The German and plain-language versions of the page or offer shown (see
    home.language_versions); views without either switch the path's language prefix."""
    from home.language_versions import versions

    return versions(context.get("request"), context.get("page") or context.get("offer"))
