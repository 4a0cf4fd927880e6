"""The cluster's scores as Excel: sheet "Bảng điểm" (one row per unit scored, one column per unit scoring, the self
score, the ranking score, the rank and why), sheet "Chi tiết" (every point with its criterion and note). Every cell
through core.excel (text stays text, never a formula)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.excel import append_row

from . import selectors
from .models import CriterionKind
from .ranking import to_decimal

POINTS = "0.##"


def _num(x):
    return None if x is None else float(to_decimal(x))


def scores_workbook(c) -> bytes:
    member_list, criterion_list, score_list = selectors.members(c), selectors.criteria(c), selectors.scores(c)
    m = selectors.matrix(c, member_list, criterion_list, score_list)
    wb = Workbook()
    ws = wb.active
    ws.title = "Bảng điểm"
    append_row(ws, [f"BẢNG TỔNG HỢP ĐIỂM {c.name.upper()} NĂM {c.year}"])
    append_row(ws, [f"Cấp tổ chức: {c.level.name}. {c.head_word}: {c.head.name}."
                    + (f" {c.deputy_word}: {c.deputy.name}." if c.deputy else "")])
    append_row(ws, [(c.rule or {}).get("words") or "Chưa kết thúc chấm điểm: thứ hạng tạm tính theo quy định hiện hành."])
    append_row(ws, [])
    header = ["STT", "Đơn vị được chấm"] + [f"{u.name} chấm" for u in m["units"]] + [
        "Tự chấm", "Điểm xếp hạng", "Thứ hạng", "Ghi chú"]
    append_row(ws, header)
    for cell in ws[5]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    n = len(m["units"])
    formats = {i: POINTS for i in range(2, 2 + n + 2)}
    for i, row in enumerate(m["ranked"], start=1):
        append_row(ws, [i, row["unit"].name] + [_num(cell["total"]) if not cell["self"] else None for cell in row["cells"]]
                   + [_num(row["self"]), _num(row["score"]), row["rank"], row["note"] or ""], formats)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 30
    for col in range(3, 3 + n + 3):
        ws.column_dimensions[get_column_letter(col)].width = 14
    ws.column_dimensions[get_column_letter(3 + n + 3)].width = 60
    ws.freeze_panes = "C6"

    detail = wb.create_sheet("Chi tiết")
    append_row(detail, ["Đơn vị chấm", "Đơn vị được chấm", "Tiêu chí", "Loại", "Điểm tối đa", "Điểm", "Giải trình",
                        "Minh chứng"])
    for cell in detail[1]:
        cell.font = Font(bold=True)
    units = {u.pk: u for u in m["units"]}
    order = {u.pk: i for i, u in enumerate(m["units"])}
    kinds = dict(CriterionKind.choices)
    by_criterion = {k.pk: k for k in criterion_list}
    for s in sorted(score_list, key=lambda s: (order.get(s.scorer_id, 0), order.get(s.scored_id, 0),
                                               by_criterion[s.criterion_id].position)):
        k = by_criterion[s.criterion_id]
        append_row(detail, [units[s.scorer_id].name, "Tự chấm" if s.is_self else units[s.scored_id].name, k.name,
                            kinds.get(k.kind, k.kind), _num(k.max_points), _num(s.points), s.note,
                            s.evidence_name], {4: POINTS, 5: POINTS})
    for col, width in zip("ABCDEFGH", (28, 28, 45, 14, 12, 10, 40, 24)):
        detail.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
