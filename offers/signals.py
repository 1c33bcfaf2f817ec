"""Signals other apps connect to. The plain-language issue marks translations out of date when
`offer_source_changed` fires for an offer whose German text changed in an import."""

from django.dispatch import Signal

offer_source_changed = Signal()  # kwargs: offer
