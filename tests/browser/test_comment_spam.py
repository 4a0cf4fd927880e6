"""The ward's standing office clears a flood of comments on its public list: it filters them,
ticks those that are spam, marks them at once, and the public page and the closing step follow."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from dossiers import actions as dossier_actions
from dossiers.models import Comment, DocumentKind, Status
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing.dossiers import pdf

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_office_marks_comments_as_spam_on_the_disclosure_page(page, login, shot, live_world):
    w = live_world
    year = timezone.localdate().year - 1
    Rating.objects.create(person=w.thinh, year=year, level="HTXSNV")
    officer, office = w.users["officer_a"], w.users["ward_specialist"]
    d = dossier_actions.dossier_create(acting_user=officer, unit=w.ward_a, authority=w.ward_a, year=year,
                                       title=f"Đề nghị khen thưởng tổng kết năm {year}")
    dossier_actions.lines_add(acting_user=officer, dossier=d, items=[{
        "person": w.thinh, "award_type": AwardType.objects.get(code="LDTT"), "summary": "Dẫn đầu phong trào cải cách hành chính."}])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        dossier_actions.attachment_add(acting_user=officer, dossier=d, kind=kind, upload=pdf())
    dossier_actions.dossier_submit(acting_user=officer, dossier=d)
    dossier_actions.dossier_receive(acting_user=office, dossier=d)
    d = dossier_actions.dossier_appraise(acting_user=office, dossier=d, disclose=True)
    line = d.lines.get()
    dossier_actions.comment_add(line=line, name="Lê Văn Dân", contact="0912 345 678",
                                text="Đề nghị xem lại số ngày nghỉ phép của bà Thịnh trong năm.")
    for n in range(3):
        dossier_actions.comment_add(line=line, name="Vay Nhanh", contact="vaynhanh@example.com",
                                    text=f"Vay tiền nhanh không cần thế chấp, gọi ngay {n}")

    login("ward_specialist")
    # Four comments, one notification that counts them.
    page.goto(reverse("notifications:list"))
    expect(page.locator(".notifications li").filter(has_text="ý kiến mới")).to_have_text(
        re.compile(f"4 ý kiến mới về danh sách công khai “{d.title}”"))
    shot(page, "0-one-notification")
    page.locator(".notifications").get_by_role("link", name=re.compile("4 ý kiến mới")).click()
    comments = page.locator("#comments")
    expect(page.locator("#lines tbody tr").first).to_contain_text("4 góp ý, 4 chưa trả lời")
    # Only the spam is shown once filtered; "select all" ticks what is shown, not the real comment.
    comments.get_by_label("Lọc góp ý").fill("vay tien")
    expect(comments.locator(".comment-open:visible")).to_have_count(3)
    comments.get_by_label("Chọn tất cả").check()
    shot(page, "1-spam-ticked")
    comments.get_by_role("button", name="Đánh dấu là thư rác").click()
    expect(page.get_by_role("status").filter(has_text="Đã đánh dấu")).to_contain_text("Đã đánh dấu 3 góp ý là thư rác.")
    expect(page.locator("#lines tbody tr").first).to_contain_text("1 góp ý, 1 chưa trả lời")
    comments = page.locator("#comments")
    expect(comments.locator(".comment-open")).to_have_count(1)
    expect(comments.locator(".comment-open")).to_contain_text("Lê Văn Dân")
    spam = comments.locator("details.spam")
    expect(spam.locator("summary")).to_have_text("Thư rác (3)")
    spam.locator("summary").click()
    expect(spam.locator(".comment-spam").first).to_contain_text("đánh dấu thư rác")
    expect(page.locator(".timeline")).to_contain_text("Đánh dấu góp ý là thư rác · 3 góp ý")
    shot(page, "2-spam-marked")
    assert Comment.objects.filter(spam_at__isnull=False).count() == 3
    assert set(Comment.objects.filter(spam_at__isnull=True).values_list("name", flat=True)) == {"Lê Văn Dân"}
    # A mistake is put back with one click.
    spam.get_by_role("button", name="Bỏ đánh dấu thư rác").first.click()
    expect(page.get_by_role("status").filter(has_text="Đã bỏ")).to_contain_text("Đã bỏ đánh dấu thư rác 1 góp ý")
    expect(page.locator("#comments details.spam summary")).to_have_text(re.compile(r"Thư rác \(2\)"))
    assert d.__class__.objects.get(pk=d.pk).status == Status.DISCLOSURE
