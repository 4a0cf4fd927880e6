"""One way for every job to notice that its process died: imports, exports, a decision's files.

A kind of job declares itself in ``KINDS`` (dotted paths, so that this low app imports none of the others):
a ``Kind`` names its model, its state field, the states in which a process works on it, its waiting state, and
what to do with a job whose process died (``on_dead``: fail it with a message and a retry button, or run it
again) and how to hand a waiting job to the worker (``enqueue``).

- ``claim`` is how a process takes a job: one UPDATE from a waiting state, so that two deliveries of the same
  task never both run it; it records the process (jobs.liveness) and the time.
- ``beat`` is written with each progress report.
- ``check(obj)`` looks at one job (its page polls it); ``reap()`` at every job (the worker, every minute).
  A job waiting longer than TDKT_JOB_REQUEUE_SECONDS (default 300) is handed to the worker again: a worker
  killed between taking a task and claiming its job loses the task, not the job.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from . import liveness

KINDS = [
    "org.imports.TRACKED",
    "jobs.exports.TRACKED",
    "decisions.tasks.TRACKED",
    "decisions.tasks.TRACKED_REVOCATION",
]


@dataclass(frozen=True)
class Kind:
    model: str            # "org.ImportJob"
    state: str            # the field holding the job's state
    running: tuple        # states in which a process works on it
    waiting: str          # the state of a job handed to the worker and not yet taken
    on_dead: str          # dotted path: f(obj) for a job whose process died
    enqueue: str          # dotted path: f(pk) hands the job to the worker

    @property
    def manager(self):
        return apps.get_model(self.model).objects


def kinds() -> list[Kind]:
    return [import_string(path) for path in KINDS]


def kind_of(obj) -> Kind:
    label = obj._meta.label
    return next(k for k in kinds() if k.model == label)


def claim(model, pk, *, state: str, waiting, running_state, **fields) -> bool:
    """Take the job ``pk`` for this process if it is waiting (one of ``waiting``); False when another took it."""
    waiting = [waiting] if isinstance(waiting, str) else list(waiting)
    n = model.objects.filter(pk=pk, **{f"{state}__in": waiting}).update(
        **{state: running_state}, runner=liveness.me(), beat_at=timezone.now(), **fields)
    return n == 1


def beat(model, pk, **fields):
    """A progress report: the fields given, and the time (the job's heartbeat)."""
    model.objects.filter(pk=pk).update(beat_at=timezone.now(), **fields)


def requeue_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "TDKT_JOB_REQUEUE_SECONDS", 300)))


def _dead(kind, obj, now) -> bool:
    return getattr(obj, kind.state) in kind.running and liveness.is_dead(obj.runner, obj.beat_at, now)


def _forgotten(kind, obj, now) -> bool:
    return getattr(obj, kind.state) == kind.waiting and (obj.beat_at is None or now - obj.beat_at > requeue_after())


def hand_to_worker(kind: Kind, pk):
    """Hand a waiting job to the worker and note when (a job forgotten longer is handed again)."""
    kind.manager.filter(pk=pk).update(beat_at=timezone.now())
    import_string(kind.enqueue)(pk)


def waited_long(obj) -> bool:
    """Has ``obj`` waited for the worker longer than a worker takes to start it (the page then says so)?"""
    kind = kind_of(obj)
    since = obj.beat_at
    return (getattr(obj, kind.state) == kind.waiting and since is not None
            and timezone.now() - since > timedelta(seconds=int(getattr(settings, "TDKT_JOB_WAIT_WARN_SECONDS", 120))))


def check(obj):
    """``obj`` (a job of a declared kind) brought up to date: failed or run again when its process died, handed
    to the worker again when it waited too long. Returns the object as it is now."""
    kind = kind_of(obj)
    now = timezone.now()
    if _dead(kind, obj, now):
        import_string(kind.on_dead)(obj)
    elif _forgotten(kind, obj, now):
        hand_to_worker(kind, obj.pk)
    else:
        return obj
    obj.refresh_from_db()
    return obj


def reap() -> dict:
    """Every job whose process died, or that waited too long, seen to; {model: count} of those seen to."""
    now = timezone.now()
    out = {}
    for kind in kinds():
        n = 0
        for obj in kind.manager.filter(**{f"{kind.state}__in": [*kind.running, kind.waiting]}).order_by("pk"):
            if _dead(kind, obj, now):
                import_string(kind.on_dead)(obj)
                n += 1
            elif _forgotten(kind, obj, now):
                hand_to_worker(kind, obj.pk)
                n += 1
        out[kind.model] = n
    return out
