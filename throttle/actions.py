"""The one rate limiter of the public forms: ``hit`` counts a request and says whether it may go on.

    from throttle import actions as throttle
    verdict = throttle.hit("verify-address", address, limit=20, window_seconds=60)
    if not verdict:            # Refused: verdict.retry_after (seconds), verdict.wait ("45 giây")
        ...

Counts live in the database (``throttle.models.Bucket``), so every web process shares them,
on SQLite as on PostgreSQL, with no outside service. A window is fixed (an hour's limit
counts from the top of the hour). Each count is one atomic statement — an ``INSERT … ON
CONFLICT DO UPDATE SET count = count + 1 RETURNING count`` — and a request is first checked
against the counts without writing, so a refused request writes nothing, not even a count;
two requests racing past the check are settled by the upsert, and the one that went over is
rolled back. When a key starts a new window the rows of ended windows are deleted.

Called inside an action's transaction (a comment), the counts commit or roll back with it:
a comment refused for its fields counts for nothing.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from .limits import Limit, wait_text
from .models import Bucket

SWEEP_GRACE_SECONDS = 60  # web processes on several machines may disagree on the time by that much


class Allowed:
    def __bool__(self):
        return True

    def __repr__(self):
        return "Allowed"


ALLOWED = Allowed()


@dataclass(frozen=True)
class Refused:
    scope: str
    retry_after: int  # seconds until the window that refused ends

    def __bool__(self):
        return False

    @property
    def wait(self) -> str:
        return wait_text(self.retry_after)


class Throttled(Exception):
    """An action refused by a limit: the view answers HTTP 429 with ``message`` (Vietnamese) and Retry-After."""

    def __init__(self, refused: Refused, message: str):
        super().__init__(message)
        self.refused = refused
        self.message = message


class _Overtaken(Exception):
    def __init__(self, refused):
        self.refused = refused


def _now() -> int:
    return int(timezone.now().timestamp())


def hit(scope: str, key, limit: int, window_seconds: int) -> Allowed | Refused:
    """Count one request of ``key`` in ``scope``: Allowed while at most ``limit`` in the window, else Refused."""
    return hit_all([Limit(scope, str(key), limit, window_seconds)])


def hit_all(limits) -> Allowed | Refused:
    """Count one request against every limit (None: a limit turned off), all or none of them."""
    limits = [lim for lim in limits if lim is not None]
    now = _now()
    refused = _full(limits, now)
    if refused is not None:  # a Refused is falsy: compare with None
        return refused
    try:
        with transaction.atomic():
            for lim in limits:
                count = _bump(lim, now)
                if count == 1:
                    sweep(now)
                if count > lim.limit:
                    raise _Overtaken(Refused(lim.scope, lim.retry_after(now)))
    except _Overtaken as e:
        return e.refused
    return ALLOWED


def peek(limits) -> Allowed | Refused:
    """Whether a request would be refused now, without counting it."""
    refused = _full([lim for lim in limits if lim is not None], _now())
    return ALLOWED if refused is None else refused


def sweep(now: int | None = None) -> int:
    """Delete the counts of windows that have ended; how many rows went."""
    now = _now() if now is None else now
    deleted, _ = Bucket.objects.filter(expires__lt=now - SWEEP_GRACE_SECONDS).delete()
    return deleted


def _full(limits, now) -> Refused | None:
    """The refusal of the limit already reached that frees last, or None."""
    if not limits:
        return None
    where = Q()
    for lim in limits:
        where |= Q(scope=lim.scope, key=lim.key, window_start=lim.window_start(now))
    counts = {(b.scope, b.key): b.count for b in Bucket.objects.filter(where).only("scope", "key", "count")}
    full = [lim for lim in limits if counts.get((lim.scope, lim.key), 0) >= lim.limit]
    if not full:
        return None
    worst = max(full, key=lambda lim: lim.retry_after(now))
    return Refused(worst.scope, worst.retry_after(now))


def _bump(lim: Limit, now: int) -> int:
    """Add one to the count of ``lim``'s window, creating it at one; the count after. One statement."""
    q = connection.ops.quote_name
    table = q(Bucket._meta.db_table)
    start = lim.window_start(now)
    sql = (f"INSERT INTO {table} ({q('scope')}, {q('key')}, {q('window_start')}, {q('expires')}, {q('count')}) "
           f"VALUES (%s, %s, %s, %s, 1) "
           f"ON CONFLICT ({q('scope')}, {q('key')}, {q('window_start')}) "
           f"DO UPDATE SET {q('count')} = {table}.{q('count')} + 1 RETURNING {q('count')}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [lim.scope, lim.key, start, start + lim.window_seconds])
        return cursor.fetchone()[0]
