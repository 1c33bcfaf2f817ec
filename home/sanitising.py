"""What text from the database may become on a page or in the API: rich text reduced to the
elements the editor's toolbar can make, links only to web, mail and phone addresses.

The admin's rich text editor already produces only those elements, but rich text also arrives
by other ways that do not pass through it (translations in wagtail-localize, the import,
scripts, an old revision), and a translator can override a link's address with any text.
So the HTML is cleaned where it leaves the system, on every page and in the API, with nh3
(the Rust html5ever sanitiser, also behind Python's bleach successor)."""

from urllib.parse import urlsplit

import nh3

# what home.blocks.RICH_TEXT_FEATURES and Wagtail's rich text rendering produce
RICH_TEXT_TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "a",
    "ol",
    "ul",
    "li",
    "h2",
    "h3",
    "h4",
    "img",
}
RICH_TEXT_ATTRIBUTES = {
    "*": {"data-block-key", "lang", "dir"},
    "a": {"href", "hreflang", "title"},
    "img": {"alt", "src", "width", "height", "class"},
}
# a link's scheme; addresses without one (/seite/, #anker) stay as they are
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html):
    """Rich text HTML with everything else removed: scripts, styles and frames with their
    content, event handler and style attributes, links to javascript:, data: and the like."""
    if not html:
        return ""
    return nh3.clean(
        str(html),
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def safe_url(url):
    """`url` when a browser would open it as a web, mail or phone address or as an address on
    this site; "" otherwise (javascript:, data:, vbscript:, also disguised by case, spaces or
    control characters, which browsers drop before reading the scheme)."""
    if not url:
        return ""
    url = str(url).strip()
    squeezed = "".join(char for char in url if char > " ")
    try:
        scheme = urlsplit(squeezed).scheme.lower()
    except ValueError:
        return ""
    if scheme:
        return url if scheme in URL_SCHEMES else ""
    # no scheme: a path, a query or a fragment on this site; "//host" is another site over
    # the page's own scheme, which is fine; a colon before any slash would be read as a scheme
    return "" if ":" in squeezed.split("/", 1)[0] else url
