"""Fewer clicks on dossiers, and a preview before what cannot be undone (issue 15, items 7 and 8), in the browser:
the lists searched, filtered and exported; a typed name that matches two people asks which; several scans in one
upload; the office sets one line aside with a reason and the unit reads it; submit and forward show what will
happen and ask once."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from decisions.models import Award, Decision
from dossiers import actions
from dossiers.models import DocumentKind, Dossier, Kind, Line, Outcome, Status
from org.models import Person
from rulebook.models import AwardType
from tdkt.testing import person
from tdkt.testing.dossiers import pdf, rate

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def messages(pg):
    return pg.locator(".messages")


def _dossier(w, year, title, people, award="LDTT", kind=Kind.REGULAR, documents=True):
    officer = w.users["officer_a"]
    d = actions.dossier_create(acting_user=officer, unit=w.ward_a, authority=w.ward_a, year=year, title=title, kind=kind)
    if people:
        actions.lines_add(acting_user=officer, dossier=d, items=[
            {"person": p, "award_type": AwardType.objects.get(code=award), "summary": "Hoàn thành xuất sắc nhiệm vụ"} for p in people])
    if documents:
        for k in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
            actions.attachment_add(acting_user=officer, dossier=d, kind=k, upload=pdf(f"{k}.pdf"))
    return d


def _xlsx(download):
    return load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active


def test_the_lists_are_searched_filtered_and_exported(page, login, shot, live_world):
    w = live_world
    year = timezone.localdate().year - 1
    an = Person.objects.get(code="CB0002")
    rate([w.thinh, an], year)
    year_end = _dossier(w, year, f"Đề nghị khen thưởng tổng kết năm {year}", [w.thinh, an])
    storm = _dossier(w, year, "Khen thưởng đột xuất trong phòng, chống bão số 3", [], kind=Kind.AD_HOC, documents=False)
    _dossier(w, year - 1, f"Đề nghị khen thưởng tổng kết năm {year - 1}", [], documents=False)

    login("officer_a")
    page.goto(reverse("dossiers:list"))
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(3)
    # The name of someone proposed, typed without diacritics.
    page.get_by_label("Tìm hồ sơ").fill("tran van an")
    page.get_by_role("button", name="Lọc").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(year_end.code)
    page.get_by_role("link", name="Bỏ lọc").click()
    expect(rows).to_have_count(3)
    page.get_by_label("Loại hình").select_option(label="Đột xuất")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(storm.title)
    page.get_by_label("Loại hình").select_option(label="mọi loại hình")
    page.get_by_label("Năm thành tích").fill(str(year))
    page.get_by_role("button", name="Lọc").click()
    expect(rows).to_have_count(2)
    shot(page, "1-dossiers-filtered")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Xuất Excel \(2 hồ sơ\)")).click()
    assert download.value.suggested_filename.startswith("danh-sach-ho-so-de-nghi-")
    ws = _xlsx(download)
    assert sorted(r[0] for r in ws.iter_rows(min_row=2, values_only=True)) == sorted([year_end.code, storm.code])

    # The decisions: one of the ward, searched by the subject without diacritics and exported.
    decision = Decision.objects.create(authority=w.ward_a, number="25", symbol="QĐ-UBND", date=date(year + 1, 1, 20), year=year,
                                       subject=f"Về việc khen thưởng tổng kết phong trào thi đua năm {year}",
                                       signer_title="CHỦ TỊCH", signer_name="Nguyễn Văn Ký", total=1_560_000)
    Award.objects.create(award_type=AwardType.objects.get(code="LDTT"), person=w.thinh, year=year, decision=decision,
                         amount=1_560_000, decision_number=decision.reference, decision_date=decision.date, source="decision")
    page.goto(reverse("decisions:list"))
    page.get_by_label("Tìm quyết định").fill("nguyen thi thinh")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("table.list tbody tr")).to_have_count(1)
    expect(page.locator("table.list tbody tr").first).to_contain_text("25/QĐ-UBND")
    shot(page, "2-decisions-filtered")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Xuất Excel")).click()
    ws = _xlsx(download)
    assert [(r[0], r[8]) for r in ws.iter_rows(min_row=2, values_only=True)] == [("25/QĐ-UBND", 1_560_000)]


def test_the_officer_picks_among_namesakes_uploads_several_scans_and_previews_the_submission(page, login, shot, live_world,
                                                                                             tmp_path):
    w = live_world
    year = timezone.localdate().year - 1
    person("NAM79", "Nguyễn Văn Nam", w.office_a, birth_date=date(1979, 5, 1))
    twin = person("NAM90", "Nguyễn Văn Nam", w.school_a, birth_date=date(1990, 8, 2))
    rate([w.thinh, twin], year)
    d = _dossier(w, year, f"Đề nghị khen thưởng tổng kết năm {year}", [w.thinh], documents=False)

    login("officer_a")
    page.goto(reverse("dossiers:detail", args=[d.pk]))
    lines = page.locator("#lines")
    lines.locator("summary", has_text="Thêm một dòng đề nghị").click()
    lines.get_by_label("Cá nhân hoặc tập thể").fill("nguyen van nam")
    lines.get_by_label("Danh hiệu, hình thức").select_option(label="Lao động tiên tiến")
    lines.get_by_role("button", name="Thêm dòng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("“nguyen van nam” khớp với 2 người, tập thể")
    choices = page.locator("tbody tr")
    expect(choices.filter(has_text="NAM79")).to_contain_text("1979")
    expect(choices.filter(has_text="NAM90")).to_contain_text("Trường THCS Phú Lương")
    shot(page, "1-which-namesake")
    choices.filter(has_text="NAM90").get_by_role("radio").check()
    page.get_by_role("button", name="Thêm dòng cho người đã chọn").click()
    expect(messages(page)).to_contain_text("Đã thêm Nguyễn Văn Nam.")
    assert Line.objects.filter(dossier=d, person=twin).exists()

    # The signed proposal and minutes in one upload.
    files = []
    for name in ("to-trinh-trang-1.pdf", "to-trinh-trang-2.pdf"):
        path = tmp_path / name
        path.write_bytes(b"%PDF-1.4\n%%EOF\n" + name.encode())
        files.append(str(path))
    docs = page.locator("#documents")
    docs.get_by_label("Loại tài liệu").select_option(label="Tờ trình")
    docs.locator("input[type=file]").set_input_files(files)
    expect(docs.locator(".filepicker-name")).to_contain_text("to-trinh-trang-1.pdf, to-trinh-trang-2.pdf")
    docs.get_by_role("button", name="Tải lên").click()
    expect(messages(page)).to_contain_text("Đã tải lên 2 tệp tờ trình.")
    bad = tmp_path / "bien-ban.docx"
    bad.write_bytes(b"PK\x03\x04 not a scan")
    good = tmp_path / "bien-ban.pdf"
    good.write_bytes(b"%PDF-1.4\n%%EOF\nbb")
    docs = page.locator("#documents")
    docs.get_by_label("Loại tài liệu").select_option(label="Biên bản bình xét")
    docs.locator("input[type=file]").set_input_files([str(good), str(bad)])
    docs.get_by_role("button", name="Tải lên").click()
    expect(messages(page)).to_contain_text("Tệp “bien-ban.docx”: Tệp không phải PDF hay ảnh")
    assert not d.attachments.filter(kind=DocumentKind.MINUTES).exists()
    docs = page.locator("#documents")
    docs.get_by_label("Loại tài liệu").select_option(label="Biên bản bình xét")
    docs.locator("input[type=file]").set_input_files([str(good)])
    docs.get_by_role("button", name="Tải lên").click()
    expect(messages(page)).to_contain_text("Đã tải lên biên bản bình xét.")

    # Submit shows what will be sent, to whom, and the money; nothing moves before the confirmation.
    page.get_by_role("link", name="Gửi hồ sơ…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Gửi hồ sơ: {d.title}")
    expect(page.locator(".facts")).to_contain_text("Phường Phú Lương")
    expect(page.locator("#pl-h")).to_have_text("Các dòng đề nghị (2)")
    expect(page.locator("section", has=page.locator("#pd-h"))).to_contain_text("Tờ trình: to-trinh-trang-2.pdf")
    expect(page.get_by_role("note")).to_contain_text("ward_specialist nhận thông báo để tiếp nhận")
    shot(page, "2-submit-preview")
    assert Dossier.objects.get(pk=d.pk).status == Status.DRAFT
    page.get_by_role("button", name="Xác nhận gửi hồ sơ").click()
    expect(messages(page)).to_contain_text("Đã gửi hồ sơ.")
    expect(page.locator(".facts .status")).to_have_text("Đã gửi, chờ tiếp nhận")


def test_the_office_sets_a_line_aside_and_the_unit_reads_why(page, login, shot, live_world):
    w = live_world
    year = timezone.localdate().year - 1
    an = Person.objects.get(code="CB0002")
    rate([w.thinh, an], year)
    d = _dossier(w, year, f"Đề nghị khen thưởng tổng kết năm {year}", [w.thinh, an])
    actions.dossier_submit(acting_user=w.users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=w.users["ward_specialist"], dossier=d)

    login("ward_specialist")
    page.goto(reverse("dossiers:detail", args=[d.pk]))
    page.get_by_role("link", name="Không đề nghị Trần Văn An — Lao động tiên tiến").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Không đề nghị: Trần Văn An — Lao động tiên tiến")
    page.get_by_role("button", name="Không đề nghị dòng này").click()
    expect(page.locator(".field.has-error")).to_contain_text("Cần ghi lý do.")
    reason = "Đã được đề nghị trong hồ sơ của Trường THCS Phú Lương."
    page.get_by_label("Lý do").fill(reason)
    page.get_by_role("button", name="Không đề nghị dòng này").click()
    expect(messages(page)).to_contain_text("Đã đánh dấu “không đề nghị”: Trần Văn An — Lao động tiên tiến.")
    row = page.locator("#lines tbody tr").filter(has_text="Trần Văn An")
    expect(row.locator("s").first).to_have_text("Trần Văn An")
    expect(row).to_contain_text(f"Không đề nghị: {reason}")
    expect(row.get_by_role("button", name="Đề nghị lại Trần Văn An — Lao động tiên tiến")).to_be_visible()
    expect(page.locator(".checklist")).to_contain_text("1 dòng")
    shot(page, "1-line-set-aside")

    # The appraisal's preview: what passes, what is left out, what follows.
    page.get_by_role("button", name="Thẩm định đạt…").click()
    expect(page.locator("#pass-h")).to_have_text("Các dòng đạt thẩm định (1)")
    expect(page.locator("section", has=page.locator("#aside-h"))).to_contain_text(reason)
    shot(page, "2-appraise-preview")
    page.get_by_role("link", name="Quay lại hồ sơ").click()

    # The unit sees the line struck through, and why.
    page.context.clear_cookies()
    login("officer_a")
    page.goto(reverse("dossiers:detail", args=[d.pk]))
    row = page.locator("#lines tbody tr").filter(has_text="Trần Văn An")
    expect(row.locator("s").first).to_have_css("text-decoration-line", "line-through")
    expect(row).to_contain_text(f"Không đề nghị: {reason}")
    expect(page.locator(".timeline")).to_contain_text(f"Lý do: {reason}")
    shot(page, "3-the-unit-reads-why")

    # While appraising, the office proposes it again with one click.
    page.context.clear_cookies()
    login("ward_specialist")
    page.goto(reverse("dossiers:detail", args=[d.pk]))
    page.get_by_role("button", name="Đề nghị lại Trần Văn An — Lao động tiên tiến").click()
    expect(messages(page)).to_contain_text("Đã đề nghị lại Trần Văn An — Lao động tiên tiến.")
    assert Line.objects.get(dossier=d, person=an).outcome == Outcome.PROPOSED


def test_the_office_previews_what_goes_up_then_forwards(page, login, shot, live_world, tmp_path):
    w = live_world
    year = timezone.localdate().year - 1
    an = Person.objects.get(code="CB0002")
    rate([w.thinh, an], year)
    d = _dossier(w, year, f"Đề nghị khen thưởng tổng kết năm {year}", [w.thinh])
    officer = w.users["officer_a"]
    actions.lines_add(acting_user=officer, dossier=d, items=[{
        "person": an, "award_type": AwardType.objects.get(code="BK_TINH"),
        "justification": "Thành tích đột xuất trong phòng, chống bão số 3"}])
    bk = d.lines.get(award_type__code="BK_TINH")
    actions.attachment_add(acting_user=officer, dossier=d, kind=DocumentKind.REPORT, line=bk, upload=pdf("bao-cao-tran-van-an.pdf"))
    actions.dossier_submit(acting_user=officer, dossier=d)
    actions.dossier_receive(acting_user=w.users["ward_specialist"], dossier=d)
    # The ward's council passed both lines: the dossier waits for the decision, the Bằng khen goes up.
    Dossier.objects.filter(pk=d.pk).update(status=Status.DECISION)
    d.lines.update(outcome=Outcome.PASSED)

    login("ward_specialist")
    page.goto(reverse("dossiers:detail", args=[d.pk]))
    page.get_by_role("link", name="Chuyển cấp trên phần vượt thẩm quyền…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Chuyển cấp trên: {d.title}")
    group = page.locator("section", has=page.get_by_role("heading", name=re.compile("Lên Thành phố Hà Nội")))
    expect(group.get_by_role("heading")).to_have_text("Lên Thành phố Hà Nội: 1 dòng, 3 tệp")
    expect(group).to_contain_text("Trần Văn An")
    expect(group).to_contain_text("Báo cáo thành tích: bao-cao-tran-van-an.pdf")
    expect(group).not_to_contain_text("Nguyễn Thị Thịnh")
    shot(page, "1-forward-preview")
    assert not Dossier.objects.filter(forwarded_from=d).exists()
    page.get_by_role("button", name="Xác nhận chuyển cấp trên").click()
    expect(messages(page)).to_contain_text("Đã lập hồ sơ trình cấp trên")
    up = Dossier.objects.get(forwarded_from=d)
    assert list(up.lines.values_list("person__code", flat=True)) == ["CB0002"]
    shot(page, "2-forwarded")
