"""Clusters in the browser: the city's office forms a cluster of two wards and its scoring table, the head ward
locks it, both wards score themselves and each other, the head closes (the ranking shows) and proposes the leader
for the city's Cờ thi đua, and the office opens the line in the city's year-end dossier."""

import re

import pytest
from playwright.sync_api import expect

from clusters.models import Cluster, Status
from dossiers.models import Line

pytestmark = pytest.mark.browser

NAME = "Cụm thi đua số 5"


def _score(page, cluster, ward, own, other):
    page.goto(f"/cum-thi-dua/{cluster.pk}/")
    page.get_by_role("link", name=re.compile(ward)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{ward} chấm điểm")
    for label, value in own.items():
        page.get_by_label(f"Tự chấm: {label}").fill(value)
    for label, value in other.items():
        page.get_by_label(label).fill(value)
    return page


def test_office_forms_units_score_head_closes_and_proposes(page, login, live_world, shot):
    login("specialist")
    page.locator(".sidebar").get_by_role("link", name="Cụm, khối thi đua").click()
    page.get_by_role("link", name="+ Lập cụm, khối thi đua").click()
    page.get_by_label("Tên cụm, khối").fill(NAME)
    page.get_by_label("Phường Phú Lương").check()
    page.get_by_label("Phường Yên Nghĩa").check()
    page.get_by_label("Cụm trưởng (khối trưởng)").select_option(label="Phường Phú Lương")
    page.get_by_label("Cụm phó (khối phó)").select_option(label="Phường Yên Nghĩa")
    shot(page, "1-form")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã lập {NAME}")
    page.get_by_label("Nội dung tiêu chí dòng 1").fill("Thực hiện nhiệm vụ kinh tế - xã hội")
    page.get_by_label("Điểm tối đa dòng 1").fill("60")
    page.get_by_label("Nội dung tiêu chí dòng 2").fill("Công tác thi đua, khen thưởng")
    page.get_by_label("Điểm tối đa dòng 2").fill("40")
    page.get_by_label("Nội dung tiêu chí dòng 3").fill("Mô hình mới")
    page.get_by_label("Loại dòng 3").select_option(label="Điểm thưởng")
    page.get_by_label("Điểm tối đa dòng 3").fill("5")
    shot(page, "2-criteria")
    page.get_by_role("button", name="Lưu bảng tiêu chí").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(NAME)
    cluster = Cluster.objects.get()
    assert cluster.criteria.count() == 3

    # The head ward locks the table; the other ward may not.
    page.context.clear_cookies()
    login("officer_b")
    page.goto(f"/cum-thi-dua/{cluster.pk}/")
    expect(page.get_by_role("button", name="Chốt bảng tiêu chí, mở chấm điểm")).to_have_count(0)
    page.context.clear_cookies()
    login("officer_a")
    page.goto(f"/cum-thi-dua/{cluster.pk}/")
    page.get_by_role("button", name="Chốt bảng tiêu chí, mở chấm điểm").click()
    expect(page.locator(".messages")).to_contain_text("Đã chốt bảng tiêu chí")

    _score(page, cluster, "Phường Phú Lương",
           {"Thực hiện nhiệm vụ kinh tế - xã hội": "58", "Công tác thi đua, khen thưởng": "38", "Mô hình mới": "5"},
           {"Phường Yên Nghĩa: Thực hiện nhiệm vụ kinh tế - xã hội": "61",
            "Phường Yên Nghĩa: Công tác thi đua, khen thưởng": "35", "Phường Yên Nghĩa: Mô hình mới": "0"})
    page.get_by_label("Giải trình: Mô hình mới").fill("Mô hình “Chợ 4.0” được Thành phố biểu dương")
    page.get_by_role("button", name="Lưu điểm").click()
    expect(page.locator(".msg-error")).to_contain_text("Phường Yên Nghĩa, “Thực hiện nhiệm vụ kinh tế - xã hội”: "
                                                       "điểm phải từ 0 đến 60, không phải 61.")
    expect(page.get_by_label("Phường Yên Nghĩa: Thực hiện nhiệm vụ kinh tế - xã hội")).to_have_value("61")
    shot(page, "3-score-refused")
    page.get_by_label("Phường Yên Nghĩa: Thực hiện nhiệm vụ kinh tế - xã hội").fill("55,5")
    page.get_by_role("button", name="Lưu điểm").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu điểm của Phường Phú Lương (6 điểm đã nhập)")

    page.context.clear_cookies()
    login("officer_b")
    _score(page, cluster, "Phường Yên Nghĩa",
           {"Thực hiện nhiệm vụ kinh tế - xã hội": "59", "Công tác thi đua, khen thưởng": "39", "Mô hình mới": "2"},
           {"Phường Phú Lương: Thực hiện nhiệm vụ kinh tế - xã hội": "50",
            "Phường Phú Lương: Công tác thi đua, khen thưởng": "36", "Phường Phú Lương: Mô hình mới": "3"})
    page.get_by_role("button", name="Lưu điểm").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu điểm của Phường Yên Nghĩa")

    page.context.clear_cookies()
    login("officer_a")
    page.goto(f"/cum-thi-dua/{cluster.pk}/")
    page.get_by_role("button", name="Kết thúc chấm điểm và xếp hạng").click()
    # Yên Nghĩa: 55,5 + 35 + 0 = 90,5 from Phú Lương; Phú Lương: 50 + 36 + 3 = 89 from Yên Nghĩa.
    expect(page.locator(".messages")).to_contain_text("Dẫn đầu: Phường Yên Nghĩa (90,5 điểm)")
    ranking = page.locator("#ranking")
    expect(ranking.locator("tbody tr").first).to_contain_text("Phường Yên Nghĩa")
    expect(ranking).to_contain_text("Cờ thi đua cấp bộ, ban, ngành, tỉnh")
    shot(page, "4-ranking")
    page.get_by_label("Ý kiến của cụm (không bắt buộc)").fill("Cụm họp ngày 10/12, thống nhất 2/2 đơn vị.")
    page.get_by_role("button", name="Đề nghị khen thưởng").click()
    expect(page.locator(".messages")).to_contain_text("Phường Yên Nghĩa — Cờ thi đua cấp bộ, ban, ngành, tỉnh")

    page.context.clear_cookies()
    login("specialist")
    page.goto(f"/cum-thi-dua/{cluster.pk}/")
    page.get_by_role("button", name="Lập hồ sơ đề nghị khen thưởng").click()
    expect(page.locator(".messages")).to_contain_text("Đã lập các dòng đề nghị trong hồ sơ HS-")
    shot(page, "5-lines-opened")
    cluster.refresh_from_db()
    assert cluster.status == Status.OPENED
    line = Line.objects.get(dossier=cluster.dossier, award_type__code="CO_TINH")
    assert line.unit == live_world.ward_b
    page.locator("#ranking").get_by_role("link", name=re.compile("HS-")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("cụm, khối thi đua")
    shot(page, "6-dossier")
    page.locator(".sidebar").get_by_role("link", name="Cụm, khối thi đua").click()
    row = page.locator("table.list tbody tr", has_text=NAME)
    expect(row).to_contain_text("Đã lập hồ sơ đề nghị khen thưởng")
    expect(row).to_contain_text("Phường Yên Nghĩa")
    shot(page, "7-list")


def test_a_tie_in_the_ranking_reads_on_the_page(page, login, live_world, shot):
    from clusters import actions
    from tdkt.testing.clusters import make_cluster, score_all

    s = make_cluster(live_world)
    score_all(s)
    actions.scoring_close(acting_user=s.officers["A"], cluster=s.cluster)
    login("officer_b")
    page.goto(f"/cum-thi-dua/{s.cluster.pk}/")
    rows = page.locator("#ranking tbody tr")
    expect(rows.nth(0)).to_contain_text("Phường Kiến Hưng")
    expect(rows.nth(0)).to_contain_text("Bằng 85 điểm với Phường Yên Nghĩa; xếp trên vì điểm các tiêu chí cơ bản")
    expect(rows.nth(1)).to_contain_text("xếp sau vì")
    # A member sees the ranking and the scores but no step of the head's or the office's.
    expect(page.get_by_role("button", name="Đề nghị khen thưởng")).to_have_count(0)
    shot(page, "tie")
