"""The year's eligibility results, kept ready for the screens.

The engine decides a whole city in tens of seconds; a page must answer in a
fraction of one. So the worker keeps, per year, one row per (subject, unit it
belongs to that year) with the awards decided as bit masks, and recomputes
only the units whose inputs changed (eligibility/results.py). The reasons are
not stored: a page works them out for the rows it shows. The command line and
the exports compute fresh.
"""

from django.db import models


class Result(models.Model):
    """A person or collective's decisions for a year, placed under one unit.

    A person who worked in several units during the year has one row per unit
    (``rank`` 0 for the first); a unit's list shows them once."""

    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=1)  # "p" person, "u" collective
    subject_id = models.BigIntegerField()
    unit_id = models.BigIntegerField()
    path = models.CharField(max_length=255)  # the unit's tree path, for "under this unit"
    rank = models.PositiveSmallIntegerField(default=0)
    sort_key = models.CharField(max_length=600)
    evaluated = models.BigIntegerField(default=0)  # bit award_type_id: decided for this subject
    eligible = models.BigIntegerField(default=0)   # bit award_type_id: eligible
    # Collectives only: {award code: [met, unmet]} as sentences. A collective's reasons need every
    # member's answers (a ward office may have thousands), so they are written when computed.
    reasons = models.JSONField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["year", "kind", "path"], name="elig_result_path"),
            models.Index(fields=["year", "kind", "sort_key"], name="elig_result_sort"),
            models.Index(fields=["year", "kind", "subject_id"], name="elig_result_subject"),
        ]


class ResultRun(models.Model):
    """A year whose results are kept: when they were last brought up to date, and what they had seen."""

    year = models.PositiveSmallIntegerField(unique=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    last_event_id = models.BigIntegerField(default=0)  # audit events up to this one are reflected
    watermark = models.JSONField(default=dict)  # highest row id of each input table at that time
    pending = models.BooleanField(default=True)  # a recomputation is queued or running
    queued_at = models.DateTimeField(null=True, blank=True)
    full = models.BooleanField(default=True)  # everything must be recomputed


class StaleUnit(models.Model):
    """A unit whose people's or own inputs changed since the year's results were computed."""

    year = models.PositiveSmallIntegerField()
    unit_id = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "unit_id"], name="elig_stale_unique")]


class ResultCount(models.Model):
    """How many people (kind "p") or collectives ("u") under a unit, and how many eligible for each award.

    ``counts``: {"all": n, "any": eligible for something, "e<award id>": eligible, "v<award id>": decided}.
    A person placed under several units of the subtree counts once."""

    year = models.PositiveSmallIntegerField()
    unit_id = models.BigIntegerField()
    kind = models.CharField(max_length=1)
    counts = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "unit_id", "kind"], name="elig_count_unique")]
