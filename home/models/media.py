"""Images that always carry a copyright credit, and documents that know their type and size."""

import functools
import mimetypes
import os

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Filter


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

    # Renditions, as Wagtail finds them, with two costs of every page view removed (a fifth of
    # an uncached news page, measured with py-spy): a filter spec is parsed once per process,
    # not per image and call (`{% image %}` keeps its Filter per template node for the same
    # reason), and renditions that came from the renditions cache are not written back to it,
    # which Wagtail 7's get_rendition always does and its get_renditions does for those it
    # did not find prefetched.

    def get_rendition(self, filter):
        # Wagtail's get_rendition writes every rendition to the cache, found there or not;
        # get_renditions writes only the ones it had to look up or create.
        spec = shared_filter(filter) if isinstance(filter, str) else filter
        return next(iter(self.get_renditions(spec).values()))

    def get_renditions(self, *filters):
        return super().get_renditions(
            *(shared_filter(spec) if isinstance(spec, str) else spec for spec in filters)
        )

    def find_existing_renditions(self, *filters):
        if self._get_prefetched_renditions() is not None:
            return super().find_existing_renditions(*filters)
        rendition_model = self.get_rendition_model()
        by_key = {
            rendition_model.construct_cache_key(self, spec.get_cache_key(self), spec.spec): spec
            for spec in filters
        }
        found = {}
        for key, rendition in rendition_model.cache_backend.get_many(list(by_key)).items():
            rendition.image = self
            rendition._from_cache = True  # no write back
            found[by_key[key]] = rendition
        missing = [spec for spec in filters if spec not in found]
        if missing:  # Wagtail asks the cache for these again, then the database
            found.update(super().find_existing_renditions(*missing))
        return found

    @property
    def default_alt_text(self):
        return self.alt_text


@functools.lru_cache(maxsize=256)
def shared_filter(spec):
    """One Filter per spec: it parses its operations once and holds no image's state."""
    return Filter(spec=spec)


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
