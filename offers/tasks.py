"""Background jobs of the offers directory. Each wraps a plain function tests call directly."""

from celery import shared_task
from django.core.files.storage import default_storage

from offers.importing import run_import


def import_offers_from_storage(run_id, path):
    """Import an uploaded file kept in the default storage, then delete the upload."""
    from offers.models import ImportRun

    run = ImportRun.objects.get(pk=run_id)
    if run.finished_at:  # idempotent: a redelivered task does not import twice
        return run.status
    with default_storage.open(path, "rb") as upload:
        data = upload.read()
    run, _report = run_import(
        data,
        run.filename,
        user=run.user,
        dry_run=run.dry_run,
        partial=run.partial,
        locale_code=run.locale_code,
        run=run,
    )
    default_storage.delete(path)
    return run.status


@shared_task(name="offers.import_offers_file", acks_late=True)
def import_offers_file(run_id, path):
    return import_offers_from_storage(run_id, path)


@shared_task(name="offers.expire_offers")
def expire_offers_task():
    from offers.expiry import expire_offers

    return len(expire_offers())
