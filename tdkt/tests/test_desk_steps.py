"""Each desk lists everything that waits on its person, each line a link to the page that offers that step: the unit
sends and mends, the office receives, appraises, closes the disclosure, answers comments, convenes the council and
sees what is due today and overdue, the member votes, the chairman signs and finds the decision's files. The home
page reads through the apps' selectors only, with a few aggregate queries whatever the number of dossiers."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from council import actions as council_actions
from dossiers import actions
from dossiers.models import DocumentKind, Dossier
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing.council import establish

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def at(time_machine, day):
    time_machine.move_to(f"{day} 09:00 +0700", tick=False)


def draft(world, title):
    officer = world.users["officer_a"]
    Rating.objects.update_or_create(person=world.thinh, year=2025, defaults={"level": "HTXSNV"})
    d = actions.dossier_create(acting_user=officer, unit=world.ward_a, authority=world.ward_a, year=2025, title=title)
    actions.lines_add(acting_user=officer, dossier=d, items=[{"person": world.thinh, "award_type": AwardType.objects.get(code="LDTT"),
                                                             "summary": "Hoàn thành xuất sắc nhiệm vụ", "justification": "Đủ"}])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        actions.attachment_add(acting_user=officer, dossier=d, kind=kind,
                               upload=SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"))
    return d


def card(body, id_):
    start = body.index(f'id="{id_}"')
    end = body.find('<div class="card', start + 10)
    return body[start:end if end > 0 else None]


def link(section, text):
    """The address of the link whose text starts with ``text``."""
    m = re.search(r'href="([^"]+)">' + re.escape(text), section)
    assert m, f"no link “{text}” in {section[:400]}"
    return m.group(1).replace("&amp;", "&")


def follow(client, url):
    return client.get(url.split("#")[0]).content.decode()


@pytest.fixture
def office_desk(world, time_machine):
    """On 07/12/2026, the ward's office has one dossier of each kind waiting."""
    users, office = world.users, world.users["ward_specialist"]
    establish(world.ward_a, [users["council"]])
    at(time_machine, "2026-11-16")
    late = draft(world, "Hồ sơ quá hạn")
    actions.dossier_submit(acting_user=users["officer_a"], dossier=late)
    actions.dossier_receive(acting_user=office, dossier=late, assignee=users["specialist"])  # due 30/11
    at(time_machine, "2026-11-23")
    today = draft(world, "Hồ sơ đến hạn hôm nay")
    actions.dossier_submit(acting_user=users["officer_a"], dossier=today)
    actions.dossier_receive(acting_user=office, dossier=today, assignee=users["specialist"])  # due 07/12
    at(time_machine, "2026-11-20")
    published = draft(world, "Hồ sơ hết công khai")
    actions.dossier_submit(acting_user=users["officer_a"], dossier=published)
    actions.dossier_receive(acting_user=office, dossier=published)
    actions.dossier_appraise(acting_user=office, dossier=published, disclose=True)  # to 03/12
    actions.comment_add(line=published.lines.get(), name="Lê Văn Dân", contact="0912345678", text="Đề nghị làm rõ.")
    at(time_machine, "2026-12-01")
    council = draft(world, "Hồ sơ chờ Hội đồng")
    actions.dossier_submit(acting_user=users["officer_a"], dossier=council)
    actions.dossier_receive(acting_user=office, dossier=council)
    actions.dossier_appraise(acting_user=office, dossier=council)
    mine = draft(world, "Hồ sơ bạn thẩm định")
    actions.dossier_submit(acting_user=users["officer_a"], dossier=mine)
    actions.dossier_receive(acting_user=office, dossier=mine)
    sent = draft(world, "Hồ sơ chờ tiếp nhận")
    actions.dossier_submit(acting_user=users["officer_a"], dossier=sent)
    returned = draft(world, "Hồ sơ bị trả lại")
    actions.dossier_submit(acting_user=users["officer_a"], dossier=returned)
    actions.dossier_return(acting_user=office, dossier=returned, reason="Thiếu báo cáo thành tích.")
    draft(world, "Hồ sơ đang soạn")
    at(time_machine, "2026-12-07")
    return {d.title: d for d in Dossier.objects.all()}


def test_the_office_desk_links_each_waiting_dossier_to_its_step(world, office_desk, as_user):
    client = as_user("ward_specialist")
    body = client.get(reverse("home")).content.decode()
    desk = card(body, "desk-dossiers-in")
    d = office_desk
    page = follow(client, link(desk, "Tiếp nhận: Hồ sơ chờ tiếp nhận"))
    assert "Tiếp nhận và giao thẩm định" in page and 'id="assign"' in page
    page = follow(client, link(desk, "Thẩm định: Hồ sơ bạn thẩm định"))
    assert f"/ho-so/{d['Hồ sơ bạn thẩm định'].pk}/buoc/appraise/" in page
    page = follow(client, link(desk, "Kết thúc công khai: Hồ sơ hết công khai"))
    assert f"/ho-so/{d['Hồ sơ hết công khai'].pk}/buoc/close_disclosure/" in page
    page = follow(client, link(desk, "Trả lời góp ý: Hồ sơ hết công khai"))
    assert "Gửi trả lời" in page and 'id="comments"' in page
    convene = link(desk, "Triệu tập họp Hội đồng: Hồ sơ chờ Hội đồng")
    assert convene == f"/hoi-dong/moi/?authority={world.ward_a.pk}&dossier={d['Hồ sơ chờ Hội đồng'].pk}"
    assert "Hồ sơ chờ Hội đồng" in follow(client, convene)
    due_today = desk[desk.index('id="desk-due-today"'):]
    assert "Đến hạn hôm nay (1)" in due_today and "Hồ sơ đến hạn hôm nay" in due_today
    overdue = desk[desk.index('id="desk-overdue"'):desk.index('id="desk-due-today"')]
    assert "1 hồ sơ quá hạn giải quyết" in overdue and "Hồ sơ quá hạn" in overdue
    # The disclosed dossier is not overdue: its disclosure and the comment's wait stop the clock.
    assert "Hồ sơ hết công khai" not in overdue
    assert "Góp ý chưa trả lời (1)" in desk
    # Not the office's: the unit's drafts and the returned dossier.
    assert "Hồ sơ đang soạn" not in desk and "Hồ sơ bị trả lại" not in desk


def test_the_unit_desk_sends_drafts_and_mends_what_came_back(world, office_desk, as_user):
    client = as_user("officer_a")
    desk = card(client.get(reverse("home")).content.decode(), "desk-dossiers-out")
    page = follow(client, link(desk, "Bổ sung và gửi lại: Hồ sơ bị trả lại"))
    assert "Lý do: Thiếu báo cáo thành tích." in page[page.index('id="return-reason"'):page.index('id="stepper"')]
    page = follow(client, link(desk, "Hoàn thiện và gửi: Hồ sơ đang soạn"))
    assert f"/ho-so/{office_desk['Hồ sơ đang soạn'].pk}/buoc/submit/" in page


def test_the_member_votes_and_the_chairman_signs_from_their_desks(world, time_machine, as_user, settings):
    users, office = world.users, world.users["ward_specialist"]
    establish(world.ward_a, [users["council"]])
    at(time_machine, "2026-12-01")
    d = draft(world, "Hồ sơ trình Hội đồng")
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=office, dossier=d)
    d = actions.dossier_appraise(acting_user=office, dossier=d)
    m = council_actions.meeting_create(acting_user=office, authority=world.ward_a, title="Phiên họp cuối năm",
                                       date=d.updated_at.date(), dossiers=[d])
    council_actions.attendance_set(acting_user=office, meeting=m, present_user_ids=[users["council"].pk])
    council_actions.ballot_open(acting_user=office, meeting=m)
    member = as_user("council")
    desk = card(member.get(reverse("home")).content.decode(), "desk-meetings")
    vote = link(desk, "Bỏ phiếu: Phiên họp cuối năm")
    assert vote == f"/hoi-dong/{m.pk}/#ballot-h" and 'id="ballot-h"' in follow(member, vote)
    council_actions.ballot_cast(acting_user=users["council"], meeting=m, choices={str(t.line_id): "agree" for t in m.tallies.all()})
    council_actions.ballot_close(acting_user=office, meeting=m)
    chairman = as_user("chairman")
    desk = card(chairman.get(reverse("home")).content.decode(), "desk-sign")
    decide = link(desk, "Ban hành quyết định")
    assert decide == reverse("dossiers:decide") + f"?authority={world.ward_a.pk}"
    assert "Hồ sơ trình Hội đồng" in follow(chairman, decide)


def test_the_desk_queries_no_model_itself():
    source = (Path(__file__).resolve().parents[1] / "desk.py").read_text(encoding="utf-8")
    assert ".objects" not in source and "import models" not in source


def test_the_office_desk_is_a_few_queries_whatever_the_number_of_dossiers(world, office_desk, as_user,
                                                                           django_assert_max_num_queries):
    client = as_user("ward_specialist")
    client.get(reverse("home"))  # warm the session
    with django_assert_max_num_queries(45) as counted:
        client.get(reverse("home"))
    before = len(counted.captured_queries)
    for i in range(6):
        d = draft(world, f"Hồ sơ thêm {i}")
        actions.dossier_submit(acting_user=world.users["officer_a"], dossier=d)
    with django_assert_max_num_queries(before) as counted:
        client.get(reverse("home"))
