"""The history of the demo (demo.history): ratings, initiatives, awards and discipline of 2017–2026 (2026 under review: rated, not yet decided).

The demo is built once for the module inside a transaction that is rolled back at the end;
each test runs in a savepoint inside it.
"""

from collections import Counter, defaultdict
from datetime import date

import pytest

from decisions.models import Award
from eligibility.engine import evaluate
from initiatives.models import Initiative
from org.models import Employment, Person, Unit
from records.models import Discipline, Rating

pytestmark = pytest.mark.django_db
YEARS = range(2017, 2027)
REVIEW = 2026


def _where(rows, year):
    """The unit of a person in a year: the row covering 31/12, else the last row in the year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    inside = [r for r in rows if (r[1] is None or r[1] <= last) and (r[2] is None or r[2] >= first)]
    if not inside:
        return None
    covering = [r for r in inside if r[2] is None or r[2] >= last]
    return (covering or sorted(inside, key=lambda r: r[1] or date.min))[-1][0]


@pytest.fixture(scope="module")
def unit_of(demo, django_db_blocker):
    with django_db_blocker.unblock():
        rows = defaultdict(list)
        for pid, unit_id, start, end in Employment.objects.values_list("person_id", "unit_id", "start", "end"):
            rows[pid].append((unit_id, start, end))
    return {(pid, year): u for pid, r in rows.items() for year in YEARS if (u := _where(r, year)) is not None}


def test_everyone_is_rated_in_each_year_they_worked_and_only_then(demo, unit_of):
    rated = set(Rating.objects.filter(person__isnull=False).values_list("person_id", "year"))
    assert rated == set(unit_of)
    assert demo["ratings"] == len(rated)
    levels = Counter(Rating.objects.filter(person__isnull=False).values_list("level", flat=True))
    total = sum(levels.values())
    for level, share in {"HTXSNV": 0.20, "HTTNV": 0.63, "HTNV": 0.13, "KHTNV": 0.04}.items():
        assert abs(levels[level] / total - share) < 0.03, (level, levels[level] / total)
    # Nothing before 2017 or after 2026, and no titles decided yet for 2026 (its review is under way).
    assert not Rating.objects.exclude(year__in=YEARS).exists()
    assert not Award.objects.exclude(year__in=YEARS).exists()
    assert Rating.objects.filter(year=REVIEW).exists() and not Award.objects.filter(year=REVIEW).exists()
    # Recognised initiatives only (the demo's initiatives of 2026 on their way have no date yet).
    assert not Initiative.objects.filter(recognized_on__isnull=False).exclude(recognized_on__year__in=YEARS).exists()
    assert not Discipline.objects.exclude(date__year__in=YEARS).exists()


def test_units_with_members_at_year_end_are_rated(demo, unit_of):
    unit_ratings = Counter(Rating.objects.filter(unit__isnull=False).values_list("level", flat=True))
    assert sum(unit_ratings.values()) == demo["unit_ratings"] > 0
    assert unit_ratings["HTTNV"] + unit_ratings["HTXSNV"] > 0.85 * demo["unit_ratings"]
    plu = Unit.objects.get(code="HN-PLU-VP")
    assert Rating.objects.filter(unit=plu, year=2025).exists()
    assert not Rating.objects.filter(unit=plu, year=2024).exists()  # it opened on 01/07/2025


def test_awards_are_given_once_and_by_the_rules(demo, unit_of):
    rows = list(Award.objects.filter(person__isnull=False).values_list("person_id", "award_type__code", "year"))
    assert len(rows) == len(set(rows))
    got = set(rows)
    level = dict(((p, y), lv) for p, y, lv in Rating.objects.filter(person__isnull=False).values_list("person_id", "year", "level"))
    linked = defaultdict(list)
    for award_id, initiative_id in Award.initiatives.through.objects.values_list("award_id", "initiative_id"):
        linked[award_id].append(initiative_id)
    for p, code, y in rows:
        if code == "LDTT":
            assert level[p, y] in ("HTXSNV", "HTTNV")
        if code == "CSTDCS":
            assert (p, "LDTT", y) in got
        if code == "BK_TINH":
            assert (p, "CSTDCS", y) in got and (p, "CSTDCS", y - 1) in got
        if code == "CSTD_TINH":
            assert all((p, "CSTDCS", z) in got for z in (y, y - 1, y - 2))
    counts = Counter(code for _p, code, _y in rows)
    assert counts["LDTT"] > 0.8 * 0.9 * sum(1 for lv in level.values() if lv in ("HTXSNV", "HTTNV"))
    assert counts["CSTDCS"] > 0.05 * counts["LDTT"]
    assert counts["BK_TINH"] and counts["CSTD_TINH"] and counts["BK_TTG"]
    # Each initiative counted by one award of each author at most (co-authors each count it: the decision of
    # 2026 records what its awards counted), by one of its authors, of the right scope and time.
    person_of = dict(Award.objects.filter(id__in=list(linked)).values_list("id", "person_id"))
    uses = Counter((i, person_of[a]) for a, ids in linked.items() for i in ids)
    assert uses and max(uses.values()) == 1
    initiatives = Initiative.objects.in_bulk([i for i, _p in uses])
    authors = defaultdict(set)
    for initiative_id, pid in Initiative.authors.through.objects.values_list("initiative_id", "person_id"):
        authors[initiative_id].add(pid)
    history = Counter(i for a, ids in linked.items() for i in ids if a in set(
        Award.objects.filter(id__in=list(linked), source="history").values_list("id", flat=True)))
    assert max(history.values()) == 1  # the history's generator gives an initiative to one award
    for award in Award.objects.filter(id__in=list(linked)).select_related("award_type"):
        for i in linked[award.id]:
            initiative = initiatives[i]
            assert award.person_id in authors[i]
            if award.source != "history":
                # Decided by the rules in force: an initiative of grassroots scope or wider, recognised by the year's end.
                assert initiative.recognized_on.year <= award.year
                continue
            if award.award_type.code == "CSTDCS":
                assert initiative.scope == "co_so" and initiative.recognized_on.year == award.year
            else:
                assert award.award_type.code == "CSTD_TINH" and initiative.scope == "tinh"
                assert award.year - 2 <= initiative.recognized_on.year <= award.year
    # Decisions of January of the next year: the history's, and decision 25/QĐ-UBND of 20/01/2026 (demo.yearend);
    # the city's 1156/QĐ-UBND of 20/03/2026 decides what the ward sent up after its own decision.
    assert set(Award.objects.exclude(source="history").values_list("source", "decision__number")) == {
        ("decision", "25"), ("decision", "1156")}
    dates = set(Award.objects.exclude(decision__number="1156").values_list("year", "decision_date").distinct())
    assert all(d.month == 1 and d.year == y + 1 for y, d in dates)
    assert set(Award.objects.filter(decision__number="1156").values_list("year", "decision_date")) == {(2025, date(2026, 3, 20))}


def test_cstdcs_stays_within_15_percent_of_ldtt_in_each_unit_and_year(demo, unit_of):
    # The generator's rule (Decree 91/2017's cap); the demo's 2025 decision follows today's rulebook, which has none.
    per = defaultdict(Counter)
    history = Award.objects.filter(source="history")
    for p, code, y in history.filter(person__isnull=False, award_type__code__in=["LDTT", "CSTDCS"]).values_list(
            "person_id", "award_type__code", "year"):
        per[unit_of[p, y], y][code] += 1
    assert any(c["CSTDCS"] for c in per.values())
    for key, c in per.items():
        assert c["CSTDCS"] <= 0.15 * c["LDTT"], (key, c)


def test_initiatives_look_real(demo, unit_of):
    scopes = Counter(Initiative.objects.values_list("scope", flat=True))
    assert scopes["co_so"] > 5 * scopes["tinh"] > 0 and 0 < scopes["toan_quoc"] <= 15
    authors = defaultdict(set)
    for initiative_id, pid in Initiative.authors.through.objects.values_list("initiative_id", "person_id"):
        authors[initiative_id].add(pid)
    person_years = len(unit_of)
    by_year = sum(len(a) for i, a in authors.items())
    assert 0.045 < by_year / person_years < 0.08
    # The history's initiatives (SK-…); those of 2026 on their way through the initiative council are demo.initiatives'.
    for i in Initiative.objects.filter(code__startswith="SK-"):
        assert i.code.startswith(f"SK-{i.recognized_on.year}-") and i.title and i.recognized_by and i.decision_number
        assert 10 <= i.recognized_on.month <= 12
        assert 1 <= len(authors[i.id]) <= 3
        assert {unit_of[p, i.recognized_on.year] for p in authors[i.id]} == {i.unit_id}  # colleagues of one unit
        assert i.search_text
    disciplines = Counter(Discipline.objects.values_list("level", flat=True))
    assert 0.002 < sum(disciplines.values()) / person_years < 0.007
    assert set(disciplines) <= {"khien_trach", "canh_cao", "ha_bac_luong"}


def _outcomes(codes):
    ward = Unit.objects.get(code="HN-PLU")
    result = evaluate(REVIEW, unit=ward)
    out = {}
    for o in result.outcomes:
        if o.kind == "person" and o.subject.code in codes:
            out[o.subject.code, o.award.code] = o
    return out


def test_planted_people_of_phu_luong_show_every_kind_of_answer_for_2026(demo):
    planted = demo["planted"]
    assert set(planted) == {"thinh", "bk_tinh", "cstd_tinh", "bk_ttg", "gap"}
    code = dict(Person.objects.filter(id__in=planted.values()).values_list("id", "code"))
    who = {role: code[pid] for role, pid in planted.items()}
    ward = Unit.objects.get(code="HN-PLU")
    assert all(p.unit.path.startswith(ward.path) for p in Person.objects.filter(id__in=planted.values()))
    out = _outcomes(set(who.values()))

    # CSTĐCS 2024 and 2025, rated HTXSNV in 2026: qualifies for CSTĐCS and the city's Bằng khen now.
    p = who["bk_tinh"]
    assert out[p, "LDTT"].eligible and out[p, "CSTDCS"].eligible, (out[p, "LDTT"].unmet(), out[p, "CSTDCS"].unmet())
    assert out[p, "BK_TINH"].eligible, out[p, "BK_TINH"].unmet()
    assert not out[p, "CSTD_TINH"].eligible and "sáng kiến" in " ".join(out[p, "CSTD_TINH"].unmet())
    assert not out[p, "BK_TTG"].eligible

    # Three CSTĐCS in a row (2026 qualifying now) and a provincial initiative of 2026 not used yet: CSTĐ of the city.
    p = who["cstd_tinh"]
    assert out[p, "CSTD_TINH"].eligible
    assert any("SK-2026-" in m for m in out[p, "CSTD_TINH"].met())
    assert not out[p, "BK_TINH"].eligible  # 2025 counted for the Bằng khen of 2025

    # Bằng khen 2020, six good years since with three CSTĐCS: Bằng khen of the Prime Minister.
    p = who["bk_ttg"]
    assert out[p, "BK_TTG"].eligible
    assert any("2020" in m for m in out[p, "BK_TTG"].met())

    # CSTĐCS 2024 and qualifying in 2026, not 2025: no Bằng khen, and the reason names the missing year.
    p = who["gap"]
    assert not out[p, "BK_TINH"].eligible
    assert "thiếu năm 2025" in " ".join(out[p, "BK_TINH"].unmet())

    # Nguyễn Thị Thịnh: rated every year, LĐTT most years, CSTĐCS 2024 and 2025 (on her initiative).
    thinh = Person.objects.get(full_name="Nguyễn Thị Thịnh")
    assert planted["thinh"] == thinh.id
    assert list(Rating.objects.filter(person=thinh).order_by("year").values_list("year", flat=True)) == list(YEARS)
    awards = set(Award.objects.filter(person=thinh).values_list("award_type__code", "year"))
    assert sum(1 for c, _y in awards if c == "LDTT") >= 8
    assert {y for c, y in awards if c == "CSTDCS"} == {2024, 2025}
    [initiative] = thinh.initiatives.all()
    assert initiative.scope == "co_so" and [a.year for a in initiative.used_by.all()] == [2025]
    # Rated HTTNV in 2026: no CSTĐCS this year, so no second year in a row for the Bằng khen.
    assert not out[who["thinh"], "BK_TINH"].eligible
    assert "thiếu năm 2026" in " ".join(out[who["thinh"], "BK_TINH"].unmet())
