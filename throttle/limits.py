"""What a limit is, how it is written in the settings, and how long a refusal says to wait.

A limit setting reads "N/unit": at most N in each window of one second (``s``), minute (``min``),
hour (``h``) or day (``d``); "10/h" is ten an hour. An empty value or ``off`` turns the limit off.
"""

import hashlib
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

UNITS = {"s": 1, "min": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Limit:
    """At most ``limit`` requests of ``key`` in each window of ``window_seconds`` (fixed windows of ``scope``)."""

    scope: str
    key: str
    limit: int
    window_seconds: int

    def __post_init__(self):
        if self.limit < 1 or self.window_seconds < 1:
            raise ValueError(f"a limit of {self.limit} per {self.window_seconds} s")
        if len(self.key) > 100:  # the column's width; a long key is kept as its digest
            object.__setattr__(self, "key", hashlib.sha256(self.key.encode()).hexdigest())

    def window_start(self, now: int) -> int:
        return now - now % self.window_seconds

    def retry_after(self, now: int) -> int:
        """Seconds until this window ends (at least one)."""
        return max(1, self.window_start(now) + self.window_seconds - now)


def parse_rate(text: str) -> tuple[int, int] | None:
    """"10/h" → (10, 3600); "" or "off" → None (no limit)."""
    text = (text or "").strip().lower()
    if text in ("", "off"):
        return None
    count, _, unit = text.partition("/")
    try:
        n = int(count)
    except ValueError:
        n = 0
    if n < 1 or unit.strip() not in UNITS:
        raise ImproperlyConfigured(f"a limit is written N/unit with N ≥ 1 and unit one of {', '.join(UNITS)} (\"10/h\"), not {text!r}")
    return n, UNITS[unit.strip()]


def configured(setting: str, scope: str, key) -> Limit | None:
    """The limit named by ``setting`` (e.g. ``TDKT_THROTTLE_VERIFY_PER_ADDRESS``) for ``key``, or None when it is off."""
    rate = parse_rate(getattr(settings, setting))
    return Limit(scope, str(key), *rate) if rate else None


def wait_text(seconds: int) -> str:
    """How long to wait, in Vietnamese: "45 giây", "12 phút", "1 giờ 5 phút"."""
    seconds = max(1, int(math.ceil(seconds)))
    if seconds < 60:
        return f"{seconds} giây"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"{minutes} phút"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} giờ {minutes} phút" if minutes else f"{hours} giờ"
