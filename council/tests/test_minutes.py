"""The minutes (biên bản họp Hội đồng) read back from the Word file (issue 14, item 5): who attended by the
establishing decision's names and titles, present or absent and how their ballot came (screen, paper, written);
each line's ballot type, threshold and base, its counts and result; which lines were secret; the paper count; the
legal basis of each rule."""

from datetime import date

import pytest
from django.urls import reverse

from council import actions
from documents.nd30 import document_date
from org.models import Person
from rulebook.models import Parameter
from tdkt.testing.documents import all_text, open_docx
from tdkt.testing.dossiers import dossier_at_council

from .helpers import convene, council_of

pytestmark = pytest.mark.django_db


def test_the_minutes_say_who_attended_how_each_line_was_voted_and_on_which_basis(as_user, world):
    # The council's own regulation: LĐTT by secret ballot, 90% of all members (the rest: the rulebook's majority).
    current = Parameter.objects.get(key="council_ballot_rules", valid_from=date(2024, 1, 1))
    current.value = [{"awards": ["LDTT"], "levels": ["*"], "ballot": "secret", "threshold_pct": 90, "op": ">=",
                      "base": "all_members", "status": "partial", "legal_basis": "Quy chế hoạt động của Hội đồng phường"},
                     *current.value]
    current.save()
    members = council_of(world, count=3, without_account=["Nguyễn Văn Vắng"])
    ldtt = dossier_at_council(world, [world.thinh])
    gk = dossier_at_council(world, [Person.objects.get(code="CB0002")], award="GK")
    office = world.users["ward_specialist"]
    m = convene(world, [ldtt, gk], open_ballot=False)
    absent = m.members.get(user__isnull=True)
    actions.attendance_set(acting_user=office, meeting=m, present_member_ids=[x.pk for x in m.members.exclude(pk=absent.pk)])
    actions.ballot_open(acting_user=office, meeting=m)
    line_ldtt, line_gk = (m.tallies.get(line__dossier=d).line_id for d in (ldtt, gk))
    for u, choice in zip(members, ("agree", "agree", "disagree")):
        actions.ballot_cast(acting_user=u, meeting=m, choices={str(line_ldtt): "agree", str(line_gk): choice})
    actions.paper_count_enter(acting_user=office, meeting=m, handed_out=1, received=1, member_ids=[absent.pk],
                              totals={line_ldtt: {"agree": 1}, line_gk: {"agree": 1}}, note="Phiếu gửi ngày 11/01/2026")
    actions.ballot_close(acting_user=office, meeting=m)

    doc = open_docx(as_user("ward_specialist").get(reverse("council:minutes", args=[m.pk])))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    text = all_text(doc)
    # Under the ward's committee, dated at the ward's own place.
    assert doc.tables[0].cell(1, 1).text == document_date(m.date, "Phú Lương")
    # Who attended: the decision's names and titles, present or absent, and how their ballot came.
    assert ["1", "council", "Chủ tịch Hội đồng", "Có mặt", "Trên hệ thống"] in rows
    assert ["2", "Thành viên 2", "Phó Chủ tịch thường trực", "Có mặt", "Trên hệ thống"] in rows
    assert ["4", "Nguyễn Văn Vắng", "Ủy viên", "Vắng mặt", "Phiếu gửi bằng văn bản"] in rows
    assert "Hội đồng gồm 4 thành viên theo Quyết định số 12/QĐ-UBND ngày 01/07/2025 của Chủ tịch UBND Phường Phú Lương." in text
    assert "Thành phần: 3/4 thành viên Hội đồng có mặt; 4 phiếu được tính" in text
    assert ("Phiếu được tính: 3 phiếu trên hệ thống, 0 phiếu giấy, 1 phiếu gửi bằng văn bản của thành viên vắng mặt; "
            "0 thành viên không bỏ phiếu.") in text
    assert "Ban kiểm phiếu: 1 phiếu phát ra, 1 phiếu thu về, trong đó 1 phiếu gửi — Phiếu gửi ngày 11/01/2026." in text
    # Each line: ballot type, threshold and base, counts, result.
    assert ["1", "Nguyễn Thị Thịnh", "Lao động tiên tiến", "Bỏ phiếu kín",
            "từ 90% tổng số thành viên Hội đồng trở lên; cần 4/4 phiếu", "4", "0", "0", "0", "Thông qua"] in rows
    assert ["2", "Trần Văn An", "Giấy khen", "Biểu quyết công khai",
            "trên 50% tổng số thành viên Hội đồng; cần 3/4 phiếu", "3", "1", "0", "0", "Thông qua"] in rows
    assert "Các dòng bỏ phiếu kín: 1; các dòng còn lại biểu quyết công khai." in text
    # The basis of each rule, with how far it is verified.
    assert ("Lao động tiên tiến: bỏ phiếu kín, từ 90% tổng số thành viên Hội đồng trở lên — căn cứ: Quy chế hoạt động của "
            "Hội đồng phường (xác minh một phần).") in text
    assert "Giấy khen: biểu quyết công khai, trên 50% tổng số thành viên Hội đồng — căn cứ: Không thấy quy định về tỷ lệ" in text
    assert "Thành viên là người được đề nghị: thành viên là người được đề nghị không biểu quyết dòng của mình" in text
    assert "Kết quả: 2/2 trường hợp được thông qua" in text
    # Signed by the chair the decision names.
    assert "CHỦ TỊCH HỘI ĐỒNG" in text and "council" in doc.tables[-1].cell(0, 1).text
