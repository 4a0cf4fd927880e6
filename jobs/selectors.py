"""Reads of jobs: an export is seen by the person who asked for it (and an administrator)."""

from django.http import Http404

from .models import ExportJob


def export_get_for_user(user, pk) -> ExportJob:
    qs = ExportJob.objects.all() if user.is_superuser else ExportJob.objects.filter(user=user)
    try:
        return qs.get(pk=pk)
    except (ExportJob.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tệp xuất") from None


def export_file(job):
    """Where a finished export's workbook is, or None while it is not there (or no longer)."""
    from .exports import file_of

    path = file_of(job)
    return path if job.state == ExportJob.State.DONE and path.exists() else None
