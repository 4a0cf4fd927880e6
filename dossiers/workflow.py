"""The dossier's transition table: from which states each step may be taken, the
state it reaches, the duty it needs and where (the submitting unit or the
authority). ``dossiers.actions`` takes every step through ``step()`` below,
and the pages show a button only when ``allowed()`` says so — one table for both.
"""

from dataclasses import dataclass

from org.duties import Duty, has_duty

from .models import Status

S = Status


# A step that changes nothing but the dossier's content or assignee leaves it where it is.
STAYS = "stays"


@dataclass(frozen=True)
class Step:
    verb: str
    label: str            # the button and the timeline say this
    sources: frozenset    # states the step may start from
    targets: tuple        # the states it may reach, the first the usual one; STAYS: the state it started from
    duty: Duty
    at: str               # "unit" (the submitting unit) or "authority"
    needs_reason: bool = False
    why: str = ""         # where there are several targets: what chooses among them

    @property
    def target(self):
        return self.targets[0]

    def reaches(self, source, to) -> bool:
        return to in self.targets or (STAYS in self.targets and to == source)


STEPS = {s.verb: s for s in [
    Step("create", "Lập hồ sơ", frozenset(), (S.DRAFT,), Duty.SUBMIT, "unit"),
    Step("edit", "Sửa hồ sơ", frozenset({S.DRAFT, S.RETURNED}), (STAYS,), Duty.SUBMIT, "unit"),
    Step("submit", "Gửi hồ sơ", frozenset({S.DRAFT, S.RETURNED}), (S.SUBMITTED,), Duty.SUBMIT, "unit"),
    Step("withdraw", "Rút hồ sơ", frozenset({S.SUBMITTED}), (S.DRAFT,), Duty.SUBMIT, "unit", needs_reason=True),
    Step("abandon", "Hủy hồ sơ (không trình nữa)", frozenset({S.DRAFT, S.RETURNED}), (S.WITHDRAWN,), Duty.SUBMIT, "unit",
         needs_reason=True),
    Step("receive", "Tiếp nhận", frozenset({S.SUBMITTED}), (S.APPRAISING,), Duty.RECEIVE, "authority"),
    Step("assign", "Giao chuyên viên", frozenset({S.APPRAISING}), (STAYS,), Duty.RECEIVE, "authority"),
    Step("return", "Trả lại để bổ sung", frozenset({S.SUBMITTED, S.APPRAISING}), (S.RETURNED,), Duty.RECEIVE, "authority",
         needs_reason=True),
    # One line left out ("không đề nghị") with a reason, the rest of the dossier going on; undone the same way.
    Step("set_aside", "Đánh dấu dòng “không đề nghị”", frozenset({S.APPRAISING}), (STAYS,), Duty.APPRAISE, "authority",
         needs_reason=True),
    Step("appraise", "Thẩm định đạt", frozenset({S.APPRAISING}), (S.COUNCIL, S.DISCLOSURE, S.DECISION), Duty.APPRAISE,
         "authority", why="công khai trước khi họp khi có dòng thuộc diện công khai (disclosure_awards) hoặc cơ quan "
                          "thường trực chọn; thủ tục đơn giản (Điều 85) không qua Hội đồng"),
    Step("close_disclosure", "Kết thúc công khai", frozenset({S.DISCLOSURE}), (S.COUNCIL, S.DECISION), Duty.APPRAISE,
         "authority", why="thủ tục đơn giản không qua Hội đồng"),
    Step("council_result", "Ghi kết quả họp Hội đồng", frozenset({S.COUNCIL}), (S.DECISION,), Duty.STANDING_OFFICE, "authority"),
    Step("decide", "Ban hành quyết định khen thưởng", frozenset({S.DECISION}), (S.DECIDED,), Duty.SIGN, "authority"),
    # What goes up is voted by this level's council first (rulebook council_reviews_upward: Điểm d Khoản 3 Điều 63
    # Nghị định 91/2017, Điều 84 Luật TĐKT 2022 — the higher level's dossier holds this level's minutes), so it
    # starts from the council's result; the simplified procedure (Điều 85) reaches the decision without the council.
    Step("forward", "Chuyển cấp trên", frozenset({S.DECISION, S.DECIDED}),
         (STAYS, S.FORWARDED), Duty.STANDING_OFFICE, "authority",
         why="hồ sơ không còn dòng nào chờ quyết định của cấp này thì thành “đã chuyển cấp trên”, còn thì ở nguyên bước"),
    # State awards and honorary titles: the province's office submits them to the central level outside the
    # application once this level's own lines are decided, then records the outcome decision.
    Step("submit_central", "Trình cấp Trung ương", frozenset({S.DECISION, S.DECIDED}), (S.CENTRAL,), Duty.STANDING_OFFICE,
         "authority"),
    Step("central_result", "Ghi kết quả của cấp Trung ương", frozenset({S.CENTRAL}), (S.DECIDED,), Duty.STANDING_OFFICE,
         "authority"),
]}

# The states in which the authority's clock runs (due dates, overdue notices).
OPEN = frozenset({S.SUBMITTED, S.APPRAISING, S.DISCLOSURE, S.COUNCIL, S.DECISION})


class StepRefused(Exception):
    """A step that may not be taken: the message says why, in Vietnamese."""


def place(dossier, step: Step):
    return dossier.unit if step.at == "unit" else dossier.authority


def may(user, dossier, verb: str) -> bool:
    """Whether ``user`` holds the duty for ``verb`` where it applies (whatever the state)."""
    step = STEPS[verb]
    return has_duty(user, place(dossier, step), step.duty)


def allowed(user, dossier, verb: str) -> bool:
    """Whether ``user`` may take ``verb`` on ``dossier`` now: the state and the duty."""
    step = STEPS[verb]
    return dossier.status in step.sources and may(user, dossier, verb)


def check(user, dossier, verb: str) -> Step:
    """The step, or StepRefused saying why not (the state first: it is what a second person acting at once hits)."""
    step = STEPS[verb]
    if dossier.status not in step.sources:
        raise StepRefused(f"Hồ sơ đang ở trạng thái “{Status(dossier.status).label}”, không thể {step.label.lower()}"
                          " (có thể người khác vừa xử lý; hãy tải lại trang).")
    if not may(user, dossier, verb):
        raise StepRefused(f"Bạn không có quyền {step.label.lower()} hồ sơ này.")
    return step
