"""One transaction per step of a workflow (a dossier's, a cluster's, an exemplar's, a citizen's proposal's).

A database that stays locked past its wait (another long write, mostly on SQLite) is said to the user as a step to
try again, in the app's own words and as the app's own refusal, never as an error page."""

import functools

from django.db import OperationalError, transaction


def one_step(refusal, busy: str):
    """A decorator running the step in one transaction; ``refusal(busy)`` is raised when the database stays locked."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                with transaction.atomic():
                    return fn(*args, **kwargs)
            except OperationalError as e:
                if "locked" not in str(e):
                    raise
                raise refusal(busy) from e
        return wrapper
    return decorate
