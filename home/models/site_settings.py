"""Site-wide settings editors keep: contact details and the legal pages in the footer."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page


@register_setting(icon="site")
class SiteChromeSettings(BaseSiteSetting):
    """Contact details and legal pages shown in every page's footer."""

    office_name = models.CharField(_("Name der Stelle"), max_length=200, blank=True)
    address = models.TextField(_("Anschrift"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=60, blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Impressum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Datenschutz"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Erklärung zur Barrierefreiheit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Kontakt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("contact_page"),
            ],
            heading=_("Rechtliche Seiten im Fußbereich"),
        ),
    ]

    class Meta:
        verbose_name = _("Website-Einstellungen")

    @cached_property
    def footer_pages(self):
        """The live legal pages in footer order, fetched in one query."""
        ids = [
            self.imprint_page_id,
            self.privacy_page_id,
            self.accessibility_page_id,
            self.contact_page_id,
        ]
        pages = Page.objects.live().in_bulk([pk for pk in ids if pk])
        return [pages[pk] for pk in ids if pk in pages]
