from .imports import ImportRun
from .offers import AccessibilityFeature, District, Offer, OfferQuerySet, Provider
from .pages import FinderPage

__all__ = [
    "AccessibilityFeature",
    "District",
    "FinderPage",
    "ImportRun",
    "Offer",
    "OfferQuerySet",
    "Provider",
]
