"""What plans tell the rooms that depend on them, without importing them."""

from django.dispatch import Signal

# A plan's registration deadline moved later, before the new one passed: sent inside the
# milestone's transaction with ``milestone`` (its new ``due_on``) and ``acting_user``.
registration_deadline_extended = Signal()
