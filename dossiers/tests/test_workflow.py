"""The dossier's steps, each tried by someone who may and someone who may not, and
the timeline they leave: ward A's office proposes its people to the ward's chairman."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers import actions, selectors
from dossiers.models import DocumentKind, Dossier, Event, Line, Outcome, Status
from dossiers.workflow import StepRefused
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing.council import establish
from tdkt.testing.forwarding import council_votes

pytestmark = pytest.mark.django_db

YEAR = 2025
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def awards():
    return {a.code: a for a in AwardType.objects.all()}


@pytest.fixture
def rated(world):
    from org.models import Person

    for p in Person.objects.filter(unit__path__startswith=world.ward_a.path):
        Rating.objects.create(person=p, year=YEAR, level="HTXSNV")
    return world


def pdf(name="to-trinh.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def new_dossier(world, who="officer_a"):
    return actions.dossier_create(acting_user=world.users[who], unit=world.ward_a, authority=world.ward_a, year=YEAR,
                                  title="Đề nghị khen thưởng tổng kết năm 2025")


def ready(world, awards, lines=(("thinh", "LDTT", ""),)):
    """A draft with its lines and the proposal and minutes attached."""
    d = new_dossier(world)
    people = {"thinh": world.thinh}
    actions.lines_add(acting_user=world.users["officer_a"], dossier=d,
                      items=[{"person": people[p], "award_type": awards[a], "summary": "Hoàn thành xuất sắc nhiệm vụ",
                              "justification": why} for p, a, why in lines])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        actions.attachment_add(acting_user=world.users["officer_a"], dossier=d, kind=kind, upload=pdf())
    return d


def refresh(d):
    return Dossier.objects.get(pk=d.pk)


def test_create_by_the_unit_only(world):
    d = new_dossier(world)
    assert (d.status, d.unit, d.authority) == (Status.DRAFT, world.ward_a, world.ward_a)
    for who in ("officer_b", "council", "chairman"):
        with pytest.raises(PermissionDenied):
            new_dossier(world, who)


def test_the_authority_must_be_one_that_may_decide(world):
    with pytest.raises(ValidationError) as e:
        actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.ward_b, year=YEAR, title="x")
    assert "không phải cấp có thẩm quyền" in e.value.message_dict["authority"][0]
    # A ward's school decides nothing of its own (rulebook parameter authority_units) ...
    assert selectors.authorities_for(world.school_a) == [world.ward_a, world.city]


def test_which_units_decide_is_rulebook_data(world):
    """... unless the rulebook says so: a province adds schools to authority_units (a principal's Giấy khen)."""
    from rulebook.models import Parameter

    p = Parameter.objects.get(key="authority_units", valid_to__isnull=True)
    p.value = [*p.value, {"kind": "school", "under": "", "level": "agency"}]
    p.save()
    assert selectors.authorities_for(world.school_a) == [world.school_a, world.ward_a, world.city]


def test_a_line_is_appraised_when_added(rated, awards):
    d = new_dossier(rated)
    actions.lines_add(acting_user=rated.users["officer_a"], dossier=d, items=[
        {"person": rated.thinh, "award_type": awards["LDTT"]},
        {"person": rated.thinh, "award_type": awards["CSTD_TINH"]},
    ])
    ldtt, cstd = d.lines.order_by("position")
    assert (ldtt.problems, ldtt.amount) == ([], 760_000)  # today's base salary: 2,530,000 đ
    assert [p["code"] for p in cstd.problems] == ["beyond_authority", "not_eligible"]


def test_a_line_for_someone_outside_the_unit_is_refused(world, awards):
    d = new_dossier(world)
    with pytest.raises(ValidationError) as e:
        actions.lines_add(acting_user=world.users["officer_a"], dossier=d,
                          items=[{"person": world.person_b, "award_type": awards["LDTT"]}])
    assert "không thuộc Phường Phú Lương" in e.value.message_dict["recipient"][0]
    assert not Line.objects.exists()


def test_submit_needs_the_documents_and_clean_or_justified_lines(world, awards):
    d = new_dossier(world)
    actions.lines_add(acting_user=world.users["officer_a"], dossier=d, items=[{"person": world.thinh, "award_type": awards["LDTT"]}])
    with pytest.raises(ValidationError) as e:
        actions.dossier_submit(acting_user=world.users["officer_a"], dossier=d)
    text = " | ".join(e.value.messages)
    assert "Tờ trình" in text and "Biên bản họp bình xét" in text
    assert "Chưa giải trình: Nguyễn Thị Thịnh (Lao động tiên tiến)" in text  # no rating recorded for 2025
    assert refresh(d).status == Status.DRAFT


def test_the_whole_path_with_a_return(rated, awards):
    users = rated.users
    d = ready(rated, awards)
    for who in ("officer_b", "chairman", "council"):
        with pytest.raises(StepRefused):
            actions.dossier_submit(acting_user=users[who], dossier=d)
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    d = refresh(d)
    assert (d.status, d.round) == (Status.SUBMITTED, 1)
    with pytest.raises(StepRefused, match="không có quyền"):
        actions.dossier_receive(acting_user=users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=users["ward_specialist"], dossier=d)
    d = refresh(d)
    assert d.status == Status.APPRAISING and d.assignee == users["ward_specialist"] and d.due_on > d.received_on
    with pytest.raises(ValidationError):
        actions.dossier_return(acting_user=users["ward_specialist"], dossier=d, reason="  ")
    with pytest.raises(StepRefused):
        actions.dossier_return(acting_user=users["officer_a"], dossier=d, reason="x")
    actions.dossier_return(acting_user=users["ward_specialist"], dossier=d, reason="Thiếu chữ ký trên biên bản")
    d = refresh(d)
    assert d.status == Status.RETURNED and d.due_on is None
    # The unit mends and sends it again: a second round on the same timeline.
    actions.line_update(acting_user=users["officer_a"], line=d.lines.get(), summary="Có sáng kiến cấp cơ sở")
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=users["ward_specialist"], dossier=d)
    with pytest.raises(StepRefused):
        actions.dossier_appraise(acting_user=users["officer_a"], dossier=d)
    actions.dossier_appraise(acting_user=users["ward_specialist"], dossier=d)
    d = refresh(d)
    assert (d.status, d.round) == (Status.COUNCIL, 2)
    moves = [(e.verb, e.from_status, e.to_status, e.round) for e in Event.objects.filter(dossier=d).exclude(from_status=models_same())]
    assert moves == [
        ("create", "", "draft", 0), ("submit", "draft", "submitted", 1), ("receive", "submitted", "appraising", 1),
        ("return", "appraising", "returned", 1), ("resubmit", "returned", "submitted", 2),
        ("receive", "submitted", "appraising", 2), ("appraise", "appraising", "council", 2)]
    assert Event.objects.get(dossier=d, verb="return").reason == "Thiếu chữ ký trên biên bản"


def models_same():
    # Events that change nothing of the state (lines, documents) have from == to; the list above keeps the moves.
    from django.db.models import F

    return F("to_status")


def test_a_stale_page_gets_a_clear_message(rated, awards):
    d = ready(rated, awards)
    actions.dossier_submit(acting_user=rated.users["officer_a"], dossier=d)
    first, second = refresh(d), refresh(d)
    actions.dossier_receive(acting_user=rated.users["ward_specialist"], dossier=first)
    with pytest.raises(StepRefused, match="người khác vừa xử lý"):
        actions.dossier_receive(acting_user=rated.users["specialist"], dossier=second)
    assert refresh(d).assignee == rated.users["ward_specialist"]


@pytest.mark.django_db(transaction=True)
def test_two_specialists_at_once_one_succeeds(world, awards, settings, tmp_path):
    from django.db import connection

    from records.models import Rating as R

    R.objects.create(person=world.thinh, year=YEAR, level="HTXSNV")
    d = ready(world, awards)
    actions.dossier_submit(acting_user=world.users["officer_a"], dossier=d)
    barrier, outcomes = threading.Barrier(2), {}

    def act(who):
        from django.db import connection as conn

        page = refresh(d)  # what each specialist's page showed: the dossier waiting to be received
        try:
            barrier.wait(timeout=10)
            # Both take the dossier in at once (a return after a receipt would be a legitimate second step).
            actions.dossier_receive(acting_user=world.users[who], dossier=page)
            outcomes[who] = "ok"
        except StepRefused as e:
            outcomes[who] = str(e)
        except Exception as e:  # noqa: BLE001 - anything else is a failure the assertion below shows
            outcomes[who] = f"{type(e).__name__}: {e}"
        finally:
            conn.close()

    threads = [threading.Thread(target=act, args=(w,)) for w in ("ward_specialist", "specialist")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(v == "ok" for v in outcomes.values()) == [False, True], outcomes
    loser = next(v for v in outcomes.values() if v != "ok")
    # PostgreSQL (and SQLite on a file) make the second wait on the row lock, then find the state changed.
    # The tests' in-memory SQLite refuses a writer that comes while the other holds the lock (it says so),
    # or, when the first has already committed, answers as PostgreSQL does.
    if connection.vendor == "postgresql":
        assert "người khác vừa xử lý" in loser, loser
    else:
        assert any(s in loser for s in ("người khác vừa xử lý", "đang được người khác xử lý")), loser
    d = refresh(d)
    winner = next(who for who, v in outcomes.items() if v == "ok")
    assert Event.objects.filter(dossier=d, verb="receive").count() == 1
    assert (d.status, d.assignee) == (Status.APPRAISING, world.users[winner])
    connection.close()


def test_an_upload_is_checked_by_content(world):
    d = new_dossier(world)
    for name, content in (("bien-ban.pdf", b"MZ\x90\x00 not a pdf"), ("anh.png", b"GIF89a...."), ("rong.pdf", b"")):
        with pytest.raises(ValidationError):
            actions.attachment_add(acting_user=world.users["officer_a"], dossier=d, kind=DocumentKind.MINUTES,
                                   upload=pdf(name, content))
    assert not d.attachments.exists()
    att = actions.attachment_add(acting_user=world.users["officer_a"], dossier=d, kind=DocumentKind.MINUTES,
                                 upload=SimpleUploadedFile("scan.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100))
    assert (att.content_type, att.name) == ("image/jpeg", "scan.jpg")
    assert att.file.name.endswith(".jpg") and "scan" not in att.file.name


def test_an_upload_over_the_limit_is_refused(world, settings):
    settings.TDKT_UPLOAD_MAX_MB = 0.001
    d = new_dossier(world)
    with pytest.raises(ValidationError, match="quá lớn"):
        actions.attachment_add(acting_user=world.users["officer_a"], dossier=d, kind=DocumentKind.MINUTES,
                               upload=pdf(content=PDF + b"0" * 5000))


def test_what_the_ward_may_not_grant_goes_up_to_the_city(rated, awards):
    users = rated.users
    d = ready(rated, awards, lines=(("thinh", "LDTT", ""), ("thinh", "BK_TINH", "Thành tích đột xuất trong phòng, chống bão số 3")))
    bk = d.lines.get(award_type__code="BK_TINH")
    assert [p["code"] for p in bk.problems] == ["beyond_authority", "not_eligible"]
    assert [p["code"] for p in selectors.blocking(bk, selectors.granted_above(rated.ward_a))] == ["not_eligible"]
    with pytest.raises(ValidationError, match="Báo cáo thành tích"):  # a Bằng khen needs the person's own report
        actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    actions.attachment_add(acting_user=users["officer_a"], dossier=d, kind=DocumentKind.REPORT, upload=pdf("bao-cao.pdf"), line=bk)
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=users["ward_specialist"], dossier=d)
    actions.dossier_appraise(acting_user=users["ward_specialist"], dossier=d)
    with pytest.raises(StepRefused, match="phải được Hội đồng Thi đua - Khen thưởng Phường Phú Lương xét trước"):
        actions.dossier_forward(acting_user=users["ward_specialist"], dossier=d)
    # The ward's council votes both lines (the Bằng khen as proposed to the city); then it goes up.
    establish(rated.ward_a)
    council_votes(rated.ward_a, [refresh(d)], users["ward_specialist"])
    with pytest.raises(StepRefused):
        actions.dossier_forward(acting_user=users["officer_a"], dossier=d)
    [up] = actions.dossier_forward(acting_user=users["ward_specialist"], dossier=d)
    assert (up.unit, up.authority, up.status, up.forwarded_from) == (rated.ward_a, rated.city, Status.DRAFT, refresh(d))
    line = up.lines.get()
    assert (line.origin, line.award_type.code, line.justification) == (bk, "BK_TINH", bk.justification)
    assert [p["code"] for p in line.problems] == ["not_eligible"]  # at the city, what is left to justify
    assert Line.objects.get(pk=bk.pk).outcome == Outcome.FORWARDED
    assert refresh(d).status == Status.DECISION  # the LĐTT line waits for the ward's decision


def test_overdue_dossiers_are_flagged_to_the_office_and_the_head(rated, awards):
    from datetime import timedelta

    from notifications.models import Notification

    d = ready(rated, awards)
    actions.dossier_submit(acting_user=rated.users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=rated.users["ward_specialist"], dossier=d)
    d = refresh(d)
    Notification.objects.all().delete()
    assert actions.overdue_notify(d.due_on) == 0  # due today: not late yet
    late = d.due_on + timedelta(days=1)
    assert actions.overdue_notify(late) == 1
    told = set(Notification.objects.filter(title__startswith="Hồ sơ quá hạn").values_list("user__username", flat=True))
    assert told == {"ward_specialist", "chairman"}
    assert actions.overdue_notify(late + timedelta(days=1)) == 0  # not every morning
    assert actions.overdue_notify(late + timedelta(days=7)) == 1  # again a week later
    actions.dossier_appraise(acting_user=rated.users["ward_specialist"], dossier=d)
    assert actions.overdue_notify(late + timedelta(days=30)) == 1  # still open (at the council)


def test_a_unit_abandons_a_dossier_it_will_not_send(rated, awards, as_user):
    """A draft the ward will not send is abandoned with a reason: it stays on record, read-only, with the reason on
    its timeline; the office above never sees it; a dossier already sent is withdrawn first, not abandoned."""
    users = rated.users
    d = ready(rated, awards)
    page = as_user("officer_a").get(f"/ho-so/{d.pk}/")
    assert f"/ho-so/{d.pk}/huy/" in page.content.decode() and f"/ho-so/{d.pk}/buoc/submit/" in page.content.decode()
    with pytest.raises(ValidationError):
        actions.dossier_abandon(acting_user=users["officer_a"], dossier=d, reason="  ")
    with pytest.raises((StepRefused, PermissionDenied)):
        actions.dossier_abandon(acting_user=users["officer_b"], dossier=d, reason="Không trình nữa")
    r = as_user("officer_a").post(f"/ho-so/{d.pk}/huy/", {"reason": "Đơn vị lập nhầm, đã gộp vào hồ sơ khác"})
    assert r.status_code == 302
    d = refresh(d)
    assert d.status == Status.WITHDRAWN
    ev = Event.objects.filter(dossier=d).order_by("-pk").first()
    assert (ev.verb, ev.reason) == ("abandon", "Đơn vị lập nhầm, đã gộp vào hồ sơ khác")
    page = as_user("officer_a").get(f"/ho-so/{d.pk}/").content.decode()
    assert "Đã hủy, không trình" in page and "Đơn vị lập nhầm" in page
    assert f"/ho-so/{d.pk}/buoc/submit/" not in page and f"/ho-so/{d.pk}/huy/" not in page
    with pytest.raises(StepRefused):
        actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    assert d not in selectors.dossiers_for(users["ward_specialist"], box="received")

    sent = ready(rated, awards)
    actions.dossier_submit(acting_user=users["officer_a"], dossier=sent)
    with pytest.raises(StepRefused):
        actions.dossier_abandon(acting_user=users["officer_a"], dossier=sent, reason="Không trình nữa")
