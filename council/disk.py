"""What a ballot leaves in the database's FILES, beyond its tables.

The tables hold no link between a member and a choice (``council/models.py``), but the engines keep
copies of what they wrote:

- SQLite (the embedded default, WAL mode): the -wal file holds every page a transaction wrote, the receipt
  page and the counts page of one ballot side by side; a checkpoint copies them into the database but leaves
  them in the log, and a log that restarts overwrites from its start, leaving older frames past its new end.
  So after every ballot the log is checkpointed and cut to 0 bytes (``truncate_log``), and freed space is
  overwritten with zeros (``PRAGMA secure_delete=ON``, tdkt/settings.py).
- PostgreSQL: an UPDATE leaves the old row version in the table (with the transaction's id in xmin/xmax,
  shared by the receipt and the counts of one ballot) until VACUUM, and even after VACUUM its bytes may stay in
  the page's free space; a live receipt's xmin and place (ctid) follow the order of voting. When a ballot closes,
  every receipt and count of the meeting is rewritten by the closing transaction (one xmin for all), and after it
  commits both tables are rewritten in key order without their dead versions (``compact_tables``: CLUSTER,
  which is VACUUM FULL writing the rows in the order of the (meeting, member) and (meeting, line) keys).
  What stays outside the tables (the server's WAL, archives, replicas, statement logs) is the operator's: see the
  README, "Secrecy of the ballot".

Neither function raises: the ballot is counted and committed before they run. They log, without any ballot
content, when they could not do their work.
"""

import logging
import time

from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

CHECKPOINT_TRIES = 5
CHECKPOINT_WAIT_MS = 200      # how long one try waits for readers and writers (the busy handler)
COMPACT_LOCK_TIMEOUT = "3s"   # how long the rewrite waits for the tables' lock before giving up


def truncate_log(conn=None) -> bool:
    """SQLite: copy the write-ahead log into the database and cut it to 0 bytes, trying again while readers
    make it busy. ``conn`` is a DB-API or Django connection (Django's default one when None). True when done."""
    conn = conn or connection
    cursor = conn.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
        try:
            for attempt in range(CHECKPOINT_TRIES):
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                busy, _log_frames, _copied = cursor.fetchone()
                if not busy:
                    return True
                time.sleep(CHECKPOINT_WAIT_MS / 1000 * (attempt + 1))
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(before)}")
    except Exception:  # the ballot is committed: never fail it here
        logger.warning("council ballot: the SQLite write-ahead log could not be truncated", exc_info=True)
        return False
    finally:
        cursor.close()
    logger.warning("council ballot: the SQLite write-ahead log could not be truncated after %d tries (readers kept it busy); "
                   "it keeps the last writes until the next ballot or checkpoint truncates it", CHECKPOINT_TRIES)
    return False


def compact_tables() -> bool:
    """PostgreSQL: rewrite the receipts and the counts in key order, without the dead versions of their rows.
    Runs outside the ballot's transaction (after it committed); gives up after COMPACT_LOCK_TIMEOUT rather
    than hold up other meetings' ballots. True when done."""
    if connection.in_atomic_block:
        # Inside an outer transaction (a script, a test) the rewrite would hold both tables until it ends.
        logger.warning("council ballot: receipts and counts not compacted (called inside a transaction)")
        return False
    try:
        with transaction.atomic(), connection.cursor() as c:
            c.execute(f"SET LOCAL lock_timeout = '{COMPACT_LOCK_TIMEOUT}'")
            c.execute("CLUSTER council_receipt USING council_one_ballot")
            c.execute("CLUSTER council_tally USING council_one_tally")
    except DatabaseError:
        logger.warning("council ballot: receipts and counts not compacted; run "
                       "CLUSTER council_receipt USING council_one_ballot; CLUSTER council_tally USING council_one_tally",
                       exc_info=True)
        return False
    return True


def after_ballot():
    """Called inside a ballot's transaction: once it commits, leave nothing of it to replay on disk."""
    if connection.vendor == "sqlite":
        transaction.on_commit(truncate_log)


def after_close():
    """Called inside the closing transaction."""
    if connection.vendor == "sqlite":
        transaction.on_commit(truncate_log)  # also what a busy checkpoint after a ballot may have left
    elif connection.vendor == "postgresql":
        transaction.on_commit(compact_tables)
