"""`tdkt bonus AWARD --recipient-kind K --decision-date D --json` (rules.md §4, §9; interchange.md).

Money = coefficient × the base salary in force on the decision date, rounded UP to 10,000 đồng
(§4.2.1–2); collective = 2 × individual for Bằng khen/Giấy khen, titles have their own collective
coefficients (§4.2.4); household = 1.5 × individual from 1/7/2025 (§4.2.5); commune Giấy khen
0.15 before 1/7/2025 and 0.3 from then on, Bằng khen tỉnh 1.5 from 1/7/2025 (§9).
"""

import pytest

from tdkt.testing.history import bonus

pytestmark = pytest.mark.django_db

CONTRACT_KEYS = {"award", "coefficient", "base_salary", "amount", "amount_in_words", "legal_basis"}

# (award, recipient kind, decision date, coefficient, base salary, amount)
AMOUNTS = [
    # LĐTT 0.3 across the base-salary changes (§4.1).
    ("LDTT", "individual", "2026-07-15", 0.3, 2_530_000, 760_000),  # 759,000 rounded up
    ("LDTT", "individual", "2026-07-01", 0.3, 2_530_000, 760_000),
    ("LDTT", "individual", "2026-06-30", 0.3, 2_340_000, 710_000),  # 702,000 rounded up
    ("LDTT", "individual", "2024-07-01", 0.3, 2_340_000, 710_000),
    ("LDTT", "individual", "2024-06-30", 0.3, 1_800_000, 540_000),
    ("LDTT", "individual", "2023-07-01", 0.3, 1_800_000, 540_000),
    ("LDTT", "individual", "2023-06-30", 0.3, 1_490_000, 450_000),  # 447,000 rounded up
    # Individual titles.
    ("CSTDCS", "individual", "2025-01-10", 1.0, 2_340_000, 2_340_000),
    ("CSTDCS", "individual", "2024-01-10", 1.0, 1_800_000, 1_800_000),
    ("CSTD_TINH", "individual", "2024-03-01", 3.0, 1_800_000, 5_400_000),
    ("CSTD_TINH", "individual", "2026-07-02", 3.0, 2_530_000, 7_590_000),
    ("CSTD_TQ", "individual", "2026-07-01", 4.5, 2_530_000, 11_390_000),  # 11,385,000 rounded up
    ("CSTD_TQ", "individual", "2025-03-01", 4.5, 2_340_000, 10_530_000),
    # Giấy khen of a commune chairman: 0.15 until 30/6/2025, 0.3 from 1/7/2025 (Decree 152 Art. 54.1.e).
    ("GK", "individual", "2025-06-30", 0.15, 2_340_000, 360_000),  # 351,000 rounded up
    ("GK", "individual", "2025-07-01", 0.3, 2_340_000, 710_000),
    ("GK", "individual", "2024-03-01", 0.15, 1_800_000, 270_000),
    # Household = 1.5 × individual from 1/7/2025.
    ("GK", "household", "2025-07-01", 0.45, 2_340_000, 1_060_000),  # 1,053,000 rounded up
    ("GK", "household", "2026-07-01", 0.45, 2_530_000, 1_140_000),  # 1,138,500 rounded up
    # Collective form = 2 × individual.
    ("GK", "collective", "2025-07-01", 0.6, 2_340_000, 1_410_000),  # 1,404,000 rounded up
    ("GK", "collective", "2025-06-30", 0.3, 2_340_000, 710_000),
    # Bằng khen tỉnh 1.5 from 1/7/2025 (Decree 152 Art. 54.1.b); collective 2×.
    ("BK_TINH", "individual", "2025-07-01", 1.5, 2_340_000, 3_510_000),
    ("BK_TINH", "individual", "2026-07-01", 1.5, 2_530_000, 3_800_000),  # 3,795,000 rounded up
    ("BK_TINH", "collective", "2025-07-01", 3.0, 2_340_000, 7_020_000),
    # Bằng khen Thủ tướng 3.5 (Decree 152 Art. 54.1.a); collective 2×.
    ("BK_TTG", "individual", "2025-07-01", 3.5, 2_340_000, 8_190_000),
    ("BK_TTG", "collective", "2026-07-01", 7.0, 2_530_000, 17_710_000),
    # Collective titles with their own coefficients (§2.2).
    ("TTLDTT", "collective", "2025-07-01", 0.8, 2_340_000, 1_880_000),  # 1,872,000 rounded up
    ("TTLDTT", "collective", "2024-01-15", 0.8, 1_800_000, 1_440_000),
    ("TTLDXS", "collective", "2026-07-01", 1.5, 2_530_000, 3_800_000),  # 3,795,000 rounded up
    ("TTLDXS", "collective", "2025-01-15", 1.5, 2_340_000, 3_510_000),
    ("CO_TINH", "collective", "2025-01-15", 8.0, 2_340_000, 18_720_000),
    ("CO_CP", "collective", "2025-01-15", 12.0, 2_340_000, 28_080_000),
    ("XA_TIEU_BIEU", "collective", "2025-07-15", 2.0, 2_340_000, 4_680_000),
    ("TDP_VAN_HOA", "collective", "2026-07-15", 1.5, 2_530_000, 3_800_000),  # 3,795,000 rounded up
]


@pytest.mark.parametrize("award,kind,day,coefficient,base,amount", AMOUNTS,
                         ids=[f"{a}-{k}-{d}" for a, k, d, *_ in AMOUNTS])
def test_amount(award, kind, day, coefficient, base, amount):
    result = bonus(award, kind, day)
    assert result.status == 0, result.stderr
    data = result.json
    assert CONTRACT_KEYS <= set(data)
    assert data["award"] == award
    assert data["base_salary"] == base
    assert data["coefficient"] == pytest.approx(coefficient)
    assert data["amount"] == amount
    assert isinstance(data["amount"], int)
    assert data["amount"] % 10_000 == 0
    assert data["amount"] >= coefficient * base  # rounded up, never down
    assert data["amount"] - coefficient * base < 10_000
    assert data["amount_in_words"].endswith(" đồng")
    assert data["legal_basis"]


@pytest.mark.parametrize("award,kind,day,words", [
    ("LDTT", "individual", "2026-07-15", "Bảy trăm sáu mươi nghìn đồng"),
    ("LDTT", "individual", "2026-06-30", "Bảy trăm mười nghìn đồng"),
    ("GK", "household", "2025-07-01", "Một triệu không trăm sáu mươi nghìn đồng"),
    ("BK_TINH", "individual", "2025-07-01", "Ba triệu năm trăm mười nghìn đồng"),
    ("BK_TTG", "collective", "2026-07-01", "Mười bảy triệu bảy trăm mười nghìn đồng"),
])
def test_amount_in_words(award, kind, day, words):
    assert bonus(award, kind, day).json["amount_in_words"] == words


def test_commune_giay_khen_doubles_on_1_july_2025():
    before = bonus("GK", "individual", "2025-06-30").json
    after = bonus("GK", "individual", "2025-07-01").json
    assert (before["coefficient"], after["coefficient"]) == (pytest.approx(0.15), pytest.approx(0.3))
    assert before["base_salary"] == after["base_salary"] == 2_340_000


def test_agency_giay_khen_was_already_0_3():
    result = bonus("GK", "individual", "2025-06-30", "--issuer", "agency")
    assert result.status == 0, result.stderr
    assert result.json["amount"] == 710_000


def test_household_is_one_and_a_half_individual_from_1_july_2025():
    for day in ("2025-07-01", "2026-03-01", "2026-07-01"):
        ind, hh = bonus("GK", "individual", day).json, bonus("GK", "household", day).json
        assert hh["coefficient"] == pytest.approx(ind["coefficient"] * 1.5)


def test_collective_form_is_twice_individual():
    for award in ("GK", "BK_TINH", "BK_TTG"):
        ind, col = bonus(award, "individual", "2025-09-01").json, bonus(award, "collective", "2025-09-01").json
        assert col["coefficient"] == pytest.approx(ind["coefficient"] * 2)


def test_base_salary_legal_basis_follows_the_date():
    assert "73/2024" in bonus("LDTT", "individual", "2026-06-30").json["legal_basis"]
    assert "24/2023" in bonus("LDTT", "individual", "2024-06-30").json["legal_basis"]
    assert "152/2025" in bonus("BK_TINH", "individual", "2025-07-01").json["legal_basis"]


def test_legal_basis_text_is_not_altered():
    basis = bonus("GK", "household", "2025-07-01").json["legal_basis"]
    assert "2.340.000 đồng" in basis
    assert "gấp 1,5 lần" in basis
    assert "Bằng khen, Giấy khen" in basis


@pytest.mark.parametrize("args,fragment", [
    (("KHONG_CO", "individual", "2025-07-01"), "KHONG_CO"),
    (("LDTT", "household", "2025-07-01"), "hộ gia đình"),
    (("CSTDCS", "household", "2025-07-01"), "hộ gia đình"),
    (("BK_TINH", "household", "2025-07-01"), "hộ gia đình"),
    (("CSTDCS", "collective", "2025-07-01"), "tập thể"),
    (("TTLDTT", "individual", "2025-07-01"), "cá nhân"),
    (("LDTT", "individual", "01/07/2025"), "YYYY-MM-DD"),
    (("LDTT", "individual", "2025-02-30"), "không hợp lệ"),
])
def test_errors_exit_non_zero_with_a_vietnamese_message(args, fragment):
    result = bonus(*args)
    assert result.status != 0
    assert result.stdout.strip() == ""
    assert fragment in result.stderr, result.stderr


def test_before_any_rule_set_is_an_error():
    result = bonus("LDTT", "individual", "2010-01-01")
    assert result.status != 0
    assert "Chưa có" in result.stderr
