"""The standing office's consolidated registrations of a plan as a Word document, in the
layout of Nghị định 30/2020; opened with python-docx and read."""

import pytest
from django.urls import reverse

from registration import actions
from tdkt.testing.documents import all_text, open_docx
from tdkt.testing.plans import travel
from tdkt.testing.registration import post_registration

pytestmark = pytest.mark.django_db


def test_consolidated_registrations_in_word(as_user, world, plan):
    with travel(2022, 1, 20, 9, 0):
        post_registration(as_user("officer_a"), plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT", f"{world.thinh.pk}:CSTDCS"],
                          col=[f"{world.school_a.pk}:TTLDXS"])
    with travel(2022, 2, 1, 8, 0):
        actions.registrations_close(plan=plan)
        response = as_user("specialist").get(reverse("registration:overview_docx", args=[plan.pk]))
    doc = open_docx(response)
    text = all_text(doc)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Hà Nội, ngày 01 tháng 02 năm 2022" in text
    assert "Đăng ký thi đua, khen thưởng năm 2022" in text
    assert "(Thực hiện Kế hoạch số 319/KH-HĐTĐKT ngày 24/12/2021" in text
    assert "Đến ngày 01/02/2022, 1/3 đơn vị đã gửi đăng ký thi đua năm 2022; 2 đơn vị không đăng ký" in text
    status = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert status[1] == ["1", "Phường Phú Lương", "Đã đăng ký lúc 09:00 20/01/2022", "1", "2"]
    assert status[2][1:3] == ["Phường Yên Nghĩa", "Không có nhu cầu thi đua, khen thưởng năm 2022 (từ ngày 31/01/2022)"]
    # One table per award with who registered.
    texts = [p.text for p in doc.paragraphs]
    assert "1. Lao động tiên tiến (1 cá nhân)" in texts and "2. Chiến sĩ thi đua cơ sở (1 cá nhân)" in texts
    assert "3. Tập thể lao động xuất sắc (1 tập thể)" in texts
    ldtt = [[c.text for c in r.cells] for r in doc.tables[2].rows]
    assert ldtt == [["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Đơn vị đăng ký"],
                    ["1", "Nguyễn Thị Thịnh", "Chuyên viên, Văn phòng HĐND và UBND phường Phú Lương", "Phường Phú Lương"]]
    ttldxs = [[c.text for c in r.cells] for r in doc.tables[4].rows]
    assert ttldxs[0][1] == "Tập thể" and ttldxs[1][1] == "Trường THCS Phú Lương"
    assert "{{" not in text and "{%" not in text
