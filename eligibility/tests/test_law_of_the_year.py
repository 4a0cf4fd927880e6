"""The law of the achievement year: the criteria in force on 31 December of the year judged (README, "Which rules
apply"). Chiến sĩ thi đua cơ sở asked an initiative under the 2003 law as amended in 2013 (Art. 23: HTXSNV alone
was not enough, the Central Board's answer on Nghị định 91/2017 Art. 9.3); Luật 06/2022 Art. 23 accepts HTXSNV or
an initiative. The same record answers differently for 2017 and for 2024, and each answer names its law."""

import pytest

from tdkt.testing.history import bonus, each_year, eligibility, history, import_history, outcome

pytestmark = pytest.mark.django_db


def _rated_excellent(year, **kw):
    return history(("P",), ratings={"P": each_year(year - 3, year, "HTXSNV")},
                   memberships=[("P", "U", "2010-01-01", None)], **kw)


def test_cstdcs_in_2017_needed_an_initiative(tmp_path):
    import_history(tmp_path, _rated_excellent(2017))
    got = outcome(eligibility(2017, award="CSTDCS"), "P", "CSTDCS")
    assert got["eligible"] is False
    assert "Luật Thi đua, khen thưởng 2003" in got["legal_basis"] and "2022" not in got["legal_basis"]
    assert any("sáng kiến" in u.lower() for u in got["unmet"]), got["unmet"]


def test_cstdcs_in_2024_takes_excellent_work_alone(tmp_path):
    import_history(tmp_path, _rated_excellent(2024))
    got = outcome(eligibility(2024, award="CSTDCS"), "P", "CSTDCS")
    assert got["eligible"] is True, got["unmet"]
    assert got["legal_basis"] == "Điều 23 Luật Thi đua, khen thưởng 2022"


def test_cstdcs_in_2017_with_an_initiative(tmp_path):
    import_history(tmp_path, _rated_excellent(2017, initiatives=[("SK-1", ["P"], "2017-10-01", "co_so")]))
    got = outcome(eligibility(2017, award="CSTDCS"), "P", "CSTDCS")
    assert got["eligible"] is True, got["unmet"]


def test_ldtt_in_2017_is_barred_by_a_reprimand_and_by_ten_months(tmp_path):
    """Nghị định 65/2014 Art. 5.6: not given to someone recruited less than 10 months before, or reprimanded."""
    h = history(("P", "A"), ratings={"P": {2017: "HTTNV"}, "A": {2017: "HTTNV"}},
                memberships=[("P", "U", "2010-01-01", None), ("A", "U", "2017-04-01", None)],
                disciplines=[("P", "2017-05-02", "khien_trach")])
    import_history(tmp_path, h)
    rows = eligibility(2017, award="LDTT")
    assert outcome(rows, "P", "LDTT")["eligible"] is False
    assert any("khiển trách" in u for u in outcome(rows, "P", "LDTT")["unmet"])
    assert outcome(rows, "A", "LDTT")["eligible"] is False  # 9 months in 2017
    assert any("10 tháng" in u for u in outcome(rows, "A", "LDTT")["unmet"])


@pytest.mark.parametrize("day, rule_set, base, amount", [
    ("2014-06-30", "ND42_2010", 1_150_000, 350_000),
    ("2016-05-01", "ND42_2010", 1_210_000, 370_000),   # 363,000 rounded up (Bến Tre's 2016 table pays 370,000)
    ("2017-09-30", "ND42_2010", 1_300_000, 390_000),   # Nghị định 91/2017 was signed, not yet in force
    ("2017-10-01", "ND91_2017", 1_300_000, 390_000),
    ("2020-01-10", "ND91_2017", 1_490_000, 450_000),   # 447,000 rounded up
    ("2024-01-10", "ND98_2023", 1_800_000, 540_000),
    ("2026-07-01", "ND152_2025", 2_530_000, 760_000),
])
def test_bonus_for_any_date_from_2014(day, rule_set, base, amount):
    got = bonus("LDTT", "individual", day).json
    assert (got["rule_set"], got["base_salary"], got["amount"]) == (rule_set, base, amount)


def test_the_prime_ministers_bang_khen_under_decree_91():
    assert bonus("BK_TTG", "individual", "2019-01-15").json["coefficient"] == 3.5
