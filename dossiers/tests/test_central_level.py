"""Awards beyond the city route up: a state award passed by the city's council is submitted to the central level
outside the application (the tờ trình's number and date are recorded), then the outcome decision is recorded and
enters the history. Households are recipients of their own; an agency is never a household."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from decisions.models import Award
from dossiers import actions, decide
from dossiers.models import Dossier, Line, Outcome, Status
from org.models import Person, Unit, UnitKind
from rulebook.models import AwardType

pytestmark = pytest.mark.django_db


def _city_dossier(world, awards):
    """A dossier of ward A to the city whose lines (person, award code) the city's council passed."""
    d = actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.city, year=2025,
                               title="Đề nghị khen thưởng năm 2025")
    Line.objects.bulk_create([Line(dossier=d, position=i, person=p, award_type=AwardType.objects.get(code=code),
                                   recipient_kind="individual", outcome=Outcome.PASSED)
                              for i, (p, code) in enumerate(awards, start=1)])
    Dossier.objects.filter(pk=d.pk).update(status=Status.DECISION)
    return Dossier.objects.get(pk=d.pk)


def test_a_state_award_goes_to_the_central_level_and_its_outcome_enters_the_history(world, as_user):
    an = Person.objects.get(code="CB0002")
    d = _city_dossier(world, [(world.thinh, "HC_LAO_DONG_3"), (an, "HC_LAO_DONG_3")])
    client = as_user("specialist")
    page = client.get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    assert "Khen thưởng cấp Nhà nước (trình cấp Trung ương)" in page and "Huân chương Lao động hạng Ba" in page
    # Only the province's office records it; the ward's officer may not.
    assert as_user("officer_a").post(reverse("dossiers:central_submit", args=[d.pk]),
                                     {"number": "1/TTr-UBND", "date": "10/02/2026"}).status_code == 302
    assert not d.central_submissions.exists()
    client.post(reverse("dossiers:central_submit", args=[d.pk]), {"number": "125/TTr-UBND", "date": "10/02/2026"})
    d.refresh_from_db()
    sub = d.central_submissions.get()
    assert d.status == Status.CENTRAL and (sub.number, sub.date) == ("125/TTr-UBND", date(2026, 2, 10))
    assert set(d.lines.values_list("outcome", flat=True)) == {Outcome.SENT_CENTRAL}
    client.post(reverse("dossiers:central_result", args=[d.pk, sub.pk]),
                {"number": "812/QĐ-CTN", "date": "20/05/2026", "issuer": "Chủ tịch nước", "awarded": [
                    d.lines.get(person=world.thinh).pk]})
    d.refresh_from_db()
    assert d.status == Status.DECIDED
    award = Award.objects.get(person=world.thinh, award_type__code="HC_LAO_DONG_3")
    assert (award.year, award.decision_number, award.decision_date, award.source) == (2025, "812/QĐ-CTN", date(2026, 5, 20), "central")
    assert d.lines.get(person=an).outcome == Outcome.NOT_AWARDED and not Award.objects.filter(person=an).exists()
    assert [e.verb for e in d.events.order_by("id")][-2:] == ["submit_central", "central_result"]


def test_the_citys_own_lines_are_decided_first(world):
    """A city decision leaves the state award for the central level; the submission waits for the decision."""
    from org.models import Role
    from tdkt.testing import user

    d = _city_dossier(world, [(world.thinh, "HC_LAO_DONG_3"), (Person.objects.get(code="CB0002"), "BK_TINH")])
    with pytest.raises(ValidationError, match="ban hành quyết định cho các dòng đó trước"):
        actions.dossier_submit_central(acting_user=world.users["specialist"], dossier=d, number="1/TTr", date=date(2026, 2, 1))
    chairman = user("chutich.tp", Role.CHAIRMAN, world.city)
    decision = decide.decision_issue(acting_user=chairman, authority=world.city, dossiers=[d], number="7",
                                               date=date(2026, 2, 5), signer_name="Trần Sỹ Thanh")
    assert [a.award_type.code for a in decision.awards.all()] == ["BK_TINH"]
    d.refresh_from_db()
    assert d.status == Status.DECIDED and d.lines.get(person=world.thinh).outcome == Outcome.PASSED
    actions.dossier_submit_central(acting_user=world.users["specialist"], dossier=d, number="2/TTr", date=date(2026, 2, 6))
    d.refresh_from_db()
    assert d.status == Status.CENTRAL


def test_a_household_is_a_recipient_of_its_own_and_an_agency_never_one(world, tmp_path):
    import json

    from tdkt.testing.dossiers import appraise_json

    group = Unit.objects.add_child(Unit.objects.get(code="HN-PLU"), instance=Unit(
        code="HN-PLU-TDP1", name="Tổ dân phố số 1", kind=UnitKind.RESIDENTIAL_GROUP))
    home = Unit.objects.add_child(group, instance=Unit(code="HN-PLU-TDP1-H01", name="Hộ ông Nguyễn Văn Bảy",
                                                       kind=UnitKind.HOUSEHOLD, head_name="Nguyễn Văn Bảy",
                                                       address="Số 5 ngõ 12, tổ dân phố số 1"))
    path = tmp_path / "h.json"
    path.write_text(json.dumps({"format": "tdkt-nominations/1", "authority": "HN-PLU", "decision_date": "2026-01-15",
                                "year": 2025, "lines": [
                                    {"recipient": home.code, "award": "GDVH"},
                                    {"recipient": home.code, "award": "GK", "recipient_kind": "household"},
                                    {"recipient": "HN-PLU-VP", "award": "GK", "recipient_kind": "household"},
                                    {"recipient": home.code, "award": "GK", "recipient_kind": "collective"}]}), encoding="utf-8")
    lines = appraise_json(path)["lines"]
    assert [ln["recipient_kind"] for ln in lines] == ["household", "household", "household", "collective"]
    assert [[p["code"] for p in ln["problems"]] for ln in lines] == [[], [], ["wrong_recipient_kind"],
                                                                     ["duplicate_line", "wrong_recipient_kind"]]
    assert "không được khen thưởng như hộ gia đình" in lines[2]["problems"][0]["message"]
    assert lines[1]["amount"] == 1_060_000  # 0.3 × 1.5 × 2,340,000 = 1,053,000, rounded up (NĐ 152/2025)
