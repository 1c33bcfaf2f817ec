"""Template tags of the plain-language front end: the body class and the Wörterbuch."""

from django import template
from django.conf import settings
from django.utils import translation

from articles.glossary import glossary_for
from bildung.language_urls import locale_code

register = template.Library()


@register.simple_tag
def is_plain_language():
    """Whether the request is in plain language: base.html gives <body> the class that the
    stylesheet's plain-language rules hang on."""
    return translation.get_language() == settings.PLAIN_LANGUAGE_CODE


class GlossaryNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        # The page's own language, so an editor's preview of a plain-language page shows the
        # explanations too; without a page, the language of the request.
        locale_id = getattr(context.get("page"), "locale_id", None)
        language_code = locale_code(locale_id) if locale_id else translation.get_language()
        glossary = glossary_for(language_code, context.get("request"))
        return html if glossary is None else glossary.mark(html)


@register.tag
def glossary(parser, token):
    """{% glossary %}…{% endglossary %} around a page's intro and body: on plain-language
    pages the first occurrence of each Wörterbuch word in it is explained and linked to the
    Wörterbuch (see articles.glossary); other pages render unchanged. One block per page, so
    "first" means first on the page."""
    nodelist = parser.parse(("endglossary",))
    parser.delete_first_token()
    return GlossaryNode(nodelist)
