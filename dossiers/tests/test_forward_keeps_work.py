"""Forwarding keeps the work (issue 15): what a level sends up is voted by its own council first — the ballot and the
minutes list the lines proposed upward ("đề nghị cấp trên khen thưởng") — and goes up with the documents the level
above asks for, copied (each line's achievement report, the tờ trình and the minutes the dossier came with), so that
the level above's checklist is satisfied without uploading anything again. A forward before the council's result is
refused, saying why. Each test runs on a ward today (Phú Lương to the city) and in 2017 (Phú Lãm to Quận Hà Đông)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from dossiers import actions, decide
from dossiers.models import Attachment, DocumentKind, Dossier, Line, Outcome, Status
from dossiers.selectors import checklist
from dossiers.workflow import StepRefused
from rulebook.models import Parameter
from tdkt.testing.documents import all_text, open_docx
from tdkt.testing.forwarding import (DISTRICT_2017, appraised, council_votes, ward_to_city,
                                     ward_to_district_2017)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["ward today", "district 2017"])
def level(request, world, settings, tmp_path, time_machine):
    settings.MEDIA_ROOT = tmp_path / "media"
    if request.param == "district 2017":
        time_machine.move_to(DISTRICT_2017)
        return ward_to_district_2017(world)
    return ward_to_city(world)


def _upward_line(d, level):
    return d.lines.get(award_type__code=level.upward)


def test_a_forward_before_the_wards_council_has_voted_is_refused_saying_why(level):
    d = appraised(level)
    assert d.status == Status.COUNCIL
    with pytest.raises(StepRefused) as refused:
        actions.dossier_forward(acting_user=level.office, dossier=d)
    assert str(refused.value) == (f"Các dòng đề nghị cấp trên khen thưởng phải được Hội đồng Thi đua - Khen thưởng "
                                  f"{level.ward.name} xét trước (biên bản họp ghi các dòng này): hãy trình Hội đồng, rồi "
                                  "chuyển cấp trên khi đã có kết quả họp.")
    assert not Dossier.objects.filter(forwarded_from=d).exists()
    assert _upward_line(d, level).outcome == Outcome.PROPOSED


def test_the_wards_council_votes_the_lines_proposed_upward_and_its_minutes_list_them(level):
    d = appraised(level)
    meeting = council_votes(level.ward, [d], level.office)
    tallies = {t.line.award_type.code: t for t in meeting.tallies.select_related("line__award_type", "upward")}
    assert set(tallies) == {level.own, level.upward}
    assert tallies[level.upward].upward == level.above and tallies[level.own].upward is None
    assert {ln.award_type.code: ln.outcome for ln in d.lines.select_related("award_type")} == {
        level.own: Outcome.PASSED, level.upward: Outcome.PASSED}
    client = Client()
    client.force_login(level.office)
    text = all_text(open_docx(client.get(reverse("council:minutes", args=[meeting.pk]))))
    upward = _upward_line(d, level)
    assert f"{upward.award_type.name} (đề nghị {level.above.name} khen thưởng)" in text
    assert f"Các dòng đề nghị cấp trên khen thưởng (vượt thẩm quyền của" in text
    assert (f"Đề nghị cấp trên khen thưởng: 1/1 trường hợp được thông qua, đề nghị Chủ tịch trình {level.above.name} "
            "xem xét, khen thưởng.") in text
    assert "Kết quả: 1/1 trường hợp được thông qua, đề nghị Chủ tịch xem xét, quyết định khen thưởng." in text
    page = client.get(reverse("council:detail", args=[meeting.pk])).content.decode()
    assert f"đề nghị {level.above.name} khen thưởng" in page


def test_after_the_vote_the_lines_go_up_with_their_reports_and_the_level_above_needs_no_upload(level):
    d = appraised(level)
    council_votes(level.ward, [d], level.office)
    d.refresh_from_db()
    assert d.status == Status.DECISION
    # The ward's chairman decides its own line; the line for the level above is not in the decision.
    decision = decide.decision_issue(acting_user=level.chairman, authority=level.ward, dossiers=[d], number="15",
                                     date=actions.today(), signer_name="Nguyễn Văn Chủ")
    assert [a.award_type.code for a in decision.awards.all()] == [level.own]
    [up] = actions.dossier_forward(acting_user=level.office, dossier=d)
    d.refresh_from_db()
    assert d.status == Status.DECIDED and _upward_line(d, level).outcome == Outcome.FORWARDED
    assert (up.unit, up.authority, up.status) == (level.ward, level.above, Status.DRAFT)
    line = up.lines.get()
    assert line.origin == _upward_line(d, level)
    kinds = sorted((a.kind, a.line_id) for a in up.attachments.all())
    assert kinds == sorted([(DocumentKind.PROPOSAL, None), (DocumentKind.MINUTES, None), (DocumentKind.REPORT, line.pk)])
    report, original = up.attachments.get(kind=DocumentKind.REPORT), d.attachments.get(kind=DocumentKind.REPORT)
    assert report.file.name != original.file.name and report.file.read() == original.file.read()
    assert report.name == original.name and report.sha256 == original.sha256
    assert all(item.ok for item in checklist(up)), [(i.label, i.detail) for i in checklist(up) if not i.ok]
    assert "kèm 3 tài liệu" in up.events.get(verb="create").data["document"]["label"]
    # The ward's officer sends it as it is; the office above receives and appraises it.
    actions.dossier_submit(acting_user=level.officer, dossier=up)
    actions.dossier_receive(acting_user=level.above_office, dossier=up)
    actions.dossier_appraise(acting_user=level.above_office, dossier=up)
    up.refresh_from_db()
    assert up.status in (Status.COUNCIL, Status.DISCLOSURE)
    assert not up.events.filter(verb="attachment_add").exists()


def test_removing_a_forwarded_copy_leaves_the_original(level, django_capture_on_commit_callbacks):
    d = appraised(level)
    council_votes(level.ward, [d], level.office)
    [up] = actions.dossier_forward(acting_user=level.office, dossier=d)
    copy = up.attachments.get(kind=DocumentKind.REPORT)
    original = d.attachments.get(kind=DocumentKind.REPORT)
    with django_capture_on_commit_callbacks(execute=True):
        actions.attachment_remove(acting_user=level.officer, attachment=copy)
    storage = Attachment._meta.get_field("file").storage
    assert not storage.exists(copy.file.name)
    assert storage.exists(original.file.name) and original.file.read().startswith(b"%PDF")


def test_a_line_the_wards_council_did_not_pass_does_not_go_up(level):
    d = appraised(level)
    council_votes(level.ward, [d], level.office, against=[_upward_line(d, level).pk])
    assert _upward_line(d, level).outcome == Outcome.FAILED
    with pytest.raises(ValidationError, match="không thông qua các dòng đề nghị cấp trên khen thưởng"):
        actions.dossier_forward(acting_user=level.office, dossier=d)


def test_where_the_rulebook_leaves_them_out_of_the_council_the_lines_need_no_vote_here(level):
    """A province may have its lower councils leave what goes up to the level above (council_reviews_upward): the
    line needs no vote at the ward, is not on its ballot, and goes up after the ward's council on its own lines; a
    dossier with nothing else goes up straight after the appraisal."""
    Parameter.objects.filter(key="council_reviews_upward").update(value=["province"])
    d = appraised(level)
    assert d.status == Status.COUNCIL and _upward_line(d, level).outcome == Outcome.NO_VOTE
    meeting = council_votes(level.ward, [d], level.office)
    assert [t.line.award_type.code for t in meeting.tallies.select_related("line__award_type")] == [level.own]
    [up] = actions.dossier_forward(acting_user=level.office, dossier=d)
    assert up.lines.get().award_type.code == level.upward
    alone = appraised(level, lines=[(level.upward_for, level.upward)])
    assert alone.status == Status.DECISION
    actions.dossier_forward(acting_user=level.office, dossier=alone)
    alone.refresh_from_db()
    assert alone.status == Status.FORWARDED
    assert Line.objects.get(dossier=alone).outcome == Outcome.FORWARDED
