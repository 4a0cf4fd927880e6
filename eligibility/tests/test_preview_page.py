"""The eligibility page's "Xem trước theo dự thảo": for the unit and year shown, who would gain and who would lose
which title under a draft, per unit and in total with the reasons, a page at a time, by award, to Excel; a unit
above the limit is compared by the worker once and the page reads what it kept."""

import io
import re
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jobs.models import ExportJob
from records.models import Rating
from tdkt.testing.previews import DRAFT, N, rate_for_preview

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def url(world, **extra):
    query = {"unit": world.ward_a.pk, "year": N, "rules": DRAFT, **extra}
    return reverse("eligibility:preview") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def text(response):
    assert response.status_code == 200
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def rows(response):
    body = response.content.decode()
    table = body[body.index('id="preview-changes"'):]
    table = table[:table.index("</table>")]
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", r))).strip() for r in re.findall(r"<tr class=\"change-.*?</tr>", table, re.S)]


def test_the_eligibility_page_offers_the_drafts(as_user, world):
    body = as_user("officer_a").get(reverse("eligibility:unit"), {"unit": world.ward_a.pk, "year": N}).content.decode()
    assert "Xem trước theo dự thảo:" in body
    assert f'<option value="{DRAFT}">Dự thảo Luật sửa đổi' in body
    assert f'action="{reverse("eligibility:preview")}"' in body


def test_losses_are_listed_with_the_reasons_of_both_sides(as_user, world):
    rate_for_preview(world)
    page = as_user("officer_a").get(url(world))
    t = text(page)
    assert "dự thảo, chưa có hiệu lực; quy định chưa xác minh" in t
    assert "không dùng để xét, thẩm định hay quyết định khen thưởng" in t
    assert "Dự thảo đề xuất thay thế tiêu chuẩn danh hiệu Lao động tiên tiến, nhưng chưa tìm được nội dung mới" in t
    lines = rows(page)
    assert len(lines) == 2
    thinh = next(r for r in lines if "Nguyễn Thị Thịnh" in r)
    assert thinh.startswith("Nguyễn Thị Thịnh CB0001 Văn phòng HĐND và UBND phường Phú Lương Mất Chiến sĩ thi đua cơ sở")
    assert "Chưa đủ Chưa có sáng kiến được công nhận ở phạm vi cơ sở trở lên trong năm 2025" in thinh
    assert "✓ Đủ Đạt tiêu chuẩn Lao động tiên tiến năm 2025 Năm 2025 được xếp loại hoàn thành xuất sắc nhiệm vụ" in thinh
    an = next(r for r in lines if "Trần Văn An" in r)
    assert "Năm 2025 được xếp loại hoàn thành tốt nhiệm vụ, chưa đạt hoàn thành xuất sắc nhiệm vụ trở lên" in an
    assert "SK-2025-A" in an
    assert not any("Lê Thị Ánh" in r for r in lines)  # HTXSNV with an initiative: no change
    totals = page.content.decode()
    assert re.search(r'<div class="stat"><b>2</b><span>mất danh hiệu', totals)
    by_unit = text(page)[text(page).index("Theo đơn vị"):]
    assert "Văn phòng HĐND và UBND phường Phú Lương HN-PLU-VP 2 0" in by_unit and "Tổng cộng 2 0" in by_unit


def test_filtered_by_award_and_a_page_at_a_time(as_user, world):
    rate_for_preview(world, extra=30)  # 32 losses of CSTĐCS
    client = as_user("officer_a")
    first, second = client.get(url(world, award="CSTDCS")), client.get(url(world, award="CSTDCS", page=2))
    assert len(rows(first)) == 25 and len(rows(second)) == 7
    assert "Trang 1 / 2 · 32 kết quả" in text(first)
    assert {r.split(" Văn phòng")[0] for r in rows(first)}.isdisjoint({r.split(" Văn phòng")[0] for r in rows(second)})
    other = client.get(url(world, award="TTLDTT"))
    assert rows(other) == [] and "Không có thay đổi nào." in text(other)


def test_exported_to_excel_with_both_sides(as_user, world):
    rate_for_preview(world)
    response = as_user("officer_a").get(reverse("eligibility:preview_export") + url(world)[len(reverse("eligibility:preview")):])
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="du-thao-{DRAFT.lower()}-HN-PLU-{N}.xlsx"'
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Tổng hợp", "Theo đơn vị", "Thay đổi"]
    header, *lines = list(wb["Thay đổi"].iter_rows(values_only=True))
    assert header[:2] == ("Thay đổi", "Mã") and "Hiện hành: đã đạt" in header
    assert sorted((r[0], r[1], r[5]) for r in lines) == [("Mất", "CB0001", "Chiến sĩ thi đua cơ sở"),
                                                          ("Mất", "CB0002", "Chiến sĩ thi đua cơ sở")]
    assert ("Chiến sĩ thi đua cơ sở", 0, 2) in list(wb["Tổng hợp"].iter_rows(values_only=True))


def test_another_wards_officer_cannot_preview_this_ward_nor_an_unknown_draft(as_user, world):
    assert as_user("officer_b").get(url(world)).status_code == 404
    assert as_user("officer_a").get(url(world, rules="KHONG_CO")).status_code == 404


def test_a_big_unit_is_compared_by_the_worker_and_read_back(as_user, world, settings):
    settings.TDKT_PREVIEW_INLINE_PEOPLE = 2  # ward A has 3 people: "big" here
    rate_for_preview(world)
    client = as_user("officer_a")
    page = client.get(url(world))  # the worker runs at once in tests
    job = ExportJob.objects.get(kind="draft_preview")
    assert job.params == {"draft": DRAFT, "unit": world.ward_a.pk, "year": N, "award": "", "back_label": "Xem trước theo dự thảo"}
    assert job.state == "done"
    page = client.get(url(world))
    assert "so sánh do tiến trình nền tính lúc" in text(page)
    lines = rows(page)
    assert len(lines) == 2 and any("Chưa có sáng kiến được công nhận ở phạm vi cơ sở trở lên trong năm 2025" in r for r in lines)
    assert len(rows(client.get(url(world, award="CSTDCS")))) == 2
    assert rows(client.get(url(world, award="TTLDTT"))) == []
    # A second view reads what was kept; nothing is computed again.
    assert ExportJob.objects.filter(kind="draft_preview").count() == 1
    # The data changed since: the line says so until the comparison is made again.
    Rating.objects.filter(person=world.thinh, year=N).update(level="HTTNV")
    assert any("không còn khác biệt" in r for r in rows(client.get(url(world))))
    client.post(reverse("eligibility:preview_recompute") + url(world)[len(reverse("eligibility:preview")):])
    assert len(rows(client.get(url(world)))) == 1
    # Its Excel is the worker's file, on the export's own page.
    export = client.get(reverse("eligibility:preview_export") + url(world)[len(reverse("eligibility:preview")):])
    assert export.status_code == 302 and export["Location"] == reverse("jobs:export", args=[ExportJob.objects.latest("id").pk])
    # Somebody else does not see that job's progress.
    assert as_user("officer_b").get(reverse("eligibility:preview_job", args=[job.pk])).status_code == 404


def test_while_the_worker_compares_the_page_says_so_and_polls(as_user, world, settings, monkeypatch):
    settings.TDKT_PREVIEW_INLINE_PEOPLE = 2
    monkeypatch.setattr("jobs.exports.enqueue", lambda job_id: None)  # no worker yet
    client = as_user("officer_a")
    page = client.get(url(world))
    body = page.content.decode()
    job = ExportJob.objects.get(kind="draft_preview")
    assert "Đang so sánh theo dự thảo" in body and f'hx-get="{reverse("eligibility:preview_job", args=[job.pk])}"' in body
    poll = client.get(reverse("eligibility:preview_job", args=[job.pk]), headers={"HX-Request": "true"})
    assert poll.status_code == 200 and "Đang so sánh theo dự thảo" in poll.content.decode()
    from jobs.exports import run

    run(job.pk)
    done = client.get(reverse("eligibility:preview_job", args=[job.pk]), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
