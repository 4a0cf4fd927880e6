"""Which process works on a job, and whether it is still alive.

A job that a process takes (an import, an export, a decision's files) records that process as its ``runner``:
"host:pid:start" (the start is the process's start time in clock ticks since boot, from /proc, so that a new
process that happens to get the same pid is not taken for the old one). On the same host the answer is exact:
the process either still exists with that start time or it does not (kill -9, a crash, a restart). A job run
on another host is judged by its heartbeat (``beat_at``, written with every progress report): silent for
longer than TDKT_JOB_STALE_SECONDS (default 600) means dead.
"""

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

HOST = socket.gethostname()


def _start_ticks(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return None
    # The name (field 2) may hold spaces and parentheses: count the fields from the last ")".
    # After it come field 3 (state) onwards; the start time is field 22.
    return data.rsplit(b")", 1)[1].split()[19].decode()


def me() -> str:
    """This process, as a job records it."""
    pid = os.getpid()
    return f"{HOST}:{pid}:{_start_ticks(pid) or ''}"


def stale_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "TDKT_JOB_STALE_SECONDS", 600)))


def is_dead(runner: str, beat_at, now=None) -> bool:
    """Has the process named by ``runner`` gone (a job nobody took yet is not dead: it waits)?"""
    if not runner:
        return False
    host, pid, start = runner.rsplit(":", 2)
    if host == HOST and start and pid.isdigit():
        return _start_ticks(int(pid)) != start
    return beat_at is None or (now or timezone.now()) - beat_at > stale_after()
