"""The exemplar's steps as one table: from which states each step may be taken, the states it may reach, the duty
it needs and where (the proposing unit, or the level above that receives it). ``exemplars.actions`` takes every
step through ``check()`` and ``move()``, and the pages show a button only when ``allowed()`` says so.

The unit proposes (duty ``submit``, as it proposes awards); the standing office of the level above accepts,
returns with a reason, commends on the spot (an ad hoc line in a dossier of its own level) and publishes on the
portal (duty ``standing_office`` there).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from org.duties import Duty, has_duty

from .models import Status

S = Status
STAYS = "stays"  # a step that changes the content, the photos or the publication, not the state
UNIT, AUTHORITY = "unit", "authority"


@dataclass(frozen=True)
class Step:
    verb: str
    label: str            # the button and the timeline say this
    sources: frozenset    # states the step may start from
    targets: tuple        # the states it may reach, the first the usual one; STAYS: the state it started from
    duty: Duty
    at: str               # UNIT (the proposing unit) or AUTHORITY (the level above)
    needs_reason: bool = False
    why: str = ""         # where there are several targets: what chooses among them

    @property
    def target(self):
        return self.targets[0]

    def reaches(self, source, to) -> bool:
        return to in self.targets or (STAYS in self.targets and to == source)


EDITABLE = frozenset({S.DRAFT, S.RETURNED})

STEPS = {s.verb: s for s in [
    Step("create", "Lập đề xuất điển hình", frozenset(), (S.DRAFT,), Duty.SUBMIT, UNIT),
    Step("edit", "Sửa đề xuất", EDITABLE, (STAYS,), Duty.SUBMIT, UNIT),
    Step("photo_add", "Thêm ảnh", EDITABLE, (STAYS,), Duty.SUBMIT, UNIT),
    Step("photo_remove", "Xóa ảnh", EDITABLE, (STAYS,), Duty.SUBMIT, UNIT),
    Step("submit", "Gửi đề xuất", EDITABLE, (S.SUBMITTED,), Duty.SUBMIT, UNIT),
    Step("accept", "Công nhận điển hình", frozenset({S.SUBMITTED}), (S.ACCEPTED,), Duty.STANDING_OFFICE, AUTHORITY),
    # An accepted story may go back too, before it is published (a phone number to take out); a commendation
    # already opened stays with its dossier.
    Step("return", "Trả lại để bổ sung", frozenset({S.SUBMITTED, S.ACCEPTED}), (S.RETURNED,), Duty.STANDING_OFFICE,
         AUTHORITY, needs_reason=True),
    # Commending on the spot accepts what was waiting; an accepted exemplar may be commended later.
    Step("commend", "Khen thưởng đột xuất", frozenset({S.SUBMITTED, S.ACCEPTED}), (S.ACCEPTED,), Duty.STANDING_OFFICE,
         AUTHORITY),
    Step("publish", "Công bố trên cổng thông tin", frozenset({S.ACCEPTED}), (STAYS,), Duty.STANDING_OFFICE, AUTHORITY),
    Step("unpublish", "Thôi công bố", frozenset({S.ACCEPTED}), (STAYS,), Duty.STANDING_OFFICE, AUTHORITY),
]}


class StepRefused(ValidationError):
    """A step that may not be taken now: the message says why, in Vietnamese."""


def place(exemplar, step: Step):
    return exemplar.unit if step.at == UNIT else exemplar.authority


def may(user, exemplar, verb: str) -> bool:
    """Whether ``user`` holds the duty for ``verb`` where it applies (whatever the state)."""
    step = STEPS[verb]
    return has_duty(user, place(exemplar, step), step.duty)


def allowed(user, exemplar, verb: str) -> bool:
    """Whether ``user`` may take ``verb`` on ``exemplar`` now: the state and the duty (and, for the two publication
    steps, whether it is published)."""
    step = STEPS[verb]
    if exemplar.status not in step.sources or not may(user, exemplar, verb):
        return False
    if verb == "publish":
        return not exemplar.is_published
    if verb == "unpublish":
        return exemplar.is_published
    if verb == "commend":
        return exemplar.commended_line_id is None
    if verb == "return":
        return not exemplar.is_published
    return True


def check(user, exemplar, verb: str) -> Step:
    """The step, or why not: StepRefused for the state (what a second person acting at once hits), PermissionDenied
    for who."""
    step = STEPS[verb]
    if exemplar.status not in step.sources:
        raise StepRefused(f"Đề xuất đang ở trạng thái “{Status(exemplar.status).label}”: không thể "
                          f"{step.label[:1].lower() + step.label[1:]} (có thể người khác vừa xử lý; hãy tải lại trang).")
    if not may(user, exemplar, verb):
        if step.at == AUTHORITY:
            raise PermissionDenied(f"Chỉ cơ quan thường trực của {exemplar.authority.name} được "
                                   f"{step.label[:1].lower() + step.label[1:]}.")
        raise PermissionDenied(f"Bạn không có quyền đề xuất điển hình cho {exemplar.unit.name}.")
    return step


def steps_for(user, exemplar) -> dict:
    """{verb: allowed now} for the page's buttons."""
    return {verb: allowed(user, exemplar, verb) for verb in STEPS}
