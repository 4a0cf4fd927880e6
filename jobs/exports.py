"""Exports too big for a request, written by the worker with progress (one mechanism for every big export).

Each kind names, in ``KINDS``, a function that writes the workbook:

    write(job, progress) -> bytes

reading what it needs from ``job.params`` and the scope of ``job.user`` (the person who asked: the worker sees
what they see, no more), telling ``progress(done, total)`` how far it got; a ValueError carries a refusal worded
for the user (e.g. more rows than a sheet holds). ``start`` records the job and hands it to the worker; the job's page
(jobs:export) polls it and offers the file to the person who asked, for TDKT_EXPORT_KEEP_DAYS (default 7).
"""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from . import tracking
from .models import ExportJob

KINDS = {
    "eligibility": "eligibility.export.write_for_job",
    "draft_preview": "eligibility.preview_export.write_for_job",
    "people": "org.people_excel.write_for_job",
    "registration_template": "registration.excel.write_for_job",
    "dossiers": "dossiers.list_export.write_for_job",
    "decisions": "decisions.list_export.write_for_job",
    "year_report": "reports.kept.write_for_job",
}
SYSTEM_ERROR = "Không xuất được tệp do lỗi hệ thống; hãy bấm “Thử lại” hoặc báo quản trị hệ thống."
INTERRUPTED = ("Việc xuất tệp bị gián đoạn lúc {at} (máy chủ hoặc tiến trình xử lý nền dừng đột ngột). "
               "Bấm “Thử lại” để xuất lại.")


def inline_rows() -> int:
    """Up to this many rows an export is written during the request; past it, by the worker."""
    return int(getattr(settings, "TDKT_EXPORT_INLINE_ROWS", 5000))


def folder() -> Path:
    return Path(settings.DATA_DIR) / "exports"


def file_of(job) -> Path:
    return folder() / f"{job.kind}-{job.pk}.xlsx"


def start(*, acting_user, kind: str, params: dict, title: str, filename: str, back_url: str = "",
          back_label: str = "") -> ExportJob:
    """Record an export of ``kind`` and hand it to the worker; its page says how far it got. (Called outside a
    transaction, as the views run: the row is there when the worker looks; a worker that looked too early finds
    it later, jobs.tracking hands a forgotten job again.)"""
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind}")
    job = ExportJob.objects.create(user=acting_user, kind=kind, params={**params, "back_label": back_label},
                                   title=title[:300], filename=filename[:200],
                                   back_url=back_url[:500], beat_at=timezone.now())
    tracking.hand_to_worker(TRACKED, job.pk)
    return job


def run(job_id):
    """Write the export ``job_id`` if it waits (the worker's task); a second delivery does nothing."""
    if not tracking.claim(ExportJob, job_id, state="state", waiting=ExportJob.State.PENDING,
                          running_state=ExportJob.State.RUNNING, written=0, total=0, message=""):
        return False
    job = ExportJob.objects.select_related("user").get(pk=job_id)

    def progress(written, total):
        tracking.beat(ExportJob, job.pk, written=written, total=total)

    def failed(message):
        ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.State.FAILED, message=message, finished_at=timezone.now())

    try:
        data = import_string(KINDS[job.kind])(job, progress)
        folder().mkdir(parents=True, exist_ok=True)
        partial = file_of(job).with_suffix(".partial")
        partial.write_bytes(data)
        partial.replace(file_of(job))
    except ValueError as e:  # a refusal worded for the user
        failed(str(e))
        return False
    except Exception:
        # Whatever else went wrong, the page must stop saying "đang xuất" (it polls until it does).
        failed(SYSTEM_ERROR)
        raise
    ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.State.DONE, written=F("total"), finished_at=timezone.now())
    return True


def interrupted(job):
    """The process writing ``job`` died: it fails, saying so, and may be tried again."""
    at = timezone.localtime(job.beat_at or timezone.now())
    ExportJob.objects.filter(pk=job.pk, state=job.state).update(
        state=ExportJob.State.FAILED, message=INTERRUPTED.format(at=f"{at:%H:%M} ngày {at:%d/%m/%Y}"),
        finished_at=timezone.now())


def retry(*, acting_user, job) -> ExportJob:
    """Run a failed export again (its owner)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    if job.user_id != acting_user.pk and not acting_user.is_superuser:
        raise PermissionDenied("Chỉ người đã yêu cầu xuất tệp này mới chạy lại được.")
    n = ExportJob.objects.filter(pk=job.pk, state=ExportJob.State.FAILED).update(
        state=ExportJob.State.PENDING, message="", written=0, total=0, runner="", beat_at=timezone.now(),
        finished_at=None)
    if not n:
        raise ValidationError("Việc xuất tệp này không ở trạng thái lỗi: không cần chạy lại.")
    tracking.hand_to_worker(TRACKED, job.pk)
    job.refresh_from_db()
    return job


def enqueue(job_id):
    from .tasks import export_task

    export_task.enqueue(job_id)


def clean_old(days=None):
    """Remove the files of exports older than TDKT_EXPORT_KEEP_DAYS (their rows stay, without a file)."""
    days = days if days is not None else int(getattr(settings, "TDKT_EXPORT_KEEP_DAYS", 7))
    cutoff = timezone.now() - timedelta(days=days)
    n = 0
    for job in ExportJob.objects.filter(created_at__lt=cutoff, state=ExportJob.State.DONE).only("pk", "kind"):
        path = file_of(job)
        if path.exists():
            path.unlink()
            n += 1
    return n


TRACKED = tracking.Kind(model="jobs.ExportJob", state="state", running=(ExportJob.State.RUNNING,),
                        waiting=ExportJob.State.PENDING, on_dead="jobs.exports.interrupted", enqueue="jobs.exports.enqueue")
