"""Background jobs of the offers directory. Each wraps a plain function tests call directly."""

import logging

from celery.utils.log import get_task_logger
from django.core.files.storage import default_storage

from bildung.celery import background_task, transient_errors
from offers.importing import run_import

logger = get_task_logger(__name__)


def import_offers_from_storage(run_id, path):
    """Import an uploaded file kept in the default storage, then delete the upload.

    Idempotent: a run that has finished is not imported again (a redelivered or repeated
    task returns its status), so a file is never imported twice."""
    from offers.models import ImportRun

    run = ImportRun.objects.get(pk=run_id)
    if run.finished_at:
        if default_storage.exists(path):  # the worker died between finishing and clean-up
            default_storage.delete(path)
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


def reopen_import_run(run_id):
    """After a transient error the import rolled back; mark its run as waiting again so the
    retry imports the file (run_import had marked it as failed and finished)."""
    from offers.models import ImportRun

    try:
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.PENDING, finished_at=None, report=""
        )
    except transient_errors():  # the database is still away: the run was not finished either
        logging.getLogger(__name__).warning("Importlauf %s bleibt unverändert", run_id)


@background_task("offers.import_offers_file", bind=True)
def import_offers_file(self, run_id, path):
    try:
        return import_offers_from_storage(run_id, path)
    except transient_errors():
        if self.request.retries < self.max_retries:
            logger.warning("Import %s: vorübergehender Fehler, neuer Versuch folgt", run_id)
            reopen_import_run(run_id)
        raise


@background_task("offers.expire_offers")
def expire_offers_task():
    """Idempotent: an expired offer is unpublished once; a second run finds nothing to do."""
    from offers.expiry import expire_offers

    return len(expire_offers())
