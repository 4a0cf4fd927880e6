"""The stepper at the top of a dossier's page: the stages of ITS path (walked through dossiers.workflow.STEPS:
with or without disclosure, simplified without the council, forwarded whole, through the central level), where it
is, what comes next, who must act (the body and the people holding the duty there, by full name, never a login
name) and by when; a returned dossier says why at its top."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dossiers import actions, selectors
from dossiers.models import DocumentKind, Event, Status
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing.council import establish
from tdkt.testing.dossiers import dossier_at_council

pytestmark = pytest.mark.django_db

S = Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BASE = [S.DRAFT, S.SUBMITTED, S.APPRAISING]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def named(world):
    """The accounts carry people's full names: the stepper says them, never the login names."""
    names = {"officer_a": "Lê Thị Hồng", "ward_specialist": "Trần Thị Hoa", "chairman": "Nguyễn Văn Chung",
             "council": "Phạm Quốc Bảo", "specialist": "Đặng Minh Tâm"}
    for login, name in names.items():
        world.users[login].full_name = name
        world.users[login].save()
    return world


def draft(world, award="LDTT", authority=None, simplified=False, people=None):
    officer = world.users["officer_a"]
    for p in people or [world.thinh]:
        Rating.objects.update_or_create(person=p, year=2025, defaults={"level": "HTXSNV"})
    d = actions.dossier_create(acting_user=officer, unit=world.ward_a, authority=authority or world.ward_a, year=2025,
                               title="Đề nghị khen thưởng tổng kết năm 2025", simplified=simplified)
    actions.lines_add(acting_user=officer, dossier=d, items=[
        {"person": p, "award_type": AwardType.objects.get(code=award), "summary": "Hoàn thành xuất sắc nhiệm vụ",
         "justification": "Đề nghị theo thành tích"} for p in people or [world.thinh]])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        actions.attachment_add(acting_user=officer, dossier=d, kind=kind,
                               upload=SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"))
    return d


def path(d):
    d.refresh_from_db()
    return [s.status for s in selectors.path_of(d, list(selectors.lines_of(d)))]


def test_a_ward_dossier_without_disclosure_goes_to_the_council_then_the_chairman(world):
    assert path(draft(world)) == BASE + [S.COUNCIL, S.DECISION, S.DECIDED]


def test_a_dossier_published_first_has_the_disclosure_stage(world):
    d = draft(world)
    actions.dossier_submit(acting_user=world.users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=world.users["ward_specialist"], dossier=d)
    actions.dossier_appraise(acting_user=world.users["ward_specialist"], dossier=d, disclose=True)
    assert path(d) == BASE + [S.DISCLOSURE, S.COUNCIL, S.DECISION, S.DECIDED]
    # An award the rulebook publishes (disclosure_awards) shows the stage from the draft on.
    assert S.DISCLOSURE in path(draft(world, award="CSTD_TINH", authority=world.city))


def test_the_simplified_procedure_skips_the_council(world):
    assert path(draft(world, simplified=True)) == BASE + [S.DECISION, S.DECIDED]


def test_a_dossier_forwarded_whole_ends_at_the_level_above(world):
    d = draft(world)
    d.status = S.FORWARDED
    d.save()
    Event.objects.create(dossier=d, verb="forward_all", from_status=S.COUNCIL, to_status=S.FORWARDED)
    assert path(d) == BASE + [S.COUNCIL, S.FORWARDED]


def test_state_awards_pass_through_the_central_level(world):
    d = draft(world, award="HC_LAO_DONG_3", authority=world.city)
    assert path(d) == BASE + [S.COUNCIL, S.DECISION, S.CENTRAL, S.DECIDED]


def test_each_stage_says_who_acts_by_full_name_and_by_when(named, as_user):
    world = named
    d = draft(world)
    page = as_user("officer_a").get(f"/ho-so/{d.pk}/").content.decode()
    stepper = page[page.index('id="stepper"'):page.index('class="grid grid-4 facts"')]
    assert "Bước hiện tại: Lập hồ sơ." in stepper and "Tiếp theo: gửi hồ sơ → gửi, chờ tiếp nhận." in stepper
    assert "Người thực hiện: <b>Phường Phú Lương</b> (Lê Thị Hồng, Trần Thị Hoa)" in stepper and "officer_a" not in stepper
    actions.dossier_submit(acting_user=world.users["officer_a"], dossier=d)
    page = as_user("ward_specialist").get(f"/ho-so/{d.pk}/").content.decode()
    stepper = page[page.index('id="stepper"'):page.index('class="grid grid-4 facts"')]
    assert "Người thực hiện: <b>Cơ quan thường trực — Phường Phú Lương</b> (Trần Thị Hoa" in stepper
    assert f'href="/ho-so/{d.pk}/#assign">Tiếp nhận và giao thẩm định</a>' in stepper
    assert "ward_specialist" not in stepper
    actions.dossier_receive(acting_user=world.users["ward_specialist"], dossier=d)
    d.refresh_from_db()
    page = as_user("ward_specialist").get(f"/ho-so/{d.pk}/").content.decode()
    stepper = page[page.index('id="stepper"'):page.index('class="grid grid-4 facts"')]
    assert f"Hạn: <b>{d.due_on:%d/%m/%Y}</b> (hạn giải quyết)" in stepper
    assert f"{timezone.localdate():%d/%m/%Y} · Trần Thị Hoa" in stepper  # received: when and by whom
    # The council's members by the establishing decision, the chairman by name.
    establish(world.ward_a, [world.users["council"]], without_account=["Hoàng Văn Chủ"])
    actions.dossier_appraise(acting_user=world.users["ward_specialist"], dossier=d)
    page = as_user("ward_specialist").get(f"/ho-so/{d.pk}/").content.decode()
    stepper = page[page.index('id="stepper"'):page.index('class="grid grid-4 facts"')]
    assert "Hội đồng Thi đua - Khen thưởng Phường Phú Lương</b> (Phạm Quốc Bảo, Hoàng Văn Chủ)" in stepper
    assert f'href="/hoi-dong/moi/?authority={world.ward_a.pk}&amp;dossier={d.pk}">Triệu tập họp Hội đồng</a>' in stepper
    assert "Chủ tịch Ủy ban nhân dân Phường Phú Lương" in stepper


def test_the_convene_page_from_a_dossier_ticks_that_dossier_alone(named, as_user):
    world = named
    first = dossier_at_council(world, [world.thinh])
    other = draft(world)
    actions.dossier_submit(acting_user=world.users["officer_a"], dossier=other)
    actions.dossier_receive(acting_user=world.users["ward_specialist"], dossier=other)
    actions.dossier_appraise(acting_user=world.users["ward_specialist"], dossier=other)
    page = as_user("ward_specialist").get(f"/hoi-dong/moi/?authority={world.ward_a.pk}&dossier={first.pk}").content.decode()

    def box(d):
        i = page.index(f'value="{d.pk}"')
        return page[page.rindex("<input", 0, i):page.index(">", i)]

    assert "checked" in box(first) and "checked" not in box(other)


def test_a_returned_dossier_says_why_at_its_top_with_who_and_when(named, as_user):
    world = named
    d = draft(world)
    actions.dossier_submit(acting_user=world.users["officer_a"], dossier=d)
    actions.dossier_return(acting_user=world.users["ward_specialist"], dossier=d,
                           reason="Biên bản họp bình xét chưa có chữ ký của Chủ tịch Công đoàn.")
    page = as_user("officer_a").get(f"/ho-so/{d.pk}/").content.decode()
    top = page[page.index('id="return-reason"'):page.index('id="stepper"')]
    assert "Hồ sơ bị trả lại để bổ sung" in top and "Trần Thị Hoa" in top
    assert "Lý do: Biên bản họp bình xét chưa có chữ ký của Chủ tịch Công đoàn." in top
    assert f"{timezone.localdate():%d/%m/%Y}" in top
    assert page.index('id="return-reason"') < page.index('id="tl-h"')  # above, not only in the timeline
    stepper = page[page.index('id="stepper"'):page.index('class="grid grid-4 facts"')]
    assert "Bước hiện tại: Bổ sung theo yêu cầu." in stepper
