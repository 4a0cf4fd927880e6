"""Helpers for tests that drive the command-line contract of domain/interchange.md.

Every test builds a small history file (tdkt-history/1), imports it with
``tdkt import-history FILE`` and reads the answer of ``tdkt eligibility … --json``
or ``tdkt bonus … --json``, exactly as an integration script would. Nothing
here calls the engine directly.
"""

import contextlib
import copy
import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

FORMAT = "tdkt-history/1"
LISTS = ["units", "people", "memberships", "ratings", "disciplines", "initiatives", "awards"]
LIST_FIELDS = {("initiatives", "authors"), ("awards", "initiatives")}
OUTPUT_KEYS = {"recipient", "award", "year", "eligible", "met", "unmet", "legal_basis"}
# Codes of the catalogue (interchange.md) the rulebook can decide from history.
INDIVIDUAL_DECIDABLE = {"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TINH", "BK_TTG"}
COLLECTIVE_DECIDABLE = {"TTLDTT", "TTLDXS"}
NOT_DECIDABLE = {"GK", "CO_TINH", "CO_CP", "XA_TIEU_BIEU", "TDP_VAN_HOA", "GDVH"}


# --- running commands -------------------------------------------------------------

@dataclass
class Run:
    status: int
    stdout: str
    stderr: str

    @property
    def json(self):
        return json.loads(self.stdout)

    @property
    def error_lines(self):
        return [line for line in self.stderr.splitlines() if line.strip()]


def run(*args) -> Run:
    """Run ``tdkt <args>`` in-process; the exit status is what the command line would return.

    Both ``self.stdout`` and ``sys.stdout`` are captured: a command may write either.
    CommandError becomes status ``returncode`` with the message on stderr, as
    ``tdkt`` itself does.
    """
    out, err = io.StringIO(), io.StringIO()
    status = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            call_command(*[str(a) for a in args], stdout=out, stderr=err)
        except SystemExit as e:
            status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        except CommandError as e:
            err.write(f"CommandError: {e}\n")
            status = e.returncode
    return Run(status, out.getvalue(), err.getvalue())


def import_file(path) -> Run:
    return run("import-history", path)


def import_history(tmp_path, history, name="history.json", fmt="json") -> Run:
    """Write ``history`` (as JSON, or as a workbook with ``fmt="xlsx"``) and import it; the import must succeed."""
    if fmt == "xlsx":
        path = write_xlsx(tmp_path, history, name.rsplit(".", 1)[0] + ".xlsx")
    else:
        path = write_json(tmp_path, history, name)
    result = import_file(path)
    assert result.status == 0, f"import failed ({result.status}):\n{result.stderr}"
    return result


def eligibility(year, *, unit=None, award=None) -> list[dict]:
    args = ["eligibility", "--year", year]
    if unit:
        args += ["--unit", unit]
    if award:
        args += ["--award", award]
    args.append("--json")
    result = run(*args)
    assert result.status == 0, result.stderr
    data = result.json
    assert isinstance(data, list)
    return data


def outcome(rows, recipient, award) -> dict:
    found = [r for r in rows if r["recipient"] == recipient and r["award"] == award]
    assert len(found) == 1, f"expected one object for ({recipient}, {award}), got {len(found)}: {[(r['recipient'], r['award']) for r in rows]}"
    return found[0]


def evaluate(tmp_path, history, year, recipient, award, fmt="json") -> dict:
    """Import ``history`` and return the eligibility object of (recipient, award) for ``year``."""
    import_history(tmp_path, history, fmt=fmt)
    rows = eligibility(year, award=award)
    assert {r["award"] for r in rows} <= {award}, "--award must restrict the output to that award"
    return outcome(rows, recipient, award)


def bonus(award, kind, day, *extra) -> Run:
    return run("bonus", award, "--recipient-kind", kind, "--decision-date", day, *extra, "--json")


# --- tables of cases --------------------------------------------------------------

@dataclass
class Case:
    """One row of a table: a history, the year and award asked, and what must come back."""

    id: str
    history: dict
    year: int
    recipient: str
    award: str
    eligible: bool
    fragment: str  # must appear in ``unmet`` when not eligible, in ``met`` when eligible
    where: str = ""  # "met" or "unmet"; default follows ``eligible``
    marks: list = field(default_factory=list)

    def param(self):
        import pytest

        return pytest.param(self, id=self.id, marks=self.marks)


def check_case(tmp_path, case: Case, fmt="json"):
    got = evaluate(tmp_path, case.history, case.year, case.recipient, case.award, fmt=fmt)
    assert set(got) == OUTPUT_KEYS
    assert got["year"] == case.year
    where = case.where or ("met" if case.eligible else "unmet")
    assert got["eligible"] is case.eligible, f"eligible={got['eligible']}, met={got['met']}, unmet={got['unmet']}"
    if case.eligible:
        assert got["unmet"] == [], got["unmet"]
    else:
        assert got["unmet"], "a refusal must say why"
    text = " | ".join(got[where])
    assert case.fragment in text, f"{case.fragment!r} not in {where}: {got[where]}"
    return got


def pick(cases, *ids):
    """The cases of a table named by ``ids`` (every one must exist), as pytest params."""
    picked = [c for c in cases if c.id in ids]
    assert len(picked) == len(ids), f"no case {sorted(set(ids) - {c.id for c in picked})}"
    return [c.param() for c in picked]


# --- building histories -------------------------------------------------------------

def base(*, units=None):
    """A province T with an agency U under it (and any extra units)."""
    return {
        "format": FORMAT,
        "units": [
            {"code": "T", "name": "Tỉnh Thử Nghiệm", "kind": "province", "parent": None},
            {"code": "U", "name": "Sở Nội vụ", "kind": "agency", "parent": "T"},
            *(units or []),
        ],
        "people": [], "memberships": [], "ratings": [], "disciplines": [], "initiatives": [], "awards": [],
    }


NAMES = {
    "P": "Nguyễn Thị Phương", "A": "Trần Văn An", "B": "Lê Thị Bình", "C": "Phạm Văn Cường",
    "D": "Hoàng Thị Dung", "E": "Vũ Văn Em", "G": "Đặng Thị Giang",
}


def history(people=("P",), unit="U", *, ratings=None, awards=(), initiatives=(), disciplines=(),
            memberships=(), unit_ratings=None, units=None):
    """A history in which ``people`` work in ``unit``.

    ratings: {person: {year: level}}; unit_ratings: {unit: {year: level}};
    awards: (recipient, code, year[, [initiative codes]]);
    initiatives: (code, [authors], recognized_on, scope);
    disciplines: (person, date, level); memberships: (person, unit, from, to).
    """
    h = base(units=units)
    for code in people:
        h["people"].append({"code": code, "full_name": NAMES.get(code, f"Nguyễn Văn {code}"), "unit": unit})
    for person, unit_, start, end in memberships:
        h["memberships"].append({"person": person, "unit": unit_, "from": start, "to": end})
    for person, by_year in (ratings or {}).items():
        for year, level in sorted(by_year.items()):
            h["ratings"].append({"person": person, "year": year, "rating": level})
    for unit_, by_year in (unit_ratings or {}).items():
        for year, level in sorted(by_year.items()):
            h["ratings"].append({"unit": unit_, "year": year, "rating": level})
    for person, day, level in disciplines:
        h["disciplines"].append({"person": person, "date": day, "level": level})
    for code, authors, day, scope in initiatives:
        h["initiatives"].append({"code": code, "title": f"Sáng kiến {code}", "authors": list(authors),
                                 "recognized_on": day, "scope": scope})
    for i, item in enumerate(awards, start=1):
        recipient, code, year, *rest = item
        row = {"recipient": recipient, "award": code, "year": year,
               "decision_number": f"{i}/QĐ-UBND", "decision_date": f"{year + 1}-01-15"}
        if rest and rest[0]:
            row["initiatives"] = list(rest[0])
        h["awards"].append(row)
    return h


def each_year(first, last, level):
    return {y: level for y in range(first, last + 1)}


# --- files ----------------------------------------------------------------------------

def write_json(tmp_path, data, name="history.json") -> Path:
    path = Path(tmp_path) / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


DATE_FIELDS = {"valid_from", "valid_to", "birth_date", "from", "to", "date", "recognized_on", "decision_date"}


def write_xlsx(tmp_path, data, name="history.xlsx", *, date_cells=False) -> Path:
    """The same history as a workbook: one sheet per list, a header row of field names, lists joined by ";".

    Dates are written as ISO text, or as real date cells with ``date_cells``.
    """
    from datetime import date

    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for lst in LISTS:
        rows = data.get(lst) or []
        if not rows:
            continue
        ws = wb.create_sheet(lst)
        fields = []
        for row in rows:
            for k in row:
                if k not in fields:
                    fields.append(k)
        ws.append(fields)
        for row in rows:
            values = []
            for k in fields:
                v = row.get(k)
                if (lst, k) in LIST_FIELDS and isinstance(v, list):
                    v = ";".join(v)
                elif date_cells and k in DATE_FIELDS and isinstance(v, str):
                    v = date.fromisoformat(v)
                values.append(v)
            ws.append(values)
    path = Path(tmp_path) / name
    wb.save(path)
    return path


def with_changes(h, **lists):
    """A deep copy of history ``h`` with some lists replaced."""
    out = copy.deepcopy(h)
    out.update(copy.deepcopy(lists))
    return out


def sample_history():
    """A history that touches every list and field kind: units with a successor, memberships with
    a transfer, person and unit ratings over several years, disciplines, initiatives with two authors,
    awards with and without initiatives."""
    h = history(
        people=("P", "A", "B"),
        units=[
            {"code": "X", "name": "Phòng Nội vụ huyện cũ", "kind": "agency", "parent": "T", "valid_to": "2025-06-30", "successor": "V"},
            {"code": "V", "name": "Văn phòng UBND xã", "kind": "commune", "parent": "T", "valid_from": "2025-07-01"},
        ],
        memberships=[("P", "U", "2015-01-01", None), ("A", "U", "2018-03-01", None),
                     ("B", "X", "2016-01-01", "2025-06-30"), ("B", "V", "2025-07-01", None)],
        ratings={"P": {2019: "HTTNV", 2020: "HTXSNV", 2021: "HTTNV", 2022: "HTXSNV", 2023: "HTXSNV", 2024: "HTXSNV"},
                 "A": {2022: "HTTNV", 2023: "HTXSNV", 2024: "HTTNV"},
                 "B": {2023: "HTNV", 2024: "HTTNV", 2025: "HTXSNV"}},
        unit_ratings={"U": {2023: "HTXSNV", 2024: "HTXSNV"}, "X": {2024: "HTTNV"}},
        disciplines=[("A", "2023-04-05", "khien_trach"), ("B", "2024-10-10", "canh_cao")],
        initiatives=[("SK-2023-01", ["P", "A"], "2023-06-01", "co_so"), ("SK-2023-02", ["P"], "2023-11-20", "tinh"),
                     ("SK-2024-01", ["A"], "2024-09-09", "co_so")],
        awards=[("P", "BK_TINH", 2019), ("P", "CSTDCS", 2020), ("P", "CSTDCS", 2022), ("P", "CSTDCS", 2023, ["SK-2023-01"]),
                ("A", "LDTT", 2023), ("U", "TTLDXS", 2023), ("A", "GK", 2023, ["SK-2023-01", "SK-2023-02"])],
    )
    h["people"][2]["unit"] = "V"
    h["people"][0].update({"birth_date": "1980-02-01", "gender": "female", "position": "Chuyên viên"})
    return h


# --- the golden sample (eligibility/tests/test_same_on_every_database.py) -----------------

GOLDEN = Path(__file__).resolve().parents[2] / "eligibility" / "tests" / "golden" / "eligibility_2025.json"
GOLDEN_YEAR = 2025


def golden_history(seed=2025):
    """60 people of a city ward over ten years (ratings, awards, initiatives, discipline), drawn from ``seed``:
    the history whose `tdkt eligibility --json` answer is kept in ``GOLDEN``."""
    rng = random.Random(seed)
    units = [{"code": "HN", "name": "Thành phố Hà Nội", "kind": "province", "parent": None},
             {"code": "P1", "name": "Phường Một", "kind": "commune", "parent": "HN"},
             {"code": "P1-VP", "name": "Văn phòng phường Một", "kind": "agency", "parent": "P1"},
             {"code": "P1-TH", "name": "Trường Tiểu học Một", "kind": "school", "parent": "P1"}]
    people, ratings, awards, initiatives, disciplines, memberships = [], [], [], [], [], []
    levels = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
    n_init = 0
    for i in range(60):
        code, unit = f"G{i:03d}", rng.choice(["P1-VP", "P1-TH"])
        people.append({"code": code, "full_name": f"Nguyễn Văn Người{i}", "unit": unit})
        start = rng.choice([None, None, None, f"{GOLDEN_YEAR}-0{rng.randint(1, 9)}-01", f"{GOLDEN_YEAR - 3}-03-01"])
        if start:
            memberships.append({"person": code, "unit": unit, "from": start})
        quality = rng.random()
        cst_run = 0
        for y in range(GOLDEN_YEAR - 9, GOLDEN_YEAR + 1):
            r = rng.random()
            level = levels[0] if r < quality * 0.6 else levels[1] if r < 0.9 else levels[2] if r < 0.97 else levels[3]
            ratings.append({"person": code, "year": y, "rating": level})
            if y < GOLDEN_YEAR and level in ("HTXSNV", "HTTNV") and rng.random() < 0.85:
                awards.append({"recipient": code, "award": "LDTT", "year": y})
            linked = []
            if rng.random() < 0.15:
                n_init += 1
                scope = rng.choices(["co_so", "tinh", "toan_quoc"], [0.8, 0.17, 0.03])[0]
                initiatives.append({"code": f"SK-{n_init:03d}", "title": f"Sáng kiến {n_init}", "authors": [code],
                                    "recognized_on": f"{y}-11-{rng.randint(10, 28)}", "scope": scope})
                if rng.random() < 0.4:
                    linked = [f"SK-{n_init:03d}"]
            if y < GOLDEN_YEAR and level == "HTXSNV" and rng.random() < 0.7:
                awards.append({"recipient": code, "award": "CSTDCS", "year": y, "initiatives": linked})
                cst_run += 1
                if cst_run == 2 and rng.random() < 0.5:
                    awards.append({"recipient": code, "award": "BK_TINH", "year": y})
                if cst_run == 3 and rng.random() < 0.5:
                    awards.append({"recipient": code, "award": "CSTD_TINH", "year": y})
                    cst_run = 0
            else:
                cst_run = 0
            if rng.random() < 0.02:
                level = "khien_trach" if y == GOLDEN_YEAR and unit == "P1-VP" else rng.choice(["khien_trach", "canh_cao"])
                disciplines.append({"person": code, "date": f"{y}-06-15", "level": level})
    for u in ("P1-VP", "P1-TH"):
        for y in range(GOLDEN_YEAR - 2, GOLDEN_YEAR + 1):
            ratings.append({"unit": u, "year": y, "rating": rng.choice(["HTXSNV", "HTTNV"])})
    return {"format": "tdkt-history/1", "units": units, "people": people, "memberships": memberships, "ratings": ratings,
            "disciplines": disciplines, "initiatives": initiatives, "awards": awards}
