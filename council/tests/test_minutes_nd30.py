"""The council's minutes under Nghị định 30/2020: "UBND PHƯỜNG PHÚ LƯƠNG" over "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
dated at the ward's own place ("Phú Lương, ngày …"), not the city's."""

import pytest
from django.urls import reverse

from council import actions
from documents.nd30 import document_date
from tdkt.testing.documents import open_docx
from tdkt.testing.dossiers import dossier_at_council

from .helpers import all_lines, convene

pytestmark = pytest.mark.django_db


def test_the_minutes_carry_the_council_under_its_ward_and_the_ward_s_place(as_user, world):
    d = dossier_at_council(world, [world.thinh])
    m = convene(world, [d])
    for member in m.members.select_related("user"):
        actions.ballot_cast(acting_user=member.user, meeting=m, choices=all_lines(m, "agree"))
    actions.ballot_close(acting_user=world.users["ward_specialist"], meeting=m)
    doc = open_docx(as_user("ward_specialist").get(reverse("council:minutes", args=[m.pk])))
    head = doc.tables[0]
    assert [p.text for p in head.cell(0, 0).paragraphs if p.text] == ["UBND PHƯỜNG PHÚ LƯƠNG", "HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG"]
    assert head.cell(1, 1).text == document_date(m.date, "Phú Lương")
    assert head.cell(1, 1).text.startswith("Phú Lương, ngày ")
