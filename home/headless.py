"""Headless preview: with HEADLESS_PREVIEW_URL set, editors preview drafts in the external
front end (wagtail-headless-preview); without it Wagtail renders the preview itself.

The front end receives ``?content_type=…&token=…`` and fetches the draft from
``/api/v2/page_preview/?content_type=…&token=…`` (home/headless_api.py)."""

from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_headless_preview.settings import headless_preview_settings


def headless_preview_enabled():
    return bool(headless_preview_settings.CLIENT_URLS)


class HeadlessPreviewPageMixin(HeadlessPreviewMixin):
    """Put first among a page class's bases: previews go to the headless front end only
    when one is configured, otherwise to the page's own template."""

    def serve_preview(self, request, preview_mode):
        if headless_preview_enabled():
            return HeadlessPreviewMixin.serve_preview(self, request, preview_mode)
        return super(HeadlessPreviewMixin, self).serve_preview(request, preview_mode)
