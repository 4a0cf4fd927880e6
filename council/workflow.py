"""The meeting's steps as one table: from which states each step may be taken, the state it reaches, who takes it
(the standing office of the council's level, or a member called to the meeting) and whether it writes an event on
the meeting's timeline. ``council.actions`` takes every step through ``check()``, and the pages show a button only
when ``allowed()`` says so.

A ballot is the one step that writes no event: an event's time would give the order in which members voted, which
the receipts are built not to keep (models.Receipt). Its trace is the member's receipt; a recusal declared on the
ballot itself is in the closing event's list of recusals, without its own time.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from org.duties import Duty, has_duty

from .models import MeetingStatus

S = MeetingStatus
OFFICE, MEMBER = "office", "member"


@dataclass(frozen=True)
class Step:
    verb: str
    label: str            # the button and the timeline say this
    sources: frozenset    # states the step may start from
    target: str | None    # the state reached (None: the state stays)
    who: str              # OFFICE: the standing office of the council's level; MEMBER: a member called, with an account
    needs_reason: bool = False
    event: bool = True    # writes a timeline event and an audit row


STEPS = {s.verb: s for s in [
    Step("convene", "Triệu tập phiên họp", frozenset(), S.PLANNED, OFFICE),
    Step("agenda", "Đổi hồ sơ trình họp", frozenset({S.PLANNED}), None, OFFICE),
    Step("attendance", "Điểm danh", frozenset({S.PLANNED, S.VOTING}), None, OFFICE),
    Step("open", "Mở phiếu", frozenset({S.PLANNED}), S.VOTING, OFFICE),
    Step("recuse", "Không tham gia biểu quyết", frozenset({S.VOTING}), None, MEMBER, needs_reason=True),
    Step("recuse_record", "Ghi thành viên không tham gia biểu quyết", frozenset({S.VOTING}), None, OFFICE, needs_reason=True),
    Step("cast", "Bỏ phiếu", frozenset({S.VOTING}), None, MEMBER, event=False),
    Step("paper", "Nhập kết quả kiểm phiếu giấy", frozenset({S.VOTING}), None, OFFICE),
    Step("close", "Kết thúc bỏ phiếu", frozenset({S.VOTING}), S.CLOSED, OFFICE),
    Step("cancel", "Hủy phiên họp", frozenset({S.PLANNED, S.VOTING}), S.CANCELLED, OFFICE, needs_reason=True),
]}

OPEN_STATUSES = (S.PLANNED, S.VOTING)


class StepRefused(ValidationError):
    """A step that may not be taken now: the message says why, in Vietnamese."""


def member_of(user, meeting):
    """The meeting's member linked to ``user`` (an active account), or None."""
    if not user or not user.is_authenticated or not user.is_active:
        return None
    return meeting.members.filter(user=user).first()


def may_convene(user, authority) -> bool:
    return has_duty(user, authority, Duty.STANDING_OFFICE)


def may(user, meeting, verb: str) -> bool:
    """Whether ``user`` is who takes ``verb`` on ``meeting`` (whatever its state)."""
    step = STEPS[verb]
    if step.who == OFFICE:
        return has_duty(user, meeting.authority, Duty.STANDING_OFFICE)
    return member_of(user, meeting) is not None


def allowed(user, meeting, verb: str) -> bool:
    """Whether ``user`` may take ``verb`` on ``meeting`` now: its state and who they are."""
    return meeting.status in STEPS[verb].sources and may(user, meeting, verb)


def check(user, meeting, verb: str) -> Step:
    """The step, or why not: StepRefused for the state (what a second person acting at once hits), PermissionDenied
    for who."""
    step = STEPS[verb]
    if meeting.status not in step.sources:
        raise StepRefused(f"Phiên họp đang ở trạng thái “{MeetingStatus(meeting.status).label}”: không thể "
                          f"{step.label[:1].lower() + step.label[1:]} (có thể người khác vừa làm; hãy tải lại trang).")
    if not may(user, meeting, verb):
        if step.who == OFFICE:
            raise PermissionDenied("Chỉ cơ quan thường trực của Hội đồng làm được việc này.")
        raise PermissionDenied("Bạn không phải thành viên Hội đồng của phiên họp này.")
    return step
