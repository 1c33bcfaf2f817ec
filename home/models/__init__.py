from .media import CreditedImage, CreditedRendition, SizedDocument
from .outbox import FormNotification
from .pages import FormField, FormPage, HomePage, HomeTeaser, StandardPage
from .site_settings import SiteChromeSettings
from .vocabularies import Audience, LifePhase, Topic

__all__ = [
    "Audience",
    "CreditedImage",
    "CreditedRendition",
    "FormField",
    "FormNotification",
    "FormPage",
    "HomePage",
    "HomeTeaser",
    "LifePhase",
    "SiteChromeSettings",
    "SizedDocument",
    "StandardPage",
    "Topic",
]
