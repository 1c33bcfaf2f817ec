"""Admin pages for the offer import: upload and check (dry run), confirm, past reports."""

import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView
from wagtail.snippets.views.snippets import EditView as SnippetEditView

from bildung.celery import send_or_run
from offers.importing import run_import
from offers.models import ImportRun
from offers.permissions import may_create_in, user_may_import
from offers.tasks import import_offers_file

UPLOAD_DIR = "offer-imports"
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
ALLOWED_SUFFIXES = {".csv", ".json", ".jsonl"}


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Datei (.csv, .json oder .jsonl)"))
    partial = forms.BooleanField(
        label=_("Gültige Zeilen übernehmen, auch wenn andere fehlerhaft sind"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(_("Bitte eine .csv-, .json- oder .jsonl-Datei wählen."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 50 MB."))
        return upload


def _require_import_permission(user):
    if not user_may_import(user):
        raise PermissionDenied


def upload(request):
    """Step 1: upload a file; it is checked with a dry run and kept for confirmation."""
    _require_import_permission(request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        data = uploaded.read()
        run, _report = run_import(
            data,
            uploaded.name,
            source="admin",
            user=request.user,
            dry_run=True,
            partial=form.cleaned_data["partial"],
            locale_code=settings.LANGUAGE_CODE,
        )
        suffix = Path(uploaded.name).suffix.lower()
        stored = default_storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}{suffix}", uploaded)
        request.session[f"offer-import-{run.pk}"] = stored
        return redirect("offers_import_review", run.pk)
    return TemplateResponse(
        request,
        "offers/admin/import_upload.html",
        {
            "form": form,
            "recent_runs": ImportRun.objects.select_related("user")[:20],
        },
    )


def review(request, run_id):
    """Step 2: read the dry-run report and confirm the import."""
    _require_import_permission(request.user)
    run = get_object_or_404(ImportRun, pk=run_id, dry_run=True)
    stored = request.session.get(f"offer-import-{run.pk}")
    can_confirm = bool(stored) and run.status == ImportRun.Status.DRY_RUN
    return TemplateResponse(
        request, "offers/admin/import_review.html", {"run": run, "can_confirm": can_confirm}
    )


@require_POST
def confirm(request, run_id):
    """Step 3: import the checked file, in the background when a broker is configured."""
    _require_import_permission(request.user)
    checked = get_object_or_404(ImportRun, pk=run_id, dry_run=True)
    stored = request.session.pop(f"offer-import-{checked.pk}", None)
    if not stored or not default_storage.exists(stored):
        messages.error(
            request, _("Die geprüfte Datei ist nicht mehr vorhanden. Bitte erneut hochladen.")
        )
        return redirect("offers_import")
    run = ImportRun.objects.create(
        filename=checked.filename,
        source="admin",
        user=request.user,
        partial=checked.partial,
        locale_code=checked.locale_code,
    )
    send_or_run(import_offers_file, run.pk, stored)
    run.refresh_from_db()
    if run.finished_at:
        messages.success(
            request, _("Import abgeschlossen: %(counts)s") % {"counts": run.report.splitlines()[-1]}
        )
    else:
        messages.success(
            request,
            _(
                "Der Import läuft im Hintergrund. Den Bericht finden Sie "
                "unten, sobald er fertig ist."
            ),
        )
    return redirect("offers_import_detail", run.pk)


def detail(request, run_id):
    _require_import_permission(request.user)
    run = get_object_or_404(ImportRun.objects.select_related("user"), pk=run_id)
    return TemplateResponse(request, "offers/admin/import_detail.html", {"run": run})


def expiry_report(request):
    """Offers that expire within 30 days, and offers that have expired."""
    from offers.expiry import EXPIRING_WINDOW_DAYS, expired_offers, expiring_soon

    if not request.user.has_perm("offers.change_offer"):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "offers/admin/expiry_report.html",
        {
            "expiring": expiring_soon()[:500],
            "expired": expired_offers()[:500],
            "window": EXPIRING_WINDOW_DAYS,
        },
    )


class OfferCreateView(SnippetCreateView):
    """The new-offer form, refusing translators in the German locale: add_offer lets
    Übersetzung create plain-language offers, but a new German offer is an original, which
    needs offers.change_original_offer (offers.permissions)."""

    def user_has_permission(self, permission):
        if permission == "add" and not may_create_in(self.request.user, self.locale):
            return False
        return super().user_has_permission(permission)


class OfferEditView(SnippetEditView):
    """The offer editor, refusing translators on German originals: Wagtail's edit view checks
    the model permission only, the instance rule is offers.permissions."""

    def get_object(self, queryset=None):
        offer = super().get_object(queryset)
        if not self.user_has_permission_for_instance("change", offer):
            raise PermissionDenied
        return offer
