"""Excel imports as jobs: small files at once, big ones in the task worker, with progress.

One mechanism for every big import (people, a unit's ratings): ``start``
records an ImportJob, runs it in the request when the file has at most
``inline_rows()`` data rows, else keeps the file and hands it to the worker
(org.tasks.import_job); the page polls the job (org/_import_job.html through
org:import_job) until it is done. Each kind names a function in ``KINDS``:

    run(job, fileobj, progress) -> result

``result`` has ``errors`` (core.excel.CellError), ``summary`` (what it did, in
Vietnamese), ``write_seconds`` and optionally ``job_fields`` ({ImportJob field:
value}). ``progress(stage, rows_done)`` is told how far it got; a kind reads
its rows through ``CountingSheet`` and reports the checking and the writing.
"""

import time
from contextlib import nullcontext
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from core.uploads import sheet_rows

from .models import ImportJob

KINDS = {
    ImportJob.Kind.PEOPLE: "org.people_excel.run_for_job",
    ImportJob.Kind.RATINGS: "records.ratings_excel.run_for_job",
}
PROGRESS_EVERY = 2000
SYSTEM_ERROR = "Lỗi hệ thống khi nhập tệp; chưa dòng nào được ghi. Hãy báo quản trị hệ thống."


def inline_rows() -> int:
    """Files with more data rows than this are imported by the task worker."""
    return getattr(settings, "PEOPLE_IMPORT_INLINE_ROWS", 2000)


def count_rows(fileobj) -> int:
    """Data rows of the file's largest sheet (its header row aside), counted without parsing."""
    return max(sheet_rows(fileobj) - 1, 0)


class CountingSheet:
    """A worksheet whose row reading reports progress (every PROGRESS_EVERY rows)."""

    def __init__(self, ws, progress):
        self._ws, self._progress = ws, progress

    def __getattr__(self, name):
        return getattr(self._ws, name)

    def iter_rows(self, *args, **kwargs):
        for i, row in enumerate(self._ws.iter_rows(*args, **kwargs), start=1):
            if i % PROGRESS_EVERY == 0:
                self._progress(ImportJob.Status.READING, i)
            yield row


def job_file(job) -> Path:
    return Path(settings.DATA_DIR) / "uploads" / "imports" / f"{job.kind}-{job.pk}.xlsx"


def start(*, kind, acting_user, upload, params=None):
    """Record the import; run it now when the file is small (→ (job, result)), else hand it to the worker
    (→ (job, None); ``job.queued`` says which)."""
    total = count_rows(upload)
    job = ImportJob.objects.create(kind=kind, params=params or {}, user=acting_user,
                                   filename=(upload.name or "")[:255], total_rows=total)
    job.queued = total > inline_rows()
    if not job.queued:
        return job, run_job(job, fileobj=upload)
    path = job_file(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    from .tasks import import_job

    import_job.enqueue(job.pk)
    return job, None


def run_job(job, fileobj=None):
    """Run ``job`` (from its kept file unless ``fileobj`` is given) and record what it did."""
    last = [0.0]

    def progress(stage, n):
        moment = time.monotonic()
        if moment - last[0] >= 0.5 or stage == ImportJob.Status.WRITING:
            last[0] = moment
            ImportJob.objects.filter(pk=job.pk).update(status=stage, checked_rows=min(n, job.total_rows or n))

    run = import_string(KINDS[job.kind])
    path = job_file(job) if fileobj is None else None
    try:
        with (open(path, "rb") if path else nullcontext(fileobj)) as f:
            result = run(job, f, progress)
    except Exception:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, finished_at=timezone.now(), n_errors=1,
            errors=[{"sheet": "", "row": 0, "column": "", "message": SYSTEM_ERROR}])
        raise
    finally:
        if path is not None:
            path.unlink(missing_ok=True)
    job.status = ImportJob.Status.FAILED if result.errors else ImportJob.Status.DONE
    for name, value in getattr(result, "job_fields", {}).items():
        setattr(job, name, value)
    job.summary = getattr(result, "summary", "") if not result.errors else ""
    job.n_errors = len(result.errors)
    job.errors = [{"sheet": e.sheet, "row": e.row, "column": e.column, "message": e.message}
                  for e in result.errors[:ImportJob.ERRORS_KEPT]]
    job.write_seconds = result.write_seconds
    job.checked_rows = job.total_rows
    job.finished_at = timezone.now()
    job.save()
    return result
