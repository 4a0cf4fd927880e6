"""The kinds of criterion the rulebook may name, one module per family.

Importing this package registers every kind (``REGISTRY``: kind -> factory).
How to add one: README.md, "Thêm một tiêu chí".
"""

from . import awards, collective, composite, initiatives, ratings, tenure  # noqa: F401  (each registers its kinds)
from .base import REGISTRY, Check, Reason, criterion

__all__ = ["REGISTRY", "Check", "Reason", "criterion"]
