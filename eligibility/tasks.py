"""Work of the task worker for eligibility: keeping the year's results up to date."""

from django.tasks import task


@task
def refresh_results(year):
    from .results import bring_up_to_date

    return bring_up_to_date(year)


@task
def export_eligibility(job_id):
    from django.conf import settings
    from django.db.models import F
    from django.utils import timezone

    from core.excel import to_bytes

    from .models import ExportJob
    from .export import export_workbook

    job = ExportJob.objects.select_related("unit").get(pk=job_id)
    if job.state != ExportJob.State.PENDING:
        return  # already run (a retried delivery)
    ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.State.RUNNING)

    def progress(written, total):
        ExportJob.objects.filter(pk=job.pk).update(written=written, total=total)

    def failed(message):
        ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.State.FAILED, message=message, finished_at=timezone.now())

    try:
        data = to_bytes(export_workbook(job.unit, job.year, job.award or None, job.status_filter, progress))
        folder = settings.DATA_DIR / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"eligibility-{job.pk}.xlsx").write_bytes(data)
    except ValueError as e:  # a refusal worded for the user (more rows than a sheet holds)
        failed(str(e))
        return
    except Exception:
        # Whatever else went wrong, the page must stop saying "đang xuất" (it polls until it does).
        failed("Không xuất được tệp do lỗi hệ thống; hãy thử lại hoặc báo quản trị hệ thống.")
        raise
    ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.State.DONE, written=F("total"), finished_at=timezone.now())
