"""The rate limiter's counters: one row per scope, key and fixed window.

A row counts the requests of one key (a client address, a disclosure) in one window of a
scope ("comment-address", "verify-address"…). Rows are incremented by one atomic upsert
(``throttle.actions``), so several web processes on SQLite or PostgreSQL share the count
without any outside service; rows whose window has ended are swept on the fly.
"""

from django.db import models


class Bucket(models.Model):
    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=100)
    window_start = models.BigIntegerField()  # Unix seconds, a multiple of the window's length
    expires = models.BigIntegerField(db_index=True)  # Unix seconds: the end of the window
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "bộ đếm lượt gửi"
        verbose_name_plural = "bộ đếm lượt gửi"
        constraints = [models.UniqueConstraint(fields=["scope", "key", "window_start"], name="throttle_one_bucket")]

    def __str__(self):
        return f"{self.scope} {self.key} @{self.window_start}: {self.count}"
