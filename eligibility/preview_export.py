"""A draft preview (eligibility.preview) as an Excel workbook, and the comparison kept for a unit too big to be
compared during a request.

A big unit's comparison is a jobs.exports job of kind "draft_preview" (the worker, with progress on a page): it
compares the unit once, keeps the list of changes beside the workbook (``kept_path``: each change as direction,
award, subject and unit, with no sentence), then writes the workbook. The preview page reads the kept list a page
at a time and works out the reasons of the rows it shows afresh, from the same engine (``preview.explain``), as
the eligibility page does with the year's kept results.
"""

import json
import os
import struct
import time
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook

from core.excel import Column, append_row, to_bytes, write_sheet

from .preview import DIRECTION_LABEL, GAIN, LOSS, NOWHERE, Place, compare, get_draft, tally

KIND = "draft_preview"

CHANGE_COLUMNS = [
    Column("direction", "Thay đổi", width=12), Column("recipient", "Mã", width=14),
    Column("name", "Cá nhân / tập thể", width=32), Column("kind", "Loại", width=10),
    Column("unit", "Đơn vị", width=36), Column("award", "Danh hiệu, hình thức", width=34),
    Column("met", "Theo dự thảo: đã đạt", width=50), Column("unmet", "Theo dự thảo: còn thiếu", width=50),
    Column("in_force_met", "Hiện hành: đã đạt", width=50), Column("in_force_unmet", "Hiện hành: còn thiếu", width=50),
]
UNIT_COLUMNS = [Column("code", "Mã đơn vị", width=16), Column("name", "Đơn vị", width=44),
                Column("gains", "Được thêm", width=12), Column("losses", "Mất", width=10)]


def workbook(c, award=None, progress=None) -> Workbook:
    """The comparison ``c`` (or its changes of ``award``): the draft and totals, the figures per unit, every change
    with the reasons of both sides."""
    changes = c.filtered(award)
    totals, by_unit = tally(changes)
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    for row in (["Xem trước theo dự thảo (không dùng để xét, quyết định khen thưởng)"],
                ["Dự thảo", c.draft.name], ["Mã", c.draft.code], ["Văn bản", c.draft.legal_basis],
                ["Mức xác minh", c.draft.get_status_display()], ["Nguồn", c.draft.source],
                ["Năm thành tích", c.year], ["Đơn vị", c.unit.name if c.unit is not None else "Tất cả"],
                ["Danh hiệu, hình thức", award or "Tất cả"], [],
                ["Danh hiệu, hình thức", "Được thêm", "Mất"]):
        append_row(ws, row)
    names = {ch.award.code: ch.award.name for ch in changes}
    for code, n in totals["by_award"].items():
        append_row(ws, [names.get(code, code), n["gains"], n["losses"]])
    append_row(ws, ["Tổng cộng", totals["gains"], totals["losses"]])
    if c.notes:
        append_row(ws, [])
        for _code, name, note in c.notes:
            append_row(ws, [f"Ghi chú: {name}", note])
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 30, 90
    write_sheet(wb.create_sheet("Theo đơn vị"), UNIT_COLUMNS,
                ({"code": p.code, "name": p.name, "gains": g, "losses": lost} for p, g, lost in by_unit))

    def rows():
        for i, ch in enumerate(changes):
            if progress is not None and i % 2000 == 0:
                progress(i, len(changes))
            yield {"direction": ch.label, "recipient": ch.subject.code, "name": ch.subject.name,
                   "kind": "Cá nhân" if ch.kind == "person" else "Tập thể", "unit": ch.place.name,
                   "award": ch.award.name, "met": "\n".join(ch.met()), "unmet": "\n".join(ch.unmet()),
                   "in_force_met": "\n".join(ch.in_force_met()), "in_force_unmet": "\n".join(ch.in_force_unmet())}
    write_sheet(wb.create_sheet("Thay đổi"), CHANGE_COLUMNS, rows())
    return wb


def filename(draft, unit, year):
    return f"du-thao-{draft.code.lower()}-{unit.code}-{year}.xlsx"


# --- the comparison kept for a big unit --------------------------------------------------
#
# Two files beside the job's workbook: ``draft_preview-<job>.json``, the figures (in total, per award, per unit,
# and the units named), and ``draft_preview-<job>.rows``, the changes in list order, one fixed-size record each
# (ROW), the changes of one award one run after another. A page of the list is one seek and one read, however many
# changes a city has; nothing of the rows is parsed to count or to filter by award.

ROW = struct.Struct("<BBHII")  # direction (1 gain, 0 loss), kind (1 person, 0 unit), award index, subject id, unit id


def kept_path(job) -> Path:
    from jobs.exports import folder

    return folder() / f"{KIND}-{job.pk}.json"


def _rows_path(path: Path) -> Path:
    return path.with_suffix(".rows")


def _counts(changes):
    totals, by_unit = tally(changes)
    return totals, [[p.id, g, lost] for p, g, lost in by_unit]


def keep(job, c):
    """Write ``c``'s changes and figures beside ``job``'s workbook (each file whole, then renamed into place; the
    figures last, as the page looks for them)."""
    path = kept_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    awards, per_award, places, offset = [], {}, {}, 0
    rows = _rows_path(path)
    with open(rows.with_suffix(".rows-partial"), "wb") as f:
        for ch in c.changes:  # in list order: award by award
            code = ch.award.code
            if code not in per_award:
                awards.append(code)
                per_award[code] = {"offset": offset, "changes": []}
            per_award[code]["changes"].append(ch)
            places[ch.place.id] = [ch.place.code, ch.place.name, ch.place.path]
            f.write(ROW.pack(ch.direction == GAIN, ch.kind == "person", awards.index(code), ch.subject.id, ch.place.id))
            offset += 1
    rows.with_suffix(".rows-partial").replace(rows)
    totals, by_unit = _counts(c.changes)
    figures = {"year": c.year, "draft": c.draft.code, "n_people": c.n_people, "n_units": c.n_units, "awards": awards,
               "places": places, "totals": totals, "by_unit": by_unit, "per_award": {}}
    for code, part in per_award.items():
        a_totals, a_by_unit = _counts(part["changes"])
        figures["per_award"][code] = {"offset": part["offset"], "count": len(part["changes"]), "totals": a_totals,
                                      "by_unit": a_by_unit}
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(figures, ensure_ascii=False, separators=(",", ":")))
    partial.replace(path)
    _forget_old(path.parent)


def _forget_old(folder):
    """Kept comparisons live as long as the exports beside them (TDKT_EXPORT_KEEP_DAYS)."""
    from django.conf import settings

    cutoff = time.time() - int(getattr(settings, "TDKT_EXPORT_KEEP_DAYS", 7)) * 86400
    for p in [*folder.glob(f"{KIND}-*.json"), *folder.glob(f"{KIND}-*.rows")]:
        try:
            if p.stat().st_mtime < cutoff:
                p.unlink()
        except OSError:
            pass


class KeptChange:
    """A change as the worker kept it: no subject, no reasons (``preview.explain`` works them out)."""

    __slots__ = ("direction", "award", "kind", "subject_id", "place")

    def __init__(self, direction, award, kind, subject_id, place):
        self.direction, self.award, self.kind, self.subject_id, self.place = direction, award, kind, subject_id, place

    @property
    def key(self):
        return (self.kind, self.subject_id, self.award.code)

    @property
    def label(self):
        return DIRECTION_LABEL[self.direction]


class KeptRows:
    """A run of the kept changes (``start``, ``count``), read a slice at a time (what a Paginator asks)."""

    def __init__(self, kept, start, count):
        self.kept, self.start, self.count_ = kept, start, count

    def __len__(self):
        return self.count_

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item:item + 1][0]
        lo, hi, _ = item.indices(self.count_)
        if hi <= lo:
            return []
        with open(self.kept.rows_path, "rb") as f:
            f.seek((self.start + lo) * ROW.size)
            data = f.read((hi - lo) * ROW.size)
        return [self.kept.change(*ROW.unpack_from(data, i * ROW.size)) for i in range(len(data) // ROW.size)]


class KeptComparison:
    """A big unit's comparison read back from what the worker kept, shaped as the page reads a Comparison."""

    def __init__(self, figures, rows_path, draft, unit, awards, computed_at):
        self.year, self.draft, self.unit, self.computed_at = figures["year"], draft, unit, computed_at
        self.n_people, self.n_units = figures["n_people"], figures["n_units"]
        self.figures, self.rows_path, self.awards = figures, rows_path, awards
        self.codes = figures["awards"]
        self.places = {int(pid): Place(int(pid), *p) for pid, p in figures["places"].items()}

    def change(self, gain, person, award_index, subject_id, place_id):
        return KeptChange(GAIN if gain else LOSS, self.awards[self.codes[award_index]], "person" if person else "unit",
                          subject_id, self.places.get(place_id, NOWHERE))

    def filtered(self, award=None):
        if award is None:
            return KeptRows(self, 0, self.figures["totals"]["gains"] + self.figures["totals"]["losses"])
        part = self.figures["per_award"].get(award)
        return KeptRows(self, part["offset"], part["count"]) if part else []

    def tally(self, award=None):
        if award is None:
            part = self.figures
        else:
            part = self.figures["per_award"].get(award) or {"totals": {"gains": 0, "losses": 0, "by_award": {}},
                                                          "by_unit": []}
        by_unit = [(self.places.get(pid, NOWHERE), g, lost) for pid, g, lost in part["by_unit"]]
        return part["totals"], by_unit


def kept(job, unit, awards):
    """``job``'s kept comparison (KeptComparison), or None while the worker has not written it (or no longer)."""
    path = kept_path(job)
    try:
        figures = json.loads(path.read_text())
        computed_at = datetime.fromtimestamp(os.path.getmtime(path), tz=UTC)
    except (OSError, ValueError):
        return None
    if not _rows_path(path).exists():
        return None
    if missing := [code for code in figures["awards"] if code not in awards]:
        from rulebook.models import AwardType

        # An award no longer decidable since: still named as it was kept.
        awards = {**awards, **{code: AwardType(code=code, name=code) for code in missing}}
    return KeptComparison(figures, _rows_path(path), get_draft(figures["draft"]), unit, awards, computed_at)


def write_for_job(job, progress) -> bytes:
    """The comparison of a unit too big for a request, as jobs.exports runs it: kept for the page, then the
    workbook (of ``award`` alone when the job names one)."""
    from org.selectors import unit_get_for_user

    params = job.params
    unit = unit_get_for_user(job.user, params["unit"])
    c = compare(int(params["year"]), draft=params["draft"], unit=unit)
    if not params.get("award"):
        keep(job, c)
    return to_bytes(workbook(c, params.get("award") or None, progress))


__all__ = ["GAIN", "KIND", "LOSS", "KeptComparison", "filename", "keep", "kept", "kept_path", "workbook", "write_for_job"]
