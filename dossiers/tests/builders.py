"""Dossiers brought to a given step, for the tests of the apps that follow them (council, decisions)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers import actions
from dossiers.models import DocumentKind
from records.models import Rating
from rulebook.models import AwardType

PDF = b"%PDF-1.4\n%%EOF\n"


def pdf(name="scan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def rate(people, year, level="HTXSNV"):
    for p in people:
        Rating.objects.update_or_create(person=p, year=year, defaults={"level": level})


def dossier_at_council(world, people, award="LDTT", year=2025):
    """Ward A's dossier proposing ``people`` for ``award``, appraised and waiting for the council."""
    users = world.users
    rate(people, year)
    d = actions.dossier_create(acting_user=users["officer_a"], unit=world.ward_a, authority=world.ward_a, year=year,
                               title=f"Đề nghị khen thưởng tổng kết năm {year}")
    actions.lines_add(acting_user=users["officer_a"], dossier=d,
                      items=[{"person": p, "award_type": AwardType.objects.get(code=award), "summary": "Hoàn thành xuất sắc nhiệm vụ"}
                             for p in people])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        actions.attachment_add(acting_user=users["officer_a"], dossier=d, kind=kind, upload=pdf())
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=users["ward_specialist"], dossier=d)
    return actions.dossier_appraise(acting_user=users["ward_specialist"], dossier=d)
