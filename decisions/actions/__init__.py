"""Every write of decisions, in three parts: the awards in the history (history.py: recording one given in the past,
one achievement rewarded once), issuing a decision (issuing.py: a decision knows no dossier — dossiers.decide says
which awards it gives), revoking (decisions/revocation.py: a decision of the authority that awarded) and recording
what a revoked award's recipient paid back (recovery.py)."""

from .history import (  # noqa: F401
    Wanted, achievement_key, award_delete, award_record, awards_held, awards_write, describe, held_message,
    initiative_conflicts,
)
from .issuing import (  # noqa: F401
    VERIFY_ALPHABET, decision_create, default_subject, decision_files_again, header_errors, new_verify_code, register_numbers_assign,
)
from .recovery import recovered_so_far, recovery_record  # noqa: F401
from documents.nd30 import document_number, document_symbol  # noqa: F401,E402
