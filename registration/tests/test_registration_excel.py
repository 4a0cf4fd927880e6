"""Registration from Excel: the unit's template (its people, one column per title, "x"),
filled and uploaded; a bad file lists every error by sheet, row and column and writes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from registration.models import Registration, RegistrationStatus
from tdkt.testing.plans import travel
from tdkt.testing.registration import post_registration

pytestmark = pytest.mark.django_db


def template(client, plan, unit):
    response = client.get(reverse("registration:template", args=[plan.pk]) + f"?unit={unit.pk}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="dang-ky-thi-dua-2022-{unit.code.lower()}.xlsx"'
    return load_workbook(io.BytesIO(response.content))


def upload(client, plan, unit, wb, submit=False, name="dang-ky.xlsx"):
    buf = io.BytesIO()
    wb.save(buf)
    data = {"file": SimpleUploadedFile(name, buf.getvalue())}
    if submit:
        data["submit"] = "on"
    return client.post(reverse("registration:upload", args=[plan.pk]) + f"?unit={unit.pk}", data, follow=True)


def header(ws):
    return [c.value for c in ws[1]]


def column(ws, text):
    return header(ws).index(text) + 1


def row_of(ws, code):
    for row in ws.iter_rows(min_row=2):
        if row[0].value == code:
            return row[0].row
    raise AssertionError(code)


def test_template_lists_the_wards_people_and_collectives_with_what_is_registered(as_user, world, plan):
    client = as_user("officer_a")
    with travel(2022, 1, 20, 9, 0):
        post_registration(client, plan, world.ward_a, ind=[f"{world.thinh.pk}:CSTDCS"], action="draft")
        wb = template(client, plan, world.ward_a)
    people = wb["Cá nhân"]
    assert header(people) == ["Mã cán bộ", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Lao động tiên tiến (LDTT)",
                              "Chiến sĩ thi đua cơ sở (CSTDCS)", "Bằng khen của Chủ tịch UBND Thành phố (BK_TINH)",
                              "Chiến sĩ thi đua Thành phố (CSTD_TINH)"]
    codes = [r[0] for r in people.iter_rows(min_row=2, values_only=True)]
    assert sorted(codes) == ["CB0001", "CB0002", "CB0003"]  # ward A's people, not ward B's
    r = row_of(people, "CB0001")
    assert people.cell(r, 2).value == "Nguyễn Thị Thịnh"
    assert people.cell(r, column(people, "Chiến sĩ thi đua cơ sở (CSTDCS)")).value == "x"
    assert people.cell(r, column(people, "Lao động tiên tiến (LDTT)")).value is None
    units = wb["Tập thể"]
    assert header(units)[:3] == ["Mã đơn vị", "Tên tập thể", "Tập thể lao động tiên tiến (TTLDTT)"]
    assert [r[0] for r in units.iter_rows(min_row=2, values_only=True)] == ["HN-PLU", "HN-PLU-VP", "HN-PLU-THCS"]
    assert "Hướng dẫn" in wb.sheetnames


def test_fill_and_upload_round_trip(as_user, world, plan):
    client = as_user("officer_a")
    with travel(2022, 1, 20, 9, 0):
        wb = template(client, plan, world.ward_a)
        people, units = wb["Cá nhân"], wb["Tập thể"]
        for code in ("CB0001", "CB0002", "CB0003"):
            people.cell(row_of(people, code), column(people, "Lao động tiên tiến (LDTT)")).value = "x"
        people.cell(row_of(people, "CB0001"), column(people, "Chiến sĩ thi đua cơ sở (CSTDCS)")).value = "X"
        units.cell(row_of(units, "HN-PLU-THCS"), column(units, "Tập thể lao động xuất sắc (TTLDXS)")).value = "x"
        response = upload(client, plan, world.ward_a, wb, submit=True)
        body = response.content.decode()
        assert response.redirect_chain[-1][0].endswith(f"?unit={world.ward_a.pk}")
        assert "Đã nhập tệp dang-ky.xlsx và gửi đăng ký. Đã nhập 4 đăng ký cá nhân và 1 đăng ký tập thể." in body
        reg = Registration.objects.get(plan=plan, unit=world.ward_a)
        assert reg.status == RegistrationStatus.SUBMITTED
        assert sorted((x.award_type.code, x.person.code if x.person else x.unit.code) for x in reg.lines.all()) == [
            ("CSTDCS", "CB0001"), ("LDTT", "CB0001"), ("LDTT", "CB0002"), ("LDTT", "CB0003"), ("TTLDXS", "HN-PLU-THCS")]

        # The template now comes back filled; uploading it unchanged changes nothing.
        again = template(client, plan, world.ward_a)
        assert again["Cá nhân"].cell(row_of(again["Cá nhân"], "CB0002"), 5).value == "x"
        upload(client, plan, world.ward_a, again)
        assert reg.lines.count() == 5

        # A file without the collectives sheet keeps the collectives as they were.
        del again["Tập thể"]
        again["Cá nhân"].cell(row_of(again["Cá nhân"], "CB0002"), 5).value = None
        body = upload(client, plan, world.ward_a, again).content.decode()
        assert "Tệp không có sheet “Tập thể”: phần đó giữ nguyên." in body
        assert sorted(x.award_type.code for x in reg.lines.all()) == ["CSTDCS", "LDTT", "LDTT", "TTLDXS"]


def test_bad_file_lists_errors_by_row_and_column_and_writes_nothing(as_user, world, plan):
    client = as_user("officer_a")
    with travel(2022, 1, 20, 9, 0):
        post_registration(client, plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT"])
        wb = template(client, plan, world.ward_a)
        people, units = wb["Cá nhân"], wb["Tập thể"]
        ldtt = column(people, "Lao động tiên tiến (LDTT)")
        people.cell(row_of(people, "CB0002"), ldtt).value = "có lẽ"                 # not a mark
        people.append(["CB0101", "Phạm Minh Đức", "", "Phường Yên Nghĩa", "x"])     # ward B's person
        people.append(["CB9999", "Không Có Ai", "", "", "x"])                       # no such person
        people.append(["CB0003", "Lê Thị Ánh", "", "", "x"])                        # twice
        people.cell(1, 9).value = "Tập thể lao động xuất sắc (TTLDXS)"              # a collective title in the people sheet
        people.cell(row_of(people, "CB0001"), 9).value = "x"
        units.append(["HN-YN", "Phường Yên Nghĩa", "x"])                            # another ward
        body = upload(client, plan, world.ward_a, wb).content.decode()

    assert "Tệp chưa được nhập: 6 lỗi" in body
    row_ct = row_of(people, "CB0002")
    assert (f"<td>Cá nhân</td><td>{row_ct}</td><td>E (Lao động tiên tiến)</td>"
            "<td>“có lẽ” không hợp lệ: ghi x để đăng ký, để trống nếu không đăng ký.</td>") in body
    assert "<td>Cá nhân</td><td>5</td><td>A (Mã cán bộ)</td><td>mã “CB0101” không phải cán bộ của Phường Phú Lương.</td>" in body
    assert "<td>Cá nhân</td><td>6</td><td>A (Mã cán bộ)</td><td>không có cán bộ mã “CB9999”.</td>" in body
    assert f"<td>Cá nhân</td><td>7</td><td>A (Mã cán bộ)</td><td>mã cán bộ “CB0003” trùng với dòng {row_of(people, 'CB0003')}.</td>" in body
    assert ("<td>I (Tập thể lao động xuất sắc)</td><td>Tập thể lao động xuất sắc không tặng cho cá nhân (Nguyễn Thị Thịnh).</td>") in body
    assert "<td>Tập thể</td><td>5</td><td>A (Mã đơn vị)</td>" in body and "“HN-YN” không phải mã của Phường Phú Lương" in body
    # All or nothing: the registration is as it was.
    reg = Registration.objects.get(plan=plan, unit=world.ward_a)
    assert [(x.award_type.code, x.person_id) for x in reg.lines.all()] == [("LDTT", world.thinh.pk)]


def test_not_an_excel_file_and_upload_after_the_deadline(as_user, world, plan):
    client = as_user("officer_a")
    with travel(2022, 1, 20, 9, 0):
        wb = template(client, plan, world.ward_a)
        body = client.post(reverse("registration:upload", args=[plan.pk]) + f"?unit={world.ward_a.pk}",
                           {"file": SimpleUploadedFile("ghi-chu.txt", b"khong phai excel")}).content.decode()
        assert "Không đọc được tệp" in body
    wb["Cá nhân"].cell(2, 5).value = "x"
    with travel(2022, 1, 31, 8, 0):
        body = upload(client, plan, world.ward_a, wb).content.decode()
        assert "Đã hết hạn đăng ký thi đua (30/01/2022)." in body
    assert not Registration.objects.filter(unit=world.ward_a, lines__isnull=False).exists()
