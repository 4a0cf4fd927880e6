"""An initiative's steps as one table: from which states each step may be taken, the state it reaches, who takes it
and where. ``initiatives.actions`` takes every step through ``check()``, and the pages show a button only when
``allowed()`` says so — one table for both.

Who takes a step:

- ``AUTHOR``: one of its authors (their account's person), or whoever records for the initiative's unit (duty
  ``rate``: the unit officer submitting for them);
- ``OFFICE``: the standing office over the initiative's unit (duty ``standing_office``): it puts the initiative
  before the council, records the recognition decision the head signed, or returns it;
- ``MEMBER``: a member of the council reviewing it, with an account (or the office entering a paper sheet);
- ``ABOVE``: the standing office of a level above the unit, recording its own decision widening the scope;
- ``REPORTER``: an author, whoever records for the unit, or the office.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from org.duties import Duty, has_duty

from .models import Status

S = Status
STAYS = "stays"
AUTHOR, OFFICE, MEMBER, ABOVE, REPORTER = "author", "office", "member", "above", "reporter"


@dataclass(frozen=True)
class Step:
    verb: str
    label: str            # the button and the timeline say this
    sources: frozenset    # states the step may start from (empty: it creates the initiative)
    targets: tuple        # the states it may reach, the first the usual one; STAYS: the state it started from
    who: str
    needs_reason: bool = False
    why: str = ""

    @property
    def target(self):
        return self.targets[0]

    def reaches(self, source, to) -> bool:
        return to in self.targets or (STAYS in self.targets and to == source)


STEPS = {s.verb: s for s in [
    Step("submit", "Nộp sáng kiến", frozenset(), (S.SUBMITTED,), AUTHOR),
    Step("edit", "Sửa, bổ sung", frozenset({S.SUBMITTED, S.RETURNED}), (STAYS,), AUTHOR),
    Step("attach", "Thêm tệp đính kèm", frozenset({S.SUBMITTED, S.RETURNED, S.REVIEWING}), (STAYS,), AUTHOR),
    Step("resubmit", "Nộp lại", frozenset({S.RETURNED}), (S.SUBMITTED,), AUTHOR),
    Step("review", "Đưa ra Hội đồng sáng kiến", frozenset({S.SUBMITTED}), (S.REVIEWING,), OFFICE),
    Step("score", "Chấm điểm, biểu quyết", frozenset({S.REVIEWING}), (STAYS,), MEMBER),
    Step("return", "Trả lại để bổ sung", frozenset({S.SUBMITTED, S.REVIEWING}), (S.RETURNED,), OFFICE, needs_reason=True),
    Step("recognize", "Ghi quyết định công nhận", frozenset({S.REVIEWING}), (S.RECOGNIZED,), OFFICE,
         why="chỉ khi Hội đồng đã thông qua theo cách đánh giá của quy định (tham số initiative_review_rules)"),
    Step("widen", "Ghi quyết định mở rộng phạm vi ảnh hưởng", frozenset({S.RECOGNIZED}), (STAYS,), ABOVE),
    Step("report", "Báo cáo kết quả áp dụng", frozenset({S.RECOGNIZED}), (STAYS,), REPORTER),
]}


class StepRefused(ValidationError):
    """A step that may not be taken now: the message says why, in Vietnamese."""


def is_author(user, initiative) -> bool:
    person_id = getattr(user, "person_id", None)
    return bool(person_id) and initiative.pk is not None and initiative.authors.filter(pk=person_id).exists()


def member_of(user, initiative):
    """The member of the reviewing council linked to ``user``, or None."""
    if not user or not user.is_authenticated or initiative.council_id is None:
        return None
    return initiative.council.members.filter(user=user).first()


def may(user, initiative, verb: str) -> bool:
    """Whether ``user`` is who takes ``verb`` on ``initiative`` (whatever its state)."""
    step = STEPS[verb]
    unit = initiative.unit
    if step.who == AUTHOR:
        return is_author(user, initiative) or has_duty(user, unit, Duty.RATE)
    if step.who == OFFICE:
        return has_duty(user, unit, Duty.STANDING_OFFICE)
    if step.who == MEMBER:
        return member_of(user, initiative) is not None or has_duty(user, unit, Duty.STANDING_OFFICE)
    if step.who == ABOVE:
        return unit is not None and any(has_duty(user, u, Duty.STANDING_OFFICE) for u in levels_above(unit))
    return is_author(user, initiative) or has_duty(user, unit, Duty.RATE) or has_duty(user, unit, Duty.STANDING_OFFICE)


def levels_above(unit):
    """The units above ``unit`` (nearest first): the levels that may widen its initiatives' scope."""
    from org.models import Unit

    prefixes = [unit.path[:i] for i in range(Unit.steplen, len(unit.path), Unit.steplen)]
    return list(Unit.objects.filter(path__in=prefixes).order_by("-depth"))


def allowed(user, initiative, verb: str) -> bool:
    """Whether ``user`` may take ``verb`` on ``initiative`` now: its state and who they are."""
    return initiative.status in STEPS[verb].sources and may(user, initiative, verb)


def check(user, initiative, verb: str) -> Step:
    """The step, or why not: StepRefused for the state (what a second person acting at once hits), PermissionDenied
    for who."""
    step = STEPS[verb]
    if step.sources and initiative.status not in step.sources:
        raise StepRefused(f"Sáng kiến đang ở trạng thái “{Status(initiative.status).label}”, không thể "
                          f"{step.label[:1].lower() + step.label[1:]} (có thể người khác vừa xử lý; hãy tải lại trang).")
    if not may(user, initiative, verb):
        raise PermissionDenied(f"Bạn không có quyền {step.label[:1].lower() + step.label[1:]} đối với sáng kiến này.")
    return step
