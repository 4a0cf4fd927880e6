"""The decision and the revocation read right on paper: no doubled punctuation whatever was typed (a reason ending in
";", a trích yếu ending in ".", căn cứ typed with their own endings), and no row of an annex split across two pages
(Word's cantSplit on every row, the header repeated)."""

import io
import re
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from decisions import documents
from decisions.models import Award
from decisions.revocation_documents import revocation_docx
from tdkt.testing.documents import all_text
from tdkt.testing.revocations import give, revoke

from .helpers import issued

pytestmark = pytest.mark.django_db

DOUBLED = re.compile(r"[.;,:]\s*[.;,:]")


def doubled(text):
    return [text[max(0, m.start() - 30):m.end() + 5] for m in DOUBLED.finditer(text)]


def annex_rows(doc):
    """The rows of every bordered table (the annex): each with its row properties."""
    return [row for table in doc.tables if table.style is not None and table.style.name == "Table Grid" for row in table.rows]


def cant_split(row):
    trpr = row._tr.trPr
    return trpr is not None and trpr.find(qn("w:cantSplit")) is not None


def test_the_decision_with_what_a_clerk_types_has_no_doubled_punctuation(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        decision = issued(world, subject="Về việc khen thưởng tổng kết năm 2025.",
                          legal_bases="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;;\n"
                                      "Căn cứ Nghị định số 152/2025/NĐ-CP.;\nXét đề nghị của Trưởng phòng Nội vụ.")
    doc = Document(io.BytesIO(documents.decision_docx(decision)))
    text = all_text(doc)
    assert "Về việc khen thưởng tổng kết năm 2025" in text
    assert doubled(text) == []


def test_the_revocation_with_a_reason_ending_in_punctuation_has_none_doubled(world):
    a = give(world.thinh, "CSTDCS", 2025, amount=2_340_000, number="25/QĐ-UBND", day=date(2026, 1, 20))
    rev = revoke(world, a, reason="Kê khai sai số liệu ngày công;")
    text = all_text(Document(io.BytesIO(revocation_docx(rev))))
    assert "Lý do: Kê khai sai số liệu ngày công; thuộc trường hợp quy định tại điểm b khoản 2 Điều 93" in text
    assert doubled(text) == []


def test_no_annex_row_is_split_across_pages(world, django_capture_on_commit_callbacks):
    from org.models import Person

    with django_capture_on_commit_callbacks(execute=False):
        decision = issued(world)
    Award.objects.filter(decision=decision).update(amount=710_000)
    rows = annex_rows(Document(io.BytesIO(documents.decision_docx(decision))))
    assert len(rows) >= 2 and all(cant_split(r) for r in rows)
    a = give(Person.objects.get(code="CB0002"), "GK", 2025, amount=710_000, number="25/QĐ-UBND", day=date(2026, 1, 20))
    rows = annex_rows(Document(io.BytesIO(revocation_docx(revoke(world, a)))))
    assert len(rows) >= 2 and all(cant_split(r) for r in rows)
