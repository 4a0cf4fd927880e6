from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import exports, selectors, tracking

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_job(request, pk):
    """Progress of a big export, then its download link (the page polls while the worker writes)."""
    job = tracking.check(selectors.export_get_for_user(request.user, pk))
    template = "jobs/_export.html" if request.htmx else "jobs/export.html"
    return render(request, template, {"job": job, "file_gone": job.state == job.State.DONE and not selectors.export_file(job)})


def export_download(request, pk):
    job = selectors.export_get_for_user(request.user, pk)
    path = selectors.export_file(job)
    if path is None:
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.filename, content_type=XLSX)


@require_POST
def export_retry(request, pk):
    job = selectors.export_get_for_user(request.user, pk)
    try:
        exports.retry(acting_user=request.user, job=job)
    except (ValidationError, PermissionDenied) as e:
        messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
    return redirect("jobs:export", pk=job.pk)
