"""The cluster's steps as one table: from which states each step may be taken, the states it reaches, the duty it
needs and where. ``clusters.actions`` takes every step through ``check()`` and ``move()``, and the pages show a
button only when ``allowed()`` says so.

Where a step is taken:
- LEVEL: the standing office of the level that formed the cluster (duty ``standing_office`` there);
- HEAD: the head unit (cụm trưởng: duty ``submit`` there, as it speaks for the cluster), or the level's office for it;
- MEMBER: a member unit scoring (duty ``submit`` at that unit): checked by ``may_score`` for the unit named.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from org.duties import Duty, has_duty

from .models import Status

S = Status
STAYS = "stays"
LEVEL, HEAD, MEMBER = "level", "head", "member"


@dataclass(frozen=True)
class Step:
    verb: str
    label: str            # the button and the timeline say this
    sources: frozenset    # states the step may start from
    targets: tuple        # the states it may reach, the first the usual one; STAYS: the state it started from
    at: str               # LEVEL, HEAD or MEMBER
    duty: Duty = Duty.STANDING_OFFICE
    why: str = ""

    @property
    def target(self):
        return self.targets[0]

    def reaches(self, source, to) -> bool:
        return to in self.targets or (STAYS in self.targets and to == source)


STEPS = {s.verb: s for s in [
    Step("create", "Lập cụm, khối thi đua", frozenset(), (S.FORMING,), LEVEL),
    Step("edit", "Sửa thành phần, cụm trưởng", frozenset({S.FORMING}), (STAYS,), LEVEL),
    Step("criteria", "Sửa bảng tiêu chí", frozenset({S.FORMING}), (STAYS,), HEAD, Duty.SUBMIT),
    Step("lock", "Chốt bảng tiêu chí, mở chấm điểm", frozenset({S.FORMING}), (S.SCORING,), HEAD, Duty.SUBMIT),
    Step("score", "Chấm điểm", frozenset({S.SCORING}), (STAYS,), MEMBER, Duty.SUBMIT),
    Step("close", "Kết thúc chấm điểm và xếp hạng", frozenset({S.SCORING}), (S.CLOSED,), HEAD, Duty.SUBMIT),
    # A mistake found after closing (a unit scored the wrong column): the office opens scoring again, with a reason,
    # before the cluster proposes anyone; the ranking is computed again at the next close.
    Step("reopen", "Mở lại chấm điểm", frozenset({S.CLOSED}), (S.SCORING,), LEVEL),
    Step("propose", "Đề nghị khen thưởng đơn vị dẫn đầu", frozenset({S.CLOSED}), (S.PROPOSED,), HEAD, Duty.SUBMIT),
    # The office of the level turns the cluster's proposal into lines of a year-end dossier at the level that
    # decides the first award (dossiers.actions.dossier_create, lines_add): the council goes on from there.
    Step("open_lines", "Lập hồ sơ đề nghị khen thưởng", frozenset({S.PROPOSED}), (S.OPENED,), LEVEL),
    Step("next_year", "Lập cụm năm sau (luân phiên cụm trưởng)", frozenset({S.FORMING, S.SCORING, S.CLOSED,
                                                                            S.PROPOSED, S.OPENED}), (STAYS,), LEVEL),
]}


class StepRefused(ValidationError):
    """A step that may not be taken now: the message says why, in Vietnamese."""


def may(user, cluster, verb: str) -> bool:
    """Whether ``user`` holds the duty for ``verb`` where it applies (whatever the state). A HEAD step is the head
    unit's, or the level's office's for it."""
    step = STEPS[verb]
    office = has_duty(user, cluster.level, Duty.STANDING_OFFICE)
    if step.at == LEVEL:
        return office
    if step.at == HEAD:
        return office or has_duty(user, cluster.head, Duty.SUBMIT)
    return False  # MEMBER: may_score names the unit


def may_score(user, cluster, unit) -> bool:
    """Whether ``user`` may enter the scores of member ``unit`` (its own and those it gives the others)."""
    return has_duty(user, unit, Duty.SUBMIT)


def allowed(user, cluster, verb: str) -> bool:
    step = STEPS[verb]
    return cluster.status in step.sources and may(user, cluster, verb)


def check(user, cluster, verb: str) -> Step:
    """The step, or why not: StepRefused for the state (what a second person acting at once hits), PermissionDenied
    for who."""
    step = STEPS[verb]
    if cluster.status not in step.sources:
        raise StepRefused(f"{cluster.name} đang ở trạng thái “{Status(cluster.status).label}”: không thể "
                          f"{step.label[:1].lower() + step.label[1:]} (có thể người khác vừa xử lý; hãy tải lại trang).")
    if step.at != MEMBER and not may(user, cluster, verb):
        if step.at == LEVEL:
            raise PermissionDenied(f"Chỉ cơ quan thường trực của {cluster.level.name} được "
                                   f"{step.label[:1].lower() + step.label[1:]}.")
        raise PermissionDenied(f"Chỉ {cluster.head_word.lower()} ({cluster.head.name}) hoặc cơ quan thường trực của "
                               f"{cluster.level.name} được {step.label[:1].lower() + step.label[1:]}.")
    return step


def steps_for(user, cluster) -> dict:
    """{verb: allowed now} for the page's buttons."""
    return {verb: allowed(user, cluster, verb) for verb in STEPS if STEPS[verb].at != MEMBER}
