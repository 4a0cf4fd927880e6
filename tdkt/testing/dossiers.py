"""Dossiers brought to a given step, for the tests of the apps that follow them (council, decisions),
and the appraisal's command-line contract (a small history, a nominations file, `tdkt appraise --json`)."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers import actions
from dossiers.models import DocumentKind
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing.history import run

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


# --- the appraisal's command-line contract -------------------------------------------------------

def appraisal_history():
    """Ward W (a commune since 01/07/2025) under the city T, a school S in W, another ward V; district Q before the merger."""
    units = [
        {"code": "T", "name": "Thành phố Thử Nghiệm", "kind": "province", "parent": None},
        {"code": "Q", "name": "Quận Cũ", "kind": "district", "parent": "T", "valid_to": "2025-06-30"},
        {"code": "QW", "name": "Phường Cũ", "kind": "commune", "parent": "Q", "valid_to": "2025-06-30"},
        {"code": "W", "name": "Phường Phú Lương", "kind": "commune", "parent": "T", "valid_from": "2025-07-01"},
        {"code": "S", "name": "Trường THCS Phú Lương", "kind": "school", "parent": "W", "valid_from": "2025-07-01"},
        {"code": "V", "name": "Phường Yên Nghĩa", "kind": "commune", "parent": "T", "valid_from": "2025-07-01"},
    ]
    people = [
        {"code": "P", "full_name": "Nguyễn Thị Phương", "unit": "W"},
        {"code": "A", "full_name": "Trần Văn An", "unit": "W"},
        {"code": "B", "full_name": "Lê Thị Bình", "unit": "S"},
        {"code": "X", "full_name": "Phạm Văn Xuân", "unit": "V"},
        {"code": "M", "full_name": "Hoàng Thị Mai", "unit": "W"},
        {"code": "O", "full_name": "Vũ Văn Ổn", "unit": "QW"},
    ]
    memberships = [
        # M moved from V to W in the summer: she belongs to W at the end of the year.
        {"person": "M", "unit": "V", "from": "2020-01-01", "to": "2025-08-31"},
        {"person": "M", "unit": "W", "from": "2025-09-01", "to": None},
        {"person": "P", "unit": "W", "from": "2015-01-01", "to": None},
        {"person": "A", "unit": "W", "from": "2015-01-01", "to": None},
        {"person": "B", "unit": "S", "from": "2015-01-01", "to": None},
        {"person": "X", "unit": "V", "from": "2015-01-01", "to": None},
        {"person": "O", "unit": "QW", "from": "2015-01-01", "to": None},
    ]
    ratings = [{"person": "P", "year": 2025, "rating": "HTXSNV"}, {"person": "A", "year": 2025, "rating": "HTNV"},
               {"person": "B", "year": 2025, "rating": "HTTNV"}, {"person": "X", "year": 2025, "rating": "HTTNV"},
               {"person": "M", "year": 2025, "rating": "HTTNV"}, {"person": "O", "year": 2024, "rating": "HTXSNV"}]
    awards = [{"recipient": "B", "award": "LDTT", "year": 2025, "decision_number": "12/QĐ-UBND", "decision_date": "2026-01-05"}]
    return {"format": "tdkt-history/1", "units": units, "people": people, "memberships": memberships,
            "ratings": ratings, "disciplines": [], "initiatives": [], "awards": awards}


def nominate(tmp_path, lines, *, authority="W", decision_date="2026-01-15", year=2025, name="nominations.json", **extra):
    data = {"format": "tdkt-nominations/1", "authority": authority, "decision_date": decision_date, "year": year,
            "lines": lines, **extra}
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def appraise_json(path):
    result = run("appraise", path, "--json")
    assert result.status == 0, result.stderr
    return result.json
