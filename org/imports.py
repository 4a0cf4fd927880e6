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
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from core.uploads import sheet_rows
from jobs import tracking

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


INTERRUPTED = ("Việc nhập tệp bị gián đoạn lúc {at} (máy chủ hoặc tiến trình xử lý nền dừng đột ngột); "
               "chưa có dòng nào được ghi. Bấm “Nhập lại tệp này” để chạy lại.")


def start(*, kind, acting_user, upload, params=None):
    """Record the import and keep its file (a retry needs it); run it now when the file is small
    (→ (job, result)), else hand it to the worker (→ (job, None); ``job.queued`` says which)."""
    total = count_rows(upload)
    job = ImportJob.objects.create(kind=kind, params=params or {}, user=acting_user,
                                   filename=(upload.name or "")[:255], total_rows=total)
    path = job_file(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    job.queued = total > inline_rows()
    if not job.queued:
        if not tracking.claim(ImportJob, job.pk, state="status", waiting=ImportJob.Status.PENDING,
                              running_state=ImportJob.Status.READING):
            return job, None
        return job, run_job(job)
    tracking.hand_to_worker(TRACKED, job.pk)
    return job, None


def run_queued(job_id):
    """The worker's part: take the job if it still waits (a second delivery does nothing), then run it."""
    if not tracking.claim(ImportJob, job_id, state="status", waiting=ImportJob.Status.PENDING,
                          running_state=ImportJob.Status.READING):
        return None
    return run_job(ImportJob.objects.select_related("user").get(pk=job_id))


def run_job(job):
    """Run ``job`` (claimed by this process) from its kept file and record what it did. The file is removed
    once the file has its verdict (imported, or refused with its errors); kept after a system error or when
    the process dies, so that the import may be run again as it is."""
    last = [0.0]

    def progress(stage, n):
        moment = time.monotonic()
        if moment - last[0] >= 0.5 or stage == ImportJob.Status.WRITING:
            last[0] = moment
            tracking.beat(ImportJob, job.pk, status=stage, checked_rows=min(n, job.total_rows or n))

    run = import_string(KINDS[job.kind])
    path = job_file(job)
    try:
        with open(path, "rb") as f:
            result = run(job, f, progress)
    except Exception:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, finished_at=timezone.now(), n_errors=1,
            errors=[{"sheet": "", "row": 0, "column": "", "message": SYSTEM_ERROR}])
        raise
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


def interrupted(job):
    """The process running ``job`` died (kill -9, a crash, a restart): nothing was written (the write is one
    transaction); the job fails saying so, and its kept file lets it run again."""
    at = timezone.localtime(job.beat_at or timezone.now())
    message = INTERRUPTED.format(at=f"{at:%H:%M} ngày {at:%d/%m/%Y}")
    ImportJob.objects.filter(pk=job.pk, status=job.status).update(
        status=ImportJob.Status.FAILED, finished_at=timezone.now(), n_errors=1,
        errors=[{"sheet": "", "row": 0, "column": "", "message": message}])


def retry(*, acting_user, job):
    """Run again, by the worker, an import that failed without a verdict on its file (its owner only)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    if job.user_id != acting_user.pk and not acting_user.is_superuser:
        raise PermissionDenied("Chỉ người đã nhập tệp này mới chạy lại được.")
    if not job.retryable:
        raise ValidationError("Lần nhập này không chạy lại được: tệp đã có kết quả, hoặc không còn được lưu; hãy chọn tệp và nhập lại.")
    n = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.FAILED).update(
        status=ImportJob.Status.PENDING, errors=[], n_errors=0, checked_rows=0, runner="", finished_at=None)
    if n:
        tracking.hand_to_worker(TRACKED, job.pk)
    job.refresh_from_db()
    return job


def enqueue(job_id):
    from .tasks import import_job

    import_job.enqueue(job_id)


TRACKED = tracking.Kind(
    model="org.ImportJob", state="status",
    running=(ImportJob.Status.READING, ImportJob.Status.CHECKING, ImportJob.Status.WRITING),
    waiting=ImportJob.Status.PENDING, on_dead="org.imports.interrupted", enqueue="org.imports.enqueue")
