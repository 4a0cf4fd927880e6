"""Histories for the preview of a draft of the rulebook (eligibility/preview.py): who gains and who loses which title
under the Ministry of Home Affairs' draft law of December 2025 (rulebook/data/drafts.toml)."""

from datetime import date

from initiatives.models import Initiative
from org.models import Employment, Person
from records.models import Rating

from .history import history

DRAFT = "DU_THAO_BNV_12_2025"
N = 2025


def preview_history():
    """A tdkt-history/1 file, year 2025, in the agency U and its office U1, with one person per case:

    - P (in U1) rated HTXSNV, no initiative, already given CSTĐCS 2025: loses CSTĐCS (the year's own award does
      not hide it);
    - A rated HTTNV with the grassroots initiative SK-A: loses CSTĐCS (HTXSNV is now needed);
    - B rated HTXSNV with SK-B, which this year's CSTĐCS used: keeps CSTĐCS (the year is judged afresh);
    - C rated HTTNV, no initiative: neither;
    - D rated HTXSNV with SK-D, recruited on 01/09/2025: gains CSTĐCS (the LĐTT standard, 6 months, is no longer asked);
    - G rated HTXSNV with SK-G, already rewarded by a Giấy khen: loses CSTĐCS (that Giấy khen is not judged again);
    - E (in U1) rated HTTNV; U1 rated HTXSNV: TTLĐXS rests on P's CSTĐCS and is lost with it.
    """
    h = history(
        people=("A", "B", "C", "D", "G"),
        units=[{"code": "U1", "name": "Phòng Tổ chức", "kind": "agency", "parent": "U"}],
        ratings={"P": {N: "HTXSNV"}, "A": {N: "HTTNV"}, "B": {N: "HTXSNV"}, "C": {N: "HTTNV"}, "D": {N: "HTXSNV"},
                 "G": {N: "HTXSNV"}, "E": {N: "HTTNV"}},
        unit_ratings={"U1": {N: "HTXSNV"}},
        initiatives=[("SK-A", ["A"], "2025-05-10", "co_so"), ("SK-B", ["B"], "2025-06-10", "co_so"),
                     ("SK-D", ["D"], "2025-11-10", "co_so"), ("SK-G", ["G"], "2025-04-10", "co_so")],
        awards=[("P", "CSTDCS", N), ("B", "CSTDCS", N, ["SK-B"]), ("G", "GK", N, ["SK-G"])],
        memberships=[("D", "U", "2025-09-01", None)],
    )
    h["people"] += [{"code": "P", "full_name": "Nguyễn Thị Phương", "unit": "U1"},
                    {"code": "E", "full_name": "Vũ Văn Em", "unit": "U1"}]
    return h


# Who changes in preview_history, and how: {(recipient, award): "gain" | "loss"}.
PREVIEW_CHANGES = {("P", "CSTDCS"): "loss", ("A", "CSTDCS"): "loss", ("G", "CSTDCS"): "loss", ("D", "CSTDCS"): "gain",
                   ("U1", "TTLDXS"): "loss"}


def rate_for_preview(world, extra=0):
    """In the small world's ward A, for 2025: Thịnh rated HTXSNV without an initiative (loses CSTĐCS), An rated
    HTTNV with a grassroots initiative (loses CSTĐCS), Ánh at the school rated HTXSNV with one (keeps); ``extra``
    more people of the ward office rated HTXSNV without an initiative (each loses CSTĐCS). Returns the people made."""
    people = {p.code: p for p in Person.objects.filter(code__in=["CB0001", "CB0002", "CB0003"])}
    Rating.objects.create(person=people["CB0001"], year=N, level="HTXSNV")
    Rating.objects.create(person=people["CB0002"], year=N, level="HTTNV")
    Rating.objects.create(person=people["CB0003"], year=N, level="HTXSNV")
    for code, author, day in (("SK-2025-A", people["CB0002"], date(2025, 5, 10)), ("SK-2025-B", people["CB0003"], date(2025, 6, 1))):
        i = Initiative.objects.create(code=code, title=f"Sáng kiến {code}", recognized_on=day, scope="co_so", unit=author.unit)
        i.authors.add(author)
    made = []
    for k in range(extra):
        p = Person.objects.create(code=f"CB9{k:03d}", full_name=f"Nguyễn Văn Thêm {k:03d}", unit=world.office_a,
                                  position="Chuyên viên")
        Employment.objects.create(person=p, unit=world.office_a, position="Chuyên viên", start=date(2020, 1, 1))
        Rating.objects.create(person=p, year=N, level="HTXSNV")
        made.append(p)
    return made
