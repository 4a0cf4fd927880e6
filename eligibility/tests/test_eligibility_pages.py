"""The eligibility screens, as the personas use them."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from decisions.models import Award
from initiatives.models import Initiative
from records.models import Rating
from rulebook.models import AwardType, Criterion

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(world):
    t = world.thinh
    for y, level in [(2022, "HTXSNV"), (2023, "HTXSNV"), (2024, "HTXSNV"), (2025, "HTXSNV")]:
        Rating.objects.create(person=t, year=y, level=level)
    cstdcs = AwardType.objects.get(code="CSTDCS")
    for y in (2023, 2024):
        Award.objects.create(person=t, award_type=cstdcs, year=y, decision_number=f"{y - 2000}/QĐ-UBND", decision_date=date(y + 1, 1, 10))
    i = Initiative.objects.create(code="SK-2025-001", title="Số hóa hồ sơ thi đua", recognized_on=date(2025, 11, 20), scope="tinh")
    i.authors.add(t)
    Rating.objects.create(unit=world.office_a, year=2025, level="HTXSNV")
    return t


def test_unit_view_lists_people_and_collectives_with_reasons(as_user, world, history):
    body = as_user("officer_a").get(reverse("eligibility:unit"), {"unit": world.ward_a.pk, "year": 2025, "award": "CSTD_TINH"}).content.decode()
    assert "Nguyễn Thị Thịnh" in body and "Đủ điều kiện" in body
    assert "Sáng kiến SK-2025-001" in body
    body = as_user("officer_a").get(reverse("eligibility:unit"), {"unit": world.ward_a.pk, "year": 2025, "award": "LDTT", "status": "not"}).content.decode()
    assert "Chưa có kết quả đánh giá, xếp loại năm 2025" in body  # the others have no rating
    assert "Nguyễn Thị Thịnh" not in body


def test_matrix_and_excel_export(as_user, world, history):
    client = as_user("specialist")
    body = client.get(reverse("eligibility:unit"), {"unit": world.ward_a.pk, "year": 2025}).content.decode()
    assert "Cá nhân" in body and "Tập thể" in body and "Văn phòng HĐND và UBND phường Phú Lương" in body
    response = client.get(reverse("eligibility:unit_export"), {"unit": world.ward_a.pk, "year": 2025, "status": "eligible"})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    # The unit and the position, so that a city-wide export can be split by unit (issue 7, item 6).
    assert rows[0][:7] == ("Mã", "Cá nhân / tập thể", "Loại", "Đơn vị", "Chức vụ", "Danh hiệu, hình thức", "Đủ điều kiện")
    thinh = [r for r in rows[1:] if r[0] == "CB0001"]
    assert {r[5] for r in thinh} >= {"Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh"}
    assert {(r[3], r[4]) for r in thinh} == {("Văn phòng HĐND và UBND phường Phú Lương", "Chuyên viên")}
    assert all(r[6] == "Đủ" for r in rows[1:])


def test_other_ward_cannot_see(as_user, world, history):
    client = as_user("officer_b")
    assert client.get(reverse("eligibility:unit"), {"unit": world.ward_a.pk}).status_code == 404
    assert client.get(reverse("eligibility:person", args=[world.thinh.pk])).status_code == 404
    assert client.get(reverse("records:person_record", args=[world.thinh.pk])).status_code == 404


def test_person_page_shows_history_and_path(as_user, world, history):
    body = as_user("council").get(reverse("eligibility:person", args=[world.thinh.pk]), {"year": 2025}).content.decode()
    assert "Quá trình thành tích theo năm" in body and "23/QĐ-UBND" in body
    assert "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh" in body
    assert "Chưa được tặng Bằng khen cấp bộ, ban, ngành, tỉnh" in body  # the path to BK TTg


def test_person_page_names_the_rulebook_criterion_of_each_reason(as_user, world, history):
    Criterion.objects.filter(award_type__code="CSTD_TINH", kind="initiatives").update(text="Có sáng kiến cấp tỉnh (theo quy chế)")
    body = as_user("council").get(reverse("eligibility:person", args=[world.thinh.pk]), {"year": 2025}).content.decode()
    assert re.search(r'<li class="met">Sáng kiến SK-2025-001 \(phạm vi cấp bộ, ban, ngành, tỉnh, công nhận 20/11/2025\) chưa dùng để khen thưởng'
                     r'<br><small class="muted">Tiêu chuẩn: Có sáng kiến cấp tỉnh \(theo quy chế\)</small></li>', body)
    assert "Tiêu chuẩn: 3 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở" in body  # the seed file's text


def test_ratings_grid_saves_and_records_an_event(as_user, world):
    client = as_user("officer_a")
    url = reverse("records:ratings") + f"?unit={world.office_a.pk}&year=2025"
    body = client.get(url).content.decode()
    assert "Nguyễn Thị Thịnh" in body and "Trần Văn An" in body
    response = client.post(url, {f"p{world.thinh.pk}": "HTXSNV", "unit_level": "HTTNV"})
    assert response.status_code == 302
    assert Rating.objects.get(person=world.thinh, year=2025).level == "HTXSNV"
    assert Rating.objects.get(unit=world.office_a, year=2025).level == "HTTNV"
    page = client.get(reverse("org:unit_detail", args=[world.office_a.pk]) + "?tab=history").content.decode()
    assert "Ghi xếp loại" in page and "Xếp loại năm 2025: 2 thay đổi" in page


def test_ratings_excel_round_trip_and_bad_value(as_user, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = as_user("officer_a")
    url = reverse("records:ratings") + f"?unit={world.office_a.pk}&year=2025"
    content = client.get(reverse("records:ratings_template") + f"?unit={world.office_a.pk}&year=2025").content
    wb = load_workbook(io.BytesIO(content))
    ws = wb["Xếp loại"]
    codes = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert codes[0] == "HN-PLU-VP" and "CB0001" in codes
    ws.cell(row=2 + codes.index("CB0001"), column=3).value = "HTTNV"
    ws.cell(row=2 + codes.index("CB0002"), column=3).value = "GIOI"
    buf = io.BytesIO()
    wb.save(buf)
    body = client.post(url, {"file": SimpleUploadedFile("x.xlsx", buf.getvalue())}).content.decode()
    assert "Tệp chưa được nhập: 1 lỗi" in body and "“GIOI” không phải xếp loại" in body
    assert not Rating.objects.filter(year=2025).exists()
    ws.cell(row=2 + codes.index("CB0002"), column=3).value = "HTNV"
    buf = io.BytesIO()
    wb.save(buf)
    assert client.post(url, {"file": SimpleUploadedFile("x.xlsx", buf.getvalue())}).status_code == 302
    assert dict(Rating.objects.filter(year=2025).values_list("person__code", "level")) == {"CB0001": "HTTNV", "CB0002": "HTNV"}


def test_record_historical_award_refuses_the_same_award_twice(as_user, world, history):
    client = as_user("officer_a")
    url = reverse("records:person_record", args=[world.thinh.pk])
    cstdcs = AwardType.objects.get(code="CSTDCS")
    body = client.post(url, {"form": "award", "a-award_type": cstdcs.pk, "a-year": 2024}).content.decode()
    assert "Đã có Chiến sĩ thi đua cơ sở năm 2024 (QĐ 24/QĐ-UBND): mỗi thành tích chỉ khen thưởng một lần." in body
    ldtt = AwardType.objects.get(code="LDTT")
    response = client.post(url, {"form": "award", "a-award_type": ldtt.pk, "a-year": 2024, "a-decision_number": "5/QĐ-UBND", "a-decision_date": "10/01/2025"})
    assert response.status_code == 302
    assert Award.objects.filter(person=world.thinh, award_type=ldtt, year=2024, decision_number="5/QĐ-UBND").exists()
    body = client.post(url, {"form": "award", "a-award_type": AwardType.objects.get(code="TTLDTT").pk, "a-year": 2024}).content.decode()
    assert "Tập thể lao động tiên tiến không tặng cho cá nhân." in body


def test_initiative_registry(as_user, world):
    client = as_user("officer_a")
    response = client.post(reverse("initiatives:create"), {"code": "SK-2026-001", "title": "Phần mềm một cửa", "authors": "CB0001; CB0002",
                                                           "recognized_on": "20/11/2026", "scope": "co_so"})
    assert response.status_code == 302
    i = Initiative.objects.get(code="SK-2026-001")
    assert set(i.authors.values_list("code", flat=True)) == {"CB0001", "CB0002"}
    body = client.post(reverse("initiatives:create"), {"code": "SK-2026-002", "title": "X", "authors": "CB0101",
                                                       "recognized_on": "20/11/2026", "scope": "co_so"}).content.decode()
    assert "Không tìm thấy cán bộ mã: CB0101" in body
    assert "Phần mềm một cửa" in client.get(reverse("initiatives:list"), {"q": "mot cua"}).content.decode()
    assert "Phần mềm một cửa" not in as_user("officer_b").get(reverse("initiatives:list")).content.decode()


def test_rulebook_visible_to_all_editable_by_admin_with_history(as_user, world):
    body = as_user("council").get(reverse("rulebook:index")).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in body and "Điều 23 Luật Thi đua, khen thưởng 2022" in body
    body = as_user("council").get(reverse("rulebook:index"), {"tab": "parameters"}).content.decode()
    assert "chưa xác minh" in body and "ttldtt_ldtt_share" in body
    from rulebook.models import Parameter

    p = Parameter.objects.get(key="ttldtt_ldtt_share", valid_to__isnull=True)
    assert as_user("specialist").get(reverse("rulebook:parameter_edit", args=[p.pk])).status_code == 404
    response = as_user("admin").post(reverse("rulebook:parameter_edit", args=[p.pk]), {"value": '{"op": ">=", "share": 0.7}', "status": "partial", "legal_basis": "Quy chế TĐKT Thành phố"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.value == {"op": ">=", "share": 0.7}
    body = as_user("council").get(reverse("rulebook:index"), {"tab": "history"}).content.decode()
    assert "Sửa quy định" in body and "0.7" in body


def test_bonus_calculator_on_screen(as_user, world):
    body = as_user("council").get(reverse("rulebook:index"), {"tab": "money", "award": "LDTT", "recipient_kind": "individual", "decision_date": "15/07/2026"}).content.decode()
    assert "760.000 đ" in body and "Bảy trăm sáu mươi nghìn đồng" in body
    body = as_user("council").get(reverse("rulebook:index"), {"tab": "money", "award": "TTLDTT", "recipient_kind": "household", "decision_date": "15/07/2026"}).content.decode()
    assert "Tập thể lao động tiên tiến không tặng cho hộ gia đình." in body


def test_collective_award_recorded_on_the_unit_page(as_user, world):
    url = reverse("records:unit_record", args=[world.office_a.pk])
    ttldxs = AwardType.objects.get(code="TTLDXS")
    response = as_user("officer_a").post(url, {"a-award_type": ttldxs.pk, "a-year": 2024, "a-decision_number": "20/QĐ-UBND", "a-decision_date": "15/01/2025"})
    assert response.status_code == 302
    assert Award.objects.filter(unit=world.office_a, award_type=ttldxs, year=2024).exists()
    assert "Tập thể lao động xuất sắc" in as_user("council").get(url).content.decode()
    assert as_user("council").post(url, {"a-award_type": ttldxs.pk, "a-year": 2023}).status_code == 404
    assert as_user("officer_b").get(url).status_code == 404


def test_rulebook_history_names_what_was_edited_and_shows_json(as_user, world):
    from rulebook.models import Parameter

    p = Parameter.objects.get(key="registration_required", valid_to__isnull=True)
    body = as_user("admin").get(reverse("rulebook:index"), {"tab": "parameters"}).content.decode()
    assert "<code>false</code>" in body and "<code>False</code>" not in body
    as_user("admin").post(reverse("rulebook:parameter_edit", args=[p.pk]), {"value": "true", "status": "unverified", "legal_basis": "Quy chế"})
    body = as_user("admin").get(reverse("rulebook:index"), {"tab": "history"}).content.decode()
    assert "Tham số: Bắt buộc đăng ký thi đua mới được xét danh hiệu" in body and "object (" not in body


def test_long_lists_are_read_a_page_at_a_time(as_user, world):
    import re

    from tdkt.testing import person

    for i in range(130):
        person(f"X{i:03d}", f"Đặng Văn Bách{i:03d}", world.school_a)

    def names(**params):
        body = as_user("officer_a").get(reverse("eligibility:unit"), {"unit": world.ward_a.pk, "year": 2025, **params}).content.decode()
        return body, re.findall(r'/can-bo/\d+/thanh-tich/\?year=2025">([^<]+)<', body)

    body, first = names()
    assert "Trang 1 / 6" in body and len(first) == 25
    assert first[:3] == ["Trần Văn An", "Lê Thị Ánh", "Đặng Văn Bách000"]  # by given name: An, Ánh, Bách…
    body, last = names(page=6)
    assert "Trang 6 / 6" in body and len(last) == 8 and last[-1] == "Nguyễn Thị Thịnh"
    body, _ = names(award="LDTT")
    assert "Trang 1 / 6" in body
