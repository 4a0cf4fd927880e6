"""An initiative's path: an officer submits it for its authors, the ward's standing office puts it before the
ward's initiative council, members vote, the office records the recognition; a higher level widens its scope; an
application report; who may take which step (a foreign ward refused); the minutes as Word; the reuse of a
recognised initiative refused by the engine and the appraisal."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from initiatives import actions, workflow
from initiatives.models import Council, Initiative, Status
from initiatives.workflow import StepRefused
from org.models import Membership, Role
from tdkt.testing import person, user
from tdkt.testing.initiatives import DATA, recognised, submitted, vote_all  # noqa: F401

pytestmark = pytest.mark.django_db

def test_an_officer_submits_for_two_authors_and_the_shares_add_up_to_100(world):
    i = submitted(world)
    assert i.status == Status.SUBMITTED and i.unit == world.ward_a and i.code.startswith(f"SK{actions.today().year}-HN-PLU-")
    shares = {a.person.code: a.share for a in i.authorship_set.all()}
    assert shares == {"CB0001": Decimal("60.00"), "CB0002": Decimal("40.00")}
    assert list(i.events.values_list("verb", flat=True)) == ["submit"]


@pytest.mark.parametrize("shares, message", [
    (("60", "30"), "Tổng tỷ lệ đóng góp của các tác giả phải là 100% (đang là 90%)."),
    (("100", "0"), "Dòng 2: tỷ lệ đóng góp của Trần Văn An phải là số lớn hơn 0 và không quá 100 (%)."),
    (("60", "bốn mươi"), "Dòng 2: tỷ lệ đóng góp của Trần Văn An phải là số lớn hơn 0 và không quá 100 (%)."),
])
def test_shares_that_do_not_add_up_are_refused_naming_the_row(world, shares, message):
    an = Initiative.authors.rel.model.objects.get(code="CB0002")
    with pytest.raises(ValidationError) as e:
        actions.initiative_submit(acting_user=world.users["officer_a"], unit=world.ward_a, data=DATA,
                                  authors=[(world.thinh, shares[0]), (an, shares[1])])
    assert message in e.value.message_dict["authors"]
    assert not Initiative.objects.exists()


def test_another_wards_person_is_no_author_here_and_another_wards_officer_submits_nothing(world):
    with pytest.raises(ValidationError) as e:
        actions.initiative_submit(acting_user=world.users["officer_a"], unit=world.ward_a, data=DATA,
                                  authors=[(world.thinh, 50), (world.person_b, 50)])
    assert "Dòng 2: Phạm Minh Đức không thuộc Phường Phú Lương." in e.value.message_dict["authors"]
    with pytest.raises(PermissionDenied):
        actions.initiative_submit(acting_user=world.users["officer_b"], unit=world.ward_a, data=DATA, authors=[(world.thinh, 100)])


def test_missing_fields_are_named(world):
    with pytest.raises(ValidationError) as e:
        actions.initiative_submit(acting_user=world.users["officer_a"], unit=world.ward_a,
                                  data={"title": " ", "problem": "", "solution": ""}, authors=[])
    d = e.value.message_dict
    assert d["title"] == ["Cần ghi tên sáng kiến."] and d["solution"] == ["Cần ghi nội dung giải pháp."]
    assert d["authors"] == ["Sáng kiến phải có ít nhất một tác giả."]
    assert d["effect_expected"] == ["Cần ghi hiệu quả dự kiến hoặc hiệu quả đã đạt được."]


def test_an_author_with_an_account_submits_their_own(world):
    author = user("thinh", None, None)
    author.person = world.thinh
    author.save()
    i = actions.initiative_submit(acting_user=author, unit=world.office_a, data=DATA, authors=[(world.thinh, 100)])
    assert i.submitted_by == author
    assert workflow.allowed(author, i, "edit") and not workflow.allowed(author, i, "review")
    # Without a role she still follows her own initiative, and edits it while it waits.
    from django.test import Client

    client = Client()
    client.force_login(author)
    page = client.get(reverse("initiatives:detail", args=[i.pk])).content.decode()
    assert "Số hóa hồ sơ một cửa" in page and "Sửa, bổ sung" in page and "Đưa ra Hội đồng sáng kiến" not in page
    other = submitted(world)
    assert client.get(reverse("initiatives:detail", args=[other.pk])).status_code == 200  # she is its author too
    an = Initiative.authors.rel.model.objects.get(code="CB0002")
    theirs = actions.initiative_submit(acting_user=world.users["officer_a"], unit=world.ward_a, data=DATA, authors=[(an, 100)])
    assert client.get(reverse("initiatives:detail", args=[theirs.pk])).status_code == 404


def test_the_whole_path_submit_review_vote_recognise(world, council):
    i = submitted(world)
    office, member = world.users["ward_specialist"], world.users["council"]
    # Only the ward's standing office puts it before the council: not the officer, not the other ward, not a member.
    for who in ("officer_a", "officer_b", "council"):
        assert not workflow.allowed(world.users[who], i, "review"), who
        with pytest.raises(PermissionDenied):
            actions.review_open(acting_user=world.users[who], initiative=i)
    actions.review_open(acting_user=office, initiative=i)
    i.refresh_from_db()
    assert (i.status, i.council, i.round, i.review_rules["mode"]) == (Status.REVIEWING, council, 1, "vote")
    # The officer of the other ward neither votes nor recognises; the member votes only their own sheet.
    with pytest.raises(PermissionDenied):
        actions.score_enter(acting_user=world.users["officer_b"], initiative=i, agree=True)
    with pytest.raises(PermissionDenied):
        actions.score_enter(acting_user=member, initiative=i, agree=True, member=council.members.get(role="chair"))
    # Recognition before the council passed it is refused, with the count.
    actions.score_enter(acting_user=member, initiative=i, agree=True)
    with pytest.raises(StepRefused) as e:
        actions.initiative_recognize(acting_user=office, initiative=i, decision_number="35/QĐ-UBND", decided_on=actions.today())
    assert "1/3 thành viên đã biểu quyết: chưa đủ số thành viên tối thiểu" in e.value.messages[0]
    vote_all(world, i)  # 2 of 3 agree: passed
    result = actions.review_result(i)
    assert (result.sheets, result.agree, result.passed) == (3, 2, True)
    assert result.text == "3/3 thành viên đã biểu quyết; 2/3 đồng ý: thông qua (cần trên 50% số phiếu)."
    with pytest.raises(PermissionDenied):
        actions.initiative_recognize(acting_user=world.users["officer_a"], initiative=i, decision_number="35/QĐ-UBND",
                                     decided_on=actions.today())
    actions.initiative_recognize(acting_user=office, initiative=i, decision_number="35/QĐ-UBND", decided_on=actions.today(),
                                 recognized_by="Chủ tịch UBND phường Phú Lương")
    i.refresh_from_db()
    assert (i.status, i.scope, i.decision_number, i.recognized_on) == (Status.RECOGNIZED, "co_so", "35/QĐ-UBND", actions.today())
    assert [e.verb for e in i.events.all()] == ["submit", "review", "score", "score", "score", "score", "recognize"]


def test_a_council_voting_no_is_not_recognised(world, council):
    i = submitted(world)
    actions.review_open(acting_user=world.users["ward_specialist"], initiative=i)
    vote_all(world, i, (True, False, False))
    assert not actions.review_result(i).passed
    with pytest.raises(StepRefused, match="1/3 đồng ý: không thông qua"):
        actions.initiative_recognize(acting_user=world.users["ward_specialist"], initiative=i, decision_number="1/QĐ",
                                     decided_on=actions.today())


def test_scoring_by_points_when_the_rule_says_so(world, council):
    i = submitted(world)
    actions.review_open(acting_user=world.users["ward_specialist"], initiative=i)
    i.refresh_from_db()
    i.review_rules = {**i.review_rules, "mode": "score", "scale": 100, "pass_mark": 70}
    i.save()
    office = world.users["ward_specialist"]
    with pytest.raises(ValidationError, match="Tổng điểm phải từ 0 đến 100"):
        actions.score_enter(acting_user=world.users["council"], initiative=i, total="120")
    for m, total in zip(i.council.members.order_by("position"), ("80", "75", "58")):
        actions.score_enter(acting_user=office, initiative=i, total=total, member=m)
    r = actions.review_result(i)
    assert (r.average, r.passed) == (Decimal("71.00"), True)


def test_no_council_no_review(world):
    i = submitted(world)
    with pytest.raises(StepRefused, match="chưa có Hội đồng sáng kiến năm"):
        actions.review_open(acting_user=world.users["ward_specialist"], initiative=i)


def test_returned_with_a_reason_edited_and_sent_again(world, council, as_user):
    i = submitted(world)
    office = world.users["ward_specialist"]
    with pytest.raises(ValidationError):
        actions.initiative_return(acting_user=office, initiative=i, reason="  ")
    actions.initiative_return(acting_user=office, initiative=i, reason="Bổ sung số liệu hiệu quả đã đạt được.")
    page = as_user("officer_a").get(reverse("initiatives:detail", args=[i.pk])).content.decode()
    assert "Sáng kiến bị trả lại để bổ sung" in page and "Bổ sung số liệu hiệu quả đã đạt được." in page
    actions.initiative_edit(acting_user=world.users["officer_a"], initiative=i, data={**DATA, "effect_measured": "Giảm 80% thời gian."},
                            authors=[(world.thinh, 100)])
    actions.initiative_resubmit(acting_user=world.users["officer_a"], initiative=i)
    i.refresh_from_db()
    assert i.status == Status.SUBMITTED and i.effect_measured == "Giảm 80% thời gian." and i.authors.count() == 1
    # A recognised initiative is not edited on the path any more; the other ward may not touch it at all.
    assert not workflow.allowed(world.users["officer_b"], i, "edit")


def test_the_city_widens_the_scope_the_ward_may_not(world, council):
    i = recognised(world, council)
    with pytest.raises(PermissionDenied):
        actions.initiative_widen(acting_user=world.users["ward_specialist"], initiative=i, scope="tinh",
                                 decision_number="88/QĐ-UBND", decided_on=actions.today())
    with pytest.raises(ValidationError) as e:
        actions.initiative_widen(acting_user=world.users["specialist"], initiative=i, scope="co_so",
                                 decision_number="88/QĐ-UBND", decided_on=actions.today())
    assert "chọn phạm vi rộng hơn" in e.value.message_dict["scope"][0]
    w = actions.initiative_widen(acting_user=world.users["specialist"], initiative=i, scope="tinh",
                                 decision_number="88/QĐ-UBND", decided_on=actions.today())
    i.refresh_from_db()
    assert (i.scope, w.previous_scope, w.authority) == ("tinh", "co_so", world.city)


def test_an_application_report_marks_it_applied(world, council):
    i = recognised(world, council)
    with pytest.raises(ValidationError) as e:
        actions.application_report(acting_user=world.users["officer_a"], initiative=i, where="", since=None, effect="")
    assert set(e.value.message_dict) == {"where", "since", "effect"}
    actions.application_report(acting_user=world.users["officer_a"], initiative=i, where="Phường Yên Nghĩa",
                               since=date(2026, 9, 1), effect="Rút ngắn 50% thời gian tra cứu.")
    i.refresh_from_db()
    assert i.effect_confirmed and i.applications.get().where == "Phường Yên Nghĩa"
    with pytest.raises(PermissionDenied):
        actions.application_report(acting_user=world.users["officer_b"], initiative=i, where="x", since=date(2026, 9, 1), effect="y")


def test_the_minutes_in_word_name_members_votes_and_result(world, council, as_user):
    from docx import Document

    i = recognised(world, council)
    response = as_user("ward_specialist").get(reverse("initiatives:minutes", args=[i.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "BIÊN BẢN" in text and "Số hóa hồ sơ một cửa" in text
    assert "Nguyễn Thị Thịnh (60%); Trần Văn An (40%)" in text
    assert "Vũ Hội Viên, Công chức, Ủy viên" in text
    assert "Kết quả: 3/3 thành viên đã biểu quyết; 2/3 đồng ý: thông qua" in text
    assert cells.count("Đồng ý") == 2 and cells.count("Không đồng ý") == 1
    assert "HỘI ĐỒNG SÁNG KIẾN" in " ".join(cells) and "Đỗ Văn Chủ" in " ".join(cells)
    # The other ward does not see it.
    assert as_user("officer_b").get(reverse("initiatives:minutes", args=[i.pk])).status_code == 404


def test_a_foreign_ward_sees_no_step_and_is_refused_by_url(world, council, as_user):
    i = submitted(world)
    client = as_user("officer_b")
    assert client.get(reverse("initiatives:detail", args=[i.pk])).status_code == 404
    assert client.post(reverse("initiatives:step", args=[i.pk, "review"])).status_code == 404
    i.refresh_from_db()
    assert i.status == Status.SUBMITTED


def test_pages_of_the_path_as_each_person_sees_them(world, council, as_user):
    i = submitted(world)
    office = as_user("ward_specialist")
    page = office.get(reverse("initiatives:detail", args=[i.pk])).content.decode()
    assert "Đưa ra Hội đồng sáng kiến" in page
    assert office.post(reverse("initiatives:step", args=[i.pk, "review"])).status_code == 302
    member_page = as_user("council").get(reverse("initiatives:detail", args=[i.pk])).content.decode()
    assert "Phiếu của bạn (Vũ Hội Viên)" in member_page and "Ghi quyết định công nhận" not in member_page
    r = as_user("council").post(reverse("initiatives:step", args=[i.pk, "score"]), {"agree": "1", "comment": "Thiết thực."})
    assert r.status_code == 302 and i.scores.get().agree is True
    # A bad decision date is said on the field, nothing recorded.
    vote_all(world, i)
    r = office.post(reverse("initiatives:step", args=[i.pk, "recognize"]), {"decision_number": "", "decided_on": "31/02/2026"})
    assert r.status_code == 400 and "Cần ghi số quyết định." in r.content.decode()
    i.refresh_from_db()
    assert i.status == Status.REVIEWING


# --- reuse refused: the engine and the appraisal -----------------------------------------------------------

def _rated_and_recognised(world, council, year):
    from records.models import Rating

    i = recognised(world, council)
    Initiative.objects.filter(pk=i.pk).update(recognized_on=date(year, 11, 20))
    i.refresh_from_db()
    Rating.objects.create(person=world.thinh, year=year, level="HTTNV")
    return i


def _cstdcs(world, year):
    from eligibility.engine import evaluate
    from eligibility.facts import Filter

    out = evaluate(year, flt=Filter(person_ids={world.thinh.pk}))
    return next(o for o in out.outcomes if o.kind == "person" and o.subject.id == world.thinh.pk and o.award.code == "CSTDCS")


def _use(world, i, code, year):
    from decisions.models import Award
    from rulebook.models import AwardType

    a = Award.objects.create(award_type=AwardType.objects.get(code=code), person=world.thinh, year=year,
                             decision_number="5/QĐ-UBND", decision_date=date(year, 12, 30))
    a.initiatives.add(i)
    return a


def test_the_engine_counts_a_recognised_initiative_once(world, council):
    year = actions.today().year
    i = _rated_and_recognised(world, council, year)
    o = _cstdcs(world, year)
    assert o.eligible, o.unmet()
    assert any(i.code in m for m in o.met())
    _use(world, i, "CSTDCS", year - 1)
    o = _cstdcs(world, year)
    assert not o.eligible
    assert f"Sáng kiến {i.code} đã được dùng để khen thưởng (Chiến sĩ thi đua cơ sở năm {year - 1}), không tính lại" in " ".join(o.unmet())


def test_an_initiative_not_yet_recognised_does_not_count(world, council):
    from records.models import Rating

    year = actions.today().year
    i = submitted(world)
    Initiative.objects.filter(pk=i.pk).update(recognized_on=date(year, 11, 20))  # a date, but still before the council
    Rating.objects.create(person=world.thinh, year=year, level="HTTNV")
    assert not _cstdcs(world, year).eligible


def test_the_appraisal_refuses_the_second_use_naming_the_award(world, council):
    from dossiers.appraisal import INDIVIDUAL, Line, appraise
    from rulebook.models import AwardType

    year = actions.today().year
    i = _rated_and_recognised(world, council, year)
    line = Line(number=1, recipient=world.thinh, award=AwardType.objects.get(code="CSTDCS"), recipient_kind=INDIVIDUAL)
    first = appraise(authority=world.ward_a, decision_date=actions.today(), year=year, lines=[line]).lines[0]
    assert not any(i.code in p.message for p in first.problems), [p.message for p in first.problems]
    _use(world, i, "CSTDCS", year - 1)
    again = appraise(authority=world.ward_a, decision_date=actions.today(), year=year, lines=[line]).lines[0]
    messages = " ".join(p.message for p in again.problems)
    assert f"Sáng kiến {i.code} đã được dùng để khen thưởng (Chiến sĩ thi đua cơ sở năm {year - 1}), không tính lại" in messages


def test_attachments_are_checked_by_content_all_or_nothing(world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("mo-ta.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")
    fake = SimpleUploadedFile("bang-chung.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    an = Initiative.authors.rel.model.objects.get(code="CB0002")
    with pytest.raises(ValidationError) as e:
        actions.initiative_submit(acting_user=world.users["officer_a"], unit=world.ward_a, data=DATA,
                                  authors=[(world.thinh, 60), (an, 40)], uploads=[pdf, fake])
    assert any(m.startswith("Tệp “bang-chung.pdf”: Tệp không phải PDF hay ảnh") for m in e.value.message_dict["attachments"])
    assert not Initiative.objects.exists()
    pdf.seek(0)
    i = actions.initiative_submit(acting_user=world.users["officer_a"], unit=world.ward_a, data=DATA,
                                  authors=[(world.thinh, 60), (an, 40)], uploads=[pdf])
    a = i.attachments.get()
    assert (a.name, a.content_type) == ("mo-ta.pdf", "application/pdf")


def test_the_members_are_told_when_it_is_put_before_them_and_the_submitter_when_recognised(
        world, council, django_capture_on_commit_callbacks):
    from notifications.models import Notification

    i = submitted(world)
    with django_capture_on_commit_callbacks(execute=True):
        actions.review_open(acting_user=world.users["ward_specialist"], initiative=i)
    assert Notification.objects.filter(user=world.users["council"], title=f"Sáng kiến chờ chấm điểm: {i.title}").exists()
    vote_all(world, i)
    with django_capture_on_commit_callbacks(execute=True):
        actions.initiative_recognize(acting_user=world.users["ward_specialist"], initiative=i, decision_number="35/QĐ-UBND",
                                     decided_on=actions.today())
    assert Notification.objects.filter(user=world.users["officer_a"], title=f"Sáng kiến được công nhận: {i.title}").exists()


def test_the_registry_form_does_not_record_a_date_on_one_not_yet_recognised(world, as_user):
    i = submitted(world)
    r = as_user("officer_a").get(reverse("initiatives:edit", args=[i.pk]))
    assert r.status_code == 302 and r.url == reverse("initiatives:amend", args=[i.pk])
    assert as_user("officer_b").get(reverse("initiatives:amend", args=[i.pk])).status_code == 404


def test_the_council_page_is_the_office_s(world, as_user):
    assert "Hội đồng sáng kiến</a>" not in as_user("officer_a").get(reverse("initiatives:list")).content.decode()
    assert as_user("officer_a").get(reverse("initiatives:council")).status_code == 404
    office = as_user("ward_specialist")
    assert "Hội đồng sáng kiến</a>" in office.get(reverse("initiatives:list")).content.decode()
    r = office.post(reverse("initiatives:council"), {"unit": world.ward_a.pk, "year": 2026, "name_1": "A", "role_1": "chair",
                                                     "name_2": "B", "role_2": "chair", "name_3": "C", "role_3": "member"})
    assert r.status_code == 200 and "Hội đồng sáng kiến có đúng một Chủ tịch Hội đồng." in r.content.decode()
    assert not Council.objects.exists()


def test_two_lines_of_one_person_do_not_both_count_the_same_initiative(world):
    """Under the law of 2013 (year 2023): CSTĐCS counts the year's initiative; the Bằng khen of the city counts the
    two initiatives of two years, one of them the same: the second line is refused, naming the first."""
    from dossiers.appraisal import INDIVIDUAL, Line, appraise
    from records.models import Rating
    from rulebook.models import AwardType

    year = 2023
    for y in (year - 1, year):
        Rating.objects.create(person=world.thinh, year=y, level="HTXSNV")
    from initiatives.models import Authorship

    for code, day in (("SK-A", date(year - 1, 10, 1)), ("SK-B", date(year, 10, 1))):
        i = Initiative.objects.create(code=code, title=code, unit=world.office_a, status=Status.RECOGNIZED, scope="co_so",
                                      recognized_on=day)
        Authorship.objects.create(initiative=i, person=world.thinh, share=100)
    lines = [Line(number=1, recipient=world.thinh, award=AwardType.objects.get(code="CSTDCS"), recipient_kind=INDIVIDUAL),
             Line(number=2, recipient=world.thinh, award=AwardType.objects.get(code="BK_TINH"), recipient_kind=INDIVIDUAL)]
    alone = appraise(authority=world.city, decision_date=date(year + 1, 1, 20), year=year, lines=lines[1:]).lines[0]
    assert not any("SK-B" in p.message for p in alone.problems), [p.message for p in alone.problems]
    both = appraise(authority=world.city, decision_date=date(year + 1, 1, 20), year=year, lines=lines).lines
    assert not any("SK-B" in p.message for p in both[0].problems)
    assert [p.message for p in both[1].problems if p.code == "not_eligible"] == [
        f"Chưa đủ điều kiện Bằng khen cấp bộ, ban, ngành, tỉnh năm {year}: Sáng kiến SK-B đã được tính cho Chiến sĩ thi đua cơ sở "
        "ở dòng 1: mỗi sáng kiến chỉ làm căn cứ cho một khen thưởng."]


def test_the_registry_filters_by_unit_status_and_year(world, council, as_user, django_assert_max_num_queries):
    i = submitted(world)
    actions.initiative_return(acting_user=world.users["ward_specialist"], initiative=i, reason="Bổ sung.")
    other = actions.initiative_submit(acting_user=world.users["officer_a"], unit=world.school_a, data={**DATA, "title": "Giáo án số"},
                                      authors=[(Initiative.authors.rel.model.objects.get(code="CB0003"), 100)])
    client = as_user("officer_a")
    url = reverse("initiatives:list")
    page = client.get(url).content.decode()
    assert '<option value="%d" >— Trường THCS Phú Lương</option>' % world.school_a.pk in page
    with django_assert_max_num_queries(15):
        school = client.get(url, {"unit": world.school_a.pk}).content.decode()
    assert "Giáo án số" in school and "Số hóa hồ sơ một cửa" not in school
    returned = client.get(url, {"status": "returned", "year": actions.today().year}).content.decode()
    assert "Số hóa hồ sơ một cửa" in returned and "Giáo án số" not in returned
    assert other.code in client.get(url, {"status": "submitted"}).content.decode()
    # Another ward's unit is not a filter one may use.
    assert as_user("officer_b").get(url, {"unit": world.school_a.pk}).status_code == 404


def test_the_author_s_form_mends_and_sends_again(world, council, as_user):
    i = submitted(world)
    actions.initiative_return(acting_user=world.users["ward_specialist"], initiative=i, reason="Ghi hiệu quả đã đạt.")
    client = as_user("officer_a")
    form = client.get(reverse("initiatives:amend", args=[i.pk])).content.decode()
    assert 'value="CB0001"' in form and 'value="60"' in form and "Lưu và nộp lại" in form
    data = {"title": DATA["title"], "problem": DATA["problem"], "solution": DATA["solution"], "applied_where": DATA["applied_where"],
            "applied_since": "01/03/2026", "effect_expected": "", "effect_measured": "Tra cứu trong 30 giây.",
            "author_1": "CB0001", "share_1": "60", "author_2": "CB0101", "share_2": "40", "resubmit": "1"}
    bad = client.post(reverse("initiatives:amend", args=[i.pk]), data)
    assert bad.status_code == 200 and "Dòng 2: không tìm thấy cán bộ mã “CB0101” trong đơn vị." in bad.content.decode()
    r = client.post(reverse("initiatives:amend", args=[i.pk]), {**data, "author_2": "CB0002"})
    assert r.status_code == 302
    i.refresh_from_db()
    assert (i.status, i.effect_measured) == (Status.SUBMITTED, "Tra cứu trong 30 giây.")
    assert [e.verb for e in i.events.all()] == ["submit", "return", "edit", "resubmit"]
