"""Work of the task worker for decisions: the files of an issued decision, with progress on its page.

The files are made again until they exist: a worker killed while making them (jobs.tracking sees its process
gone) hands the decision back to the worker; a decision whose files went missing from the disk (a restore
without them, a deleted folder) is made again when its page is opened; a failure with a reason (no LibreOffice)
is said on the page with a button to try again.
"""

from django.tasks import task

from jobs import tracking


@task
def render_decision_task(decision_id):
    return render_files(decision_id, queued=True)


def render_decision(decision_id):
    """Queue the rendering (tests and HUEY_IMMEDIATE run it at once)."""
    render_decision_task.enqueue(decision_id)


def _claim(decision_id, queued):
    from .models import Decision, RenderStatus

    waiting = [RenderStatus.PENDING] if queued else [RenderStatus.PENDING, RenderStatus.FAILED, RenderStatus.DONE]
    return tracking.claim(Decision, decision_id, state="render_status", waiting=waiting,
                          running_state=RenderStatus.RUNNING, render_done=0, render_error="")


def _save(decision, field_name, filename, content):
    """Save a file under its own name, replacing what an earlier, interrupted run left there (no stray copy)."""
    from django.core.files.base import ContentFile

    field = getattr(decision, field_name)
    name = field.field.generate_filename(decision, filename)
    if field.storage.exists(name):
        field.storage.delete(name)
    field.save(filename, ContentFile(content), save=False)


def render_files(decision_id, queued=False):
    """Make the decision's files. ``queued``: run by the worker for a decision waiting for it (a second
    delivery does nothing); else (the demo, a benchmark) made now whatever its state."""
    import logging

    from django.db.models import F

    from . import documents, signing
    from .models import Decision, RenderStatus

    if not _claim(decision_id, queued):
        return Decision.objects.filter(pk=decision_id, render_status=RenderStatus.DONE).exists()
    log = logging.getLogger(__name__)
    decision = Decision.objects.select_related("authority").get(pk=decision_id)
    notes = []
    try:
        docx = documents.decision_docx(decision)
        _save(decision, "docx", f"quyet-dinh-{decision.pk}.docx", docx)
        try:
            pdf = documents.docx_to_pdf(docx)
        except documents.NoConverter as e:
            pdf = None
            notes.append(str(e))
        tracking.beat(Decision, decision_id, render_done=1)

        def progress(done):
            tracking.beat(Decision, decision_id, render_done=1 + done)

        from .actions import register_numbers_assign

        register_numbers_assign(acting_user=None, decision=decision)  # số vào sổ, before the certificates show them
        certificates = documents.certificates_pdf(decision, progress)
        signed = False
        if signing.configured():
            pdf = signing.sign_pdf(pdf) if pdf else None
            certificates = signing.sign_pdf(certificates)
            signed = True
        if pdf:
            _save(decision, "pdf", f"quyet-dinh-{decision.pk}.pdf", pdf)
        # Named by what it holds: giay-khen-12.pdf for a ward's Giấy khen, bang-khen-… for a city's Bằng khen.
        _save(decision, "certificates", f"{documents.certificates_stem(decision)}-{decision.pk}.pdf", certificates)
        Decision.objects.filter(pk=decision_id).update(docx=decision.docx.name, pdf=decision.pdf.name or "",
                                                       certificates=decision.certificates.name, signed=signed,
                                                       render_status=RenderStatus.DONE, render_done=F("render_total"),
                                                       render_error="\n".join(notes))
    except Exception as e:  # noqa: BLE001 - the page says so; the log keeps the trace
        log.exception("rendering decision %s", decision_id)
        Decision.objects.filter(pk=decision_id).update(render_status=RenderStatus.FAILED,
                                                       render_error=f"Không tạo được tệp: {e}")
        return False
    return True


def files_missing(decision) -> bool:
    """Made, but a file the decision names is not on the disk."""
    from .models import RenderStatus

    if decision.render_status != RenderStatus.DONE:
        return False
    for field in (decision.docx, decision.pdf, decision.certificates):
        if field and not field.storage.exists(field.name):
            return True
    return not decision.docx or not decision.certificates


def make_again(decision):
    """Hand the decision back to the worker to make its files (its process died, or its files are gone)."""
    from .models import Decision, RenderStatus

    n = Decision.objects.filter(pk=decision.pk, render_status=decision.render_status).update(
        render_status=RenderStatus.PENDING, render_done=0, runner="")
    if n:
        tracking.hand_to_worker(TRACKED, decision.pk)


def enqueue(decision_id):
    render_decision(decision_id)


TRACKED = tracking.Kind(model="decisions.Decision", state="render_status", running=("running",), waiting="pending",
                        on_dead="decisions.tasks.make_again", enqueue="decisions.tasks.enqueue")


# --- a revocation's files ------------------------------------------------------------------------------------

@task
def render_revocation_task(revocation_id):
    return render_revocation_files(revocation_id, queued=True)


def render_revocation(revocation_id):
    """Queue the Word and PDF files of an issued revocation (tests and HUEY_IMMEDIATE run it at once)."""
    render_revocation_task.enqueue(revocation_id)


def render_revocation_files(revocation_id, queued=False):
    """Make the revocation's Word and PDF files, as a decision's: taken once (a second delivery does nothing),
    made again when its process died or the files went missing."""
    import logging

    from . import documents, revocation_documents, signing
    from .models import RenderStatus, Revocation

    waiting = [RenderStatus.PENDING] if queued else [RenderStatus.PENDING, RenderStatus.FAILED, RenderStatus.DONE]
    if not tracking.claim(Revocation, revocation_id, state="render_status", waiting=waiting,
                          running_state=RenderStatus.RUNNING, render_error=""):
        return Revocation.objects.filter(pk=revocation_id, render_status=RenderStatus.DONE).exists()
    rev = Revocation.objects.select_related("authority").get(pk=revocation_id)
    notes = []
    try:
        docx = revocation_documents.revocation_docx(rev)
        _save(rev, "docx", f"huy-bo-{rev.pk}.docx", docx)
        tracking.beat(Revocation, revocation_id)
        try:
            pdf = documents.docx_to_pdf(docx)
        except documents.NoConverter as e:
            pdf = None
            notes.append(str(e))
        signed = False
        if pdf and signing.configured():
            pdf = signing.sign_pdf(pdf)
            signed = True
        if pdf:
            _save(rev, "pdf", f"huy-bo-{rev.pk}.pdf", pdf)
        Revocation.objects.filter(pk=revocation_id).update(docx=rev.docx.name, pdf=rev.pdf.name or "", signed=signed,
                                                           render_status=RenderStatus.DONE, render_error="\n".join(notes))
    except Exception as e:  # noqa: BLE001 - the page says so; the log keeps the trace
        logging.getLogger(__name__).exception("rendering revocation %s", revocation_id)
        Revocation.objects.filter(pk=revocation_id).update(render_status=RenderStatus.FAILED,
                                                           render_error=f"Không tạo được tệp: {e}")
        return False
    return True


def revocation_files_missing(rev) -> bool:
    from .models import RenderStatus

    if rev.render_status != RenderStatus.DONE:
        return False
    return not rev.docx or any(f and not f.storage.exists(f.name) for f in (rev.docx, rev.pdf))


def make_revocation_again(rev):
    """Hand the revocation back to the worker to make its files (its process died, or its files are gone)."""
    from .models import RenderStatus, Revocation

    n = Revocation.objects.filter(pk=rev.pk, render_status=rev.render_status).update(
        render_status=RenderStatus.PENDING, runner="")
    if n:
        tracking.hand_to_worker(TRACKED_REVOCATION, rev.pk)


TRACKED_REVOCATION = tracking.Kind(model="decisions.Revocation", state="render_status", running=("running",),
                                   waiting="pending", on_dead="decisions.tasks.make_revocation_again",
                                   enqueue="decisions.tasks.render_revocation")
