"""The StreamField building blocks editors compose page bodies from."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the page's heading order intact."""

    text = blocks.CharBlock(label=_("Überschrift"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Ebene"),
        choices=[("h2", _("Überschrift 2")), ("h3", _("Überschrift 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        description = _("Zwischenüberschrift, gliedert den Text")


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with links and lists."""

    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/blocks/paragraph_block.html"
        description = _("Fließtext mit Links und Listen")


class CaptionedImageBlock(blocks.StructBlock):
    """An image with caption; the credit always comes from the image itself."""

    image = ImageChooserBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "components/blocks/captioned_image_block.html"
        description = _("Bild mit Bildunterschrift und Bildnachweis")


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    text = blocks.TextBlock(label=_("Zitat"))
    source = blocks.CharBlock(label=_("Quelle"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"
        description = _("Hervorgehobenes Zitat mit Quelle")


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box that leads readers to one next step."""

    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Interne Seite"), required=False)
    url = blocks.URLBlock(label=_("Oder externe Adresse"), required=False)
    label = blocks.CharBlock(label=_("Beschriftung des Links"), max_length=60)

    class Meta:
        icon = "pick"
        template = "components/blocks/call_to_action_block.html"
        description = _("Hervorgehobener Hinweis mit einem Link")

    def clean(self, value):
        result = super().clean(value)
        if not result.get("page") and not result.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": _("Bitte eine interne Seite oder eine Adresse angeben.")}
            )
        return result


class VideoLinkBlock(blocks.StructBlock):
    """A link to a video without embedding a third-party player."""

    title = blocks.CharBlock(label=_("Titel des Videos"), max_length=200)
    video = DocumentChooserBlock(label=_("Videodatei (MP4/WebM)"), required=False)
    url = blocks.URLBlock(label=_("Oder Adresse des Videos"), required=False)
    transcript = blocks.TextBlock(label=_("Beschreibung oder Transkript"), required=False)

    class Meta:
        icon = "media"
        template = "components/blocks/video_link_block.html"
        description = _("Video als Link oder eigene Datei, ohne fremden Player")


class DocumentLinkBlock(blocks.StructBlock):
    """A download link that shows file type and size."""

    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(label=_("Linktext (optional)"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_link_block.html"
        description = _("Download mit Dateityp und Größe")


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Frage oder Titel"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Antwort"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open one by one (FAQ), built on <details>."""

    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Einträge"))

    class Meta:
        icon = "list-ul"
        template = "components/blocks/accordion_block.html"
        description = _("Aufklappbare Fragen und Antworten")


class DataTableBlock(blocks.StructBlock):
    """A data table with a caption and header row."""

    caption = blocks.CharBlock(label=_("Tabellentitel"), max_length=200)
    table = TableBlock(
        label=_("Tabelle"),
        table_options={"startRows": 3, "startCols": 3, "colHeaders": False, "rowHeaders": False},
    )

    class Meta:
        icon = "table"
        template = "components/blocks/data_table_block.html"
        description = _("Tabelle mit Titel und Kopfzeile")


class BodyBlock(blocks.StreamBlock):
    """The body of news, topic and standard pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock(label=_("Absatz"))
    image = CaptionedImageBlock(label=_("Bild"))
    quote = QuoteBlock(label=_("Zitat"))
    call_to_action = CallToActionBlock(label=_("Handlungsaufforderung"))
    video = VideoLinkBlock(label=_("Video"))
    document = DocumentLinkBlock(label=_("Dokument"))
    accordion = AccordionBlock(label=_("Aufklappbereich / FAQ"))
    table = DataTableBlock(label=_("Tabelle"))

    class Meta:
        block_counts = {}
