"""Work of the task worker for decisions: the files of an issued decision, with progress on its page."""

from django.tasks import task


@task
def render_decision_task(decision_id):
    from .models import Decision, RenderStatus

    if Decision.objects.filter(pk=decision_id, render_status=RenderStatus.DONE).exists():
        return True  # made already (a retried delivery, or the demo made them at once)
    return render_files(decision_id)


def render_decision(decision_id):
    """Queue the rendering (tests and HUEY_IMMEDIATE run it at once)."""
    render_decision_task.enqueue(decision_id)


def render_files(decision_id):
    import logging

    from django.core.files.base import ContentFile
    from django.db.models import F

    from . import documents, signing
    from .models import Decision, RenderStatus

    log = logging.getLogger(__name__)
    decision = Decision.objects.select_related("authority").get(pk=decision_id)
    rows = Decision.objects.filter(pk=decision_id)
    rows.update(render_status=RenderStatus.RUNNING, render_done=0, render_error="")
    notes = []
    try:
        docx = documents.decision_docx(decision)
        decision.docx.save(f"quyet-dinh-{decision.pk}.docx", ContentFile(docx), save=False)
        try:
            pdf = documents.docx_to_pdf(docx)
        except documents.NoConverter as e:
            pdf = None
            notes.append(str(e))
        rows.update(render_done=1)

        def progress(done):
            rows.update(render_done=1 + done)

        certificates = documents.certificates_pdf(decision, progress)
        signed = False
        if signing.configured():
            pdf = signing.sign_pdf(pdf) if pdf else None
            certificates = signing.sign_pdf(certificates)
            signed = True
        if pdf:
            decision.pdf.save(f"quyet-dinh-{decision.pk}.pdf", ContentFile(pdf), save=False)
        decision.certificates.save(f"bang-khen-{decision.pk}.pdf", ContentFile(certificates), save=False)
        Decision.objects.filter(pk=decision_id).update(docx=decision.docx.name, pdf=decision.pdf.name or "",
                                                       certificates=decision.certificates.name, signed=signed,
                                                       render_status=RenderStatus.DONE, render_done=F("render_total"),
                                                       render_error="\n".join(notes))
    except Exception as e:  # noqa: BLE001 - the page says so; the log keeps the trace
        log.exception("rendering decision %s", decision_id)
        rows.update(render_status=RenderStatus.FAILED, render_error=f"Không tạo được tệp: {e}")
        return False
    return True
