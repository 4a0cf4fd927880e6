"""A citizen's proposal's steps as one table: from which states each step may be taken, the states it may reach, the
duty it needs and where. ``portal.actions`` takes every step through ``check()``, and the office's page shows a
button only when ``allowed()`` says so.

The citizen sends (no account: ``PUBLIC``); the standing office of the ward or commune concerned (duty
``standing_office`` there, or above it) starts verifying, accepts or declines with a reason; an office that also
proposes for the ward (duty ``submit``) may make the accepted deed the ward's own exemplar proposal.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from org.duties import Duty, has_duty

from .models import Status

S = Status
STAYS = "stays"
PUBLIC = None  # a step anyone may take, without an account


@dataclass(frozen=True)
class Step:
    verb: str
    label: str            # the button and the timeline say this
    sources: frozenset    # states the step may start from
    targets: tuple        # the states it may reach, the first the usual one; STAYS: the state it started from
    duty: Duty | None     # PUBLIC: no duty (the citizen)
    needs_reason: bool = False
    why: str = ""

    @property
    def target(self):
        return self.targets[0]

    def reaches(self, source, to) -> bool:
        return to in self.targets or (STAYS in self.targets and to == source)


OPEN = frozenset({S.RECEIVED, S.VERIFYING})

STEPS = {s.verb: s for s in [
    Step("submit", "Gửi đề xuất", frozenset(), (S.RECEIVED,), PUBLIC),
    Step("verify", "Bắt đầu xác minh", frozenset({S.RECEIVED}), (S.VERIFYING,), Duty.STANDING_OFFICE),
    # The answer the citizen reads on the tracking page: a word of thanks or what the office found.
    Step("accept", "Công nhận người tốt, việc tốt", OPEN, (S.ACCEPTED,), Duty.STANDING_OFFICE),
    Step("decline", "Không công nhận", OPEN, (S.DECLINED,), Duty.STANDING_OFFICE, needs_reason=True),
    # The ward proposes the deed as its exemplar of the month to the level above (exemplars.actions).
    Step("exemplar", "Lập đề xuất điển hình của đơn vị", frozenset({S.ACCEPTED}), (STAYS,), Duty.SUBMIT),
]}


class StepRefused(ValidationError):
    """A step that may not be taken now: the message says why, in Vietnamese."""


def may(user, proposal, verb: str) -> bool:
    step = STEPS[verb]
    if step.duty is PUBLIC:
        return True
    if verb == "exemplar":
        return has_duty(user, proposal.unit, Duty.SUBMIT) and has_duty(user, proposal.unit, Duty.STANDING_OFFICE)
    return has_duty(user, proposal.unit, step.duty)


def allowed(user, proposal, verb: str) -> bool:
    step = STEPS[verb]
    if proposal.status not in step.sources or not may(user, proposal, verb):
        return False
    if verb == "exemplar":
        return proposal.exemplar_id is None
    return True


def check(user, proposal, verb: str) -> Step:
    """The step, or why not: StepRefused for the state, PermissionDenied for who."""
    step = STEPS[verb]
    if proposal.status not in step.sources:
        raise StepRefused(f"Đề xuất đang ở trạng thái “{Status(proposal.status).label}”: không thể "
                          f"{step.label[:1].lower() + step.label[1:]} (có thể người khác vừa xử lý; hãy tải lại trang).")
    if not may(user, proposal, verb):
        raise PermissionDenied(f"Chỉ cơ quan thường trực của {proposal.unit.name} được "
                               f"{step.label[:1].lower() + step.label[1:]}.")
    if verb == "exemplar" and proposal.exemplar_id is not None:
        raise StepRefused("Đã lập đề xuất điển hình từ đề xuất này.")
    return step


def steps_for(user, proposal) -> dict:
    """{verb: allowed now} for the office's buttons."""
    return {verb: allowed(user, proposal, verb) for verb in STEPS if STEPS[verb].duty is not PUBLIC}
