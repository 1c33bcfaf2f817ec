"""Form pages' form builder: tells browsers the purpose of personal-data fields (WCAG 1.3.5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder


class InputPurpose(models.TextChoices):
    NONE = "", _("keine Angabe")
    NAME = "name", _("Name")
    EMAIL = "email", _("E-Mail-Adresse")
    TEL = "tel", _("Telefonnummer")
    STREET = "street-address", _("Straße und Hausnummer")
    POSTCODE = "postal-code", _("Postleitzahl")
    CITY = "address-level2", _("Ort")
    ORGANIZATION = "organization", _("Organisation")


class PurposeFormBuilder(FormBuilder):
    """Adds the editor's chosen `autocomplete` purpose to each generated field."""

    @property
    def formfields(self):
        formfields = super().formfields
        for field in self.fields:
            purpose = getattr(field, "autocomplete", "")
            name = field.clean_name or field.get_field_clean_name()
            if purpose and name in formfields:
                formfields[name].widget.attrs["autocomplete"] = purpose
        return formfields
