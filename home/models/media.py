"""Images that always carry a copyright credit, and documents that know their type and size."""

import mimetypes
import os

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition


class CreditedImage(AbstractImage):
    """An image with a required copyright credit and alt text (or an explicit decorative flag)."""

    credit = models.CharField(
        _("Bildnachweis"),
        max_length=255,
        help_text=_("Urheber oder Rechteinhaber, wird als „© …“ am Bild angezeigt."),
    )
    is_decorative = models.BooleanField(
        _("Rein dekorativ"),
        default=False,
        help_text=_(
            "Nur ankreuzen, wenn das Bild keine Information trägt; dann bleibt der "
            "Alternativtext leer."
        ),
    )

    admin_form_fields = (
        "title",
        "file",
        "description",
        "credit",
        "is_decorative",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")

    def clean(self):
        super().clean()
        if not self.is_decorative and not (self.description or "").strip():
            raise ValidationError(
                {
                    "description": _(
                        "Bitte einen Alternativtext angeben oder das Bild als "
                        "rein dekorativ markieren."
                    )
                }
            )

    @property
    def alt_text(self):
        return "" if self.is_decorative else self.description

    @property
    def default_alt_text(self):
        return self.alt_text


# Wagtail's own image model labels "description"; here it is the alt text.
CreditedImage._meta.get_field("description").verbose_name = _("Alternativtext")
CreditedImage._meta.get_field("description").help_text = _(
    "Beschreibt, was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können."
)


class CreditedRendition(AbstractRendition):
    image = models.ForeignKey(CreditedImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class SizedDocument(AbstractDocument):
    """A document that records its file type and size so pages can show both."""

    file_type = models.CharField(_("Dateityp"), max_length=20, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")

    def save(self, *args, **kwargs):
        if self.file:
            extension = os.path.splitext(self.file.name)[1].lstrip(".").upper()
            self.file_type = extension or (mimetypes.guess_type(self.file.name)[0] or "")
            if self.file_size is None:
                try:
                    self.file_size = self.file.size
                except OSError:
                    self.file_size = None
        super().save(*args, **kwargs)
