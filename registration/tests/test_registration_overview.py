"""The standing office's consolidated view of a plan, its Excel export, and registration
shown in the eligibility view (registered vs eligible vs neither)."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from decisions.models import Award
from records.models import Rating
from registration import actions
from rulebook.models import AwardType
from tdkt.testing.plans import travel
from tdkt.testing.registration import post_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(as_user, world, plan):
    with travel(2022, 1, 20, 9, 0):
        post_registration(as_user("officer_a"), plan, world.ward_a,
                          ind=[f"{world.thinh.pk}:LDTT", f"{world.thinh.pk}:CSTDCS", f"{world.thinh.pk}:BK_TINH"],
                          col=[f"{world.school_a.pk}:TTLDXS", f"{world.ward_a.pk}:BK_TINH"])
        post_registration(as_user("officer_b"), plan, world.ward_b, ind=[f"{world.person_b.pk}:LDTT"], action="draft")
    return plan


def test_consolidated_view_lists_every_unit_with_status_and_counts(as_user, world, registered):
    plan = registered
    with travel(2022, 1, 25, 9, 0):
        body = as_user("specialist").get(reverse("registration:overview", args=[plan.pk])).content.decode()
    assert "Tổng hợp đăng ký thi đua năm 2022" in body
    assert "Đã đăng ký lúc 09:00 20/01/2022" in body
    assert "Chưa đăng ký (bản nháp 1 dòng chưa gửi)" in body  # ward B's draft is not counted
    assert "Quận Hà Đông" in body
    assert "1/3" in body
    # Before the deadline there is nothing to reopen or close.
    assert "Mở lại…" not in body and "Đóng đăng ký ngay" not in body
    with travel(2022, 1, 31, 9, 0):
        body = as_user("specialist").get(reverse("registration:overview", args=[plan.pk])).content.decode()
        assert body.count("Mở lại…") == 3 and "Đóng đăng ký ngay" in body
        # Council members and ward officers do not see the city's consolidated view.
        assert as_user("officer_a").get(reverse("registration:overview", args=[plan.pk])).status_code == 404
        assert as_user("council").get(reverse("registration:overview", args=[plan.pk])).status_code == 404


def test_consolidated_excel(as_user, world, registered):
    plan = registered
    with travel(2022, 2, 1, 9, 0):
        actions.registrations_close(plan=plan)
        response = as_user("specialist").get(reverse("registration:overview_excel", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="tong-hop-dang-ky-thi-dua-2022-hn.xlsx"'
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Tổng hợp", "Cá nhân", "Tập thể"]
    summary = list(wb["Tổng hợp"].iter_rows(values_only=True))
    head = summary[0]
    assert head[:3] == ("Mã đơn vị", "Đơn vị", "Tình trạng")
    assert "Lao động tiên tiến (LDTT)" in head and "Bằng khen của Chủ tịch UBND Thành phố (cá nhân) (BK_TINH)" in head
    ward_a = next(r for r in summary if r[0] == "HN-PLU")
    ward_b = next(r for r in summary if r[0] == "HN-YN")
    assert ward_a[2] == "Đã đăng ký lúc 09:00 20/01/2022"
    assert ward_a[head.index("Lao động tiên tiến (LDTT)")] == 1
    assert ward_a[head.index("Tập thể lao động xuất sắc (TTLDXS)")] == 1
    assert ward_a[head.index("Bằng khen của Chủ tịch UBND Thành phố (tập thể) (BK_TINH)")] == 1
    assert ward_a[-2:] == (2, 3)
    assert ward_b[2] == "Không có nhu cầu thi đua, khen thưởng năm 2022 (từ ngày 31/01/2022)"
    assert ward_b[head.index("Lao động tiên tiến (LDTT)")] == 0
    assert summary[-1][1:3] == ("Cộng", "1/3 đơn vị đã đăng ký")
    people = list(wb["Cá nhân"].iter_rows(values_only=True))
    assert people[0] == ("Đơn vị đăng ký", "Mã cán bộ", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Danh hiệu, hình thức", "Mã danh hiệu")
    assert [(r[2], r[6]) for r in people[1:]] == [("Nguyễn Thị Thịnh", "LDTT"), ("Nguyễn Thị Thịnh", "CSTDCS"),
                                                  ("Nguyễn Thị Thịnh", "BK_TINH")]
    collectives = list(wb["Tập thể"].iter_rows(values_only=True))
    assert [(r[2], r[4]) for r in collectives[1:]] == [("Phường Phú Lương", "BK_TINH"), ("Trường THCS Phú Lương", "TTLDXS")]


def test_eligibility_view_shows_registration_and_filters_registered_vs_eligible(as_user, world, registered):
    # Thịnh and An were rated for 2022; only Thịnh registered LDTT.
    Rating.objects.create(person=world.thinh, year=2022, level="HTXSNV")
    an = world.office_a.people.get(code="CB0002")
    Rating.objects.create(person=an, year=2022, level="HTTNV")
    url = reverse("eligibility:unit")
    client = as_user("officer_a")
    body = client.get(url, {"unit": world.ward_a.pk, "year": 2022, "award": "LDTT"}).content.decode()
    assert "<th>Đăng ký</th>" in body and "Đăng ký thi đua" in body
    assert body.count("Đã đăng ký</span>") == 1 and body.count("Chưa đăng ký</span>") == 2

    def names(reg):
        page = client.get(url, {"unit": world.ward_a.pk, "year": 2022, "award": "LDTT", "reg": reg}).content.decode()
        return {n for n in ("Nguyễn Thị Thịnh", "Trần Văn An", "Lê Thị Ánh") if n in page}

    assert names("registered") == {"Nguyễn Thị Thịnh"}
    assert names("eligible_unregistered") == {"Trần Văn An"}
    assert names("neither") == {"Lê Thị Ánh"}
    assert names("registered_not_eligible") == set()
    assert names("") == {"Nguyễn Thị Thịnh", "Trần Văn An", "Lê Thị Ánh"}

    # A year without a plan: no column, no filter.
    body = client.get(url, {"unit": world.ward_a.pk, "year": 2021, "award": "LDTT"}).content.decode()
    assert "<th>Đăng ký</th>" not in body and 'name="reg"' not in body


def test_eligibility_registration_counts_sent_registrations_only(as_user, world, registered):
    Award.objects.create(person=world.person_b, award_type=AwardType.objects.get(code="LDTT"), year=2021,
                         decision_number="1/QĐ-UBND", decision_date=date(2022, 1, 10))
    body = as_user("officer_b").get(reverse("eligibility:unit"), {"unit": world.ward_b.pk, "year": 2022, "award": "LDTT"}).content.decode()
    # Ward B only saved a draft: Phạm Minh Đức is not registered.
    assert "Phạm Minh Đức" in body and "Đã đăng ký</span>" not in body
