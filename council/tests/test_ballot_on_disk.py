"""Secrecy of the ballot in the database FILES, not only in the tables (issue 13, item 3).

Replaying the frames of a SQLite write-ahead log showed a member's receipt written together with a line's
counts going 1/0/0, then another member's with 1/1/0: who voted how. And receipts numbered as they were
written gave the order of voting. Here a meeting is held in a real SQLite file (a separate process: the
tests' own database is in memory and has no log), two members vote opposite ways on screen and a third on
paper (the secretary enters the counting group's totals, issue 14), and after each ballot the log holds no
frame, freed pages are overwritten, and the receipts are the same whoever voted first.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from council import actions
from tdkt.testing.dossiers import dossier_at_council

from .helpers import all_lines, convene, council_of, table_pages, wal_frames

ROOT = Path(settings.BASE_DIR)


def _env(db_file: Path, data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY")}
    env.update({"DATABASE_URL": f"sqlite:///{db_file}", "TDKT_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "tdkt.settings"})
    return env


def _tdkt(args, db_file, data_dir):
    result = subprocess.run([sys.executable, "-m", "django", *args], cwd=ROOT, env=_env(db_file, data_dir),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """An empty, migrated database file, copied for each run."""
    where = tmp_path_factory.mktemp("migrated")
    db_file = where / "x.sqlite3"
    _tdkt(["migrate", "-v0"], db_file, where)
    assert not Path(f"{db_file}-wal").exists() or Path(f"{db_file}-wal").stat().st_size == 0
    return db_file


def _hold_meeting(migrated, where: Path, order: str):
    where.mkdir()
    db_file = where / "x.sqlite3"
    shutil.copyfile(migrated, db_file)
    code = f"from council.tests.helpers import ballot_on_disk; ballot_on_disk({order!r}, {str(where)!r})"
    _tdkt(["shell", "--no-imports", "-c", code], db_file, where)
    return db_file, json.loads((where / "observations.json").read_text())


@pytest.fixture(scope="module")
def held(migrated, tmp_path_factory):
    """The same meeting held twice: member a votes first, then member b first."""
    where = tmp_path_factory.mktemp("held")
    return {order: _hold_meeting(migrated, where / order, order) for order in ("ab", "ba")}


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_after_each_ballot_the_log_holds_no_frame_to_replay(held, order):
    db_file, seen = held[order]
    for n, after in enumerate(seen["after"], start=1):
        copy = db_file.with_name(f"wal-{n}")
        data = copy.read_bytes() if copy.exists() else b""
        assert wal_frames(data) == [], f"after the ballot of member {after['voter']}, the -wal file holds frames of pages {wal_frames(data)}"
        assert len(data) in (0, 32), f"after the ballot of member {after['voter']}, {len(data)} bytes in the -wal file"


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_freed_pages_are_overwritten(held, order):
    _db_file, seen = held[order]
    assert [after["secure_delete"] for after in seen["after"]] == [1, 1, 1]


def test_the_paper_count_is_one_of_the_steps_checked(held):
    """The secretary's entry of the paper totals (member c) leaves the log empty like a screen ballot."""
    for order in ("ab", "ba"):
        _db_file, seen = held[order]
        assert [after["voter"] for after in seen["after"]] == [*order, "c"]


def test_the_receipts_do_not_tell_who_voted_first(held):
    (file_ab, ab), (file_ba, ba) = held["ab"], held["ba"]
    assert ab["users"] == ba["users"]
    # The receipts' ids after the two ballots are the same whoever voted first…
    assert ab["after"][-1]["receipts"] == ba["after"][-1]["receipts"]
    # …and so is every byte of the receipts' and the counts' pages in the database file.
    assert table_pages(file_ab, "council_receipt") == table_pages(file_ba, "council_receipt")
    assert table_pages(file_ab, "council_tally") == table_pages(file_ba, "council_tally")


def test_a_log_kept_busy_by_a_reader_is_tried_again_then_said_in_the_log(tmp_path, caplog, monkeypatch):
    import sqlite3

    from council import disk

    db_file = tmp_path / "busy.sqlite3"
    writer = sqlite3.connect(db_file, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE t (x)")
    reader = sqlite3.connect(db_file, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM t").fetchall()  # a page being read: its snapshot is older than the next write
    writer.execute("INSERT INTO t VALUES (1)")
    monkeypatch.setattr(disk, "CHECKPOINT_WAIT_MS", 10)
    assert disk.truncate_log(writer) is False
    assert [r.getMessage() for r in caplog.records] == [
        f"council ballot: the SQLite write-ahead log could not be truncated after {disk.CHECKPOINT_TRIES} tries (readers kept "
        "it busy); it keeps the last writes until the next ballot or checkpoint truncates it"]
    assert writer.execute("PRAGMA busy_timeout").fetchone()[0] == 5000  # the connection's own wait, given back
    reader.execute("COMMIT")
    assert disk.truncate_log(writer) is True
    assert Path(f"{db_file}-wal").stat().st_size == 0
    writer.close()
    reader.close()


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_closing_leaves_no_row_version_that_orders_the_ballots(world):
    """Each ballot committed on its own, the last member first: after the close, every receipt and count of the
    meeting carries the same transaction id, and the rows lie in member and line order, the dead versions gone."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's row versions (SQLite's files are tested above)")
    members = council_of(world)
    m = convene(world, [dossier_at_council(world, [world.thinh])])
    for member, choice in zip(reversed(members), ("agree", "disagree", "abstain")):
        actions.ballot_cast(acting_user=member, meeting=m, choices=all_lines(m, choice))
    with connection.cursor() as c:
        c.execute("SELECT pg_relation_filenode('council_receipt'), pg_relation_filenode('council_tally')")
        files_before = c.fetchone()
    actions.ballot_close(acting_user=world.users["ward_specialist"], meeting=m)
    with connection.cursor() as c:
        c.execute("SELECT xmin::text, member_id FROM council_receipt WHERE meeting_id = %s ORDER BY ctid", [m.pk])
        receipts = c.fetchall()
        c.execute("SELECT xmin::text, line_id FROM council_tally WHERE meeting_id = %s ORDER BY ctid", [m.pk])
        tallies = c.fetchall()
        c.execute("SELECT pg_relation_filenode('council_receipt'), pg_relation_filenode('council_tally')")
        files_after = c.fetchone()
    assert [member_id for _xmin, member_id in receipts] == sorted(m.members.values_list("pk", flat=True))
    assert len({xmin for xmin, _user in receipts} | {xmin for xmin, _line in tallies}) == 1
    assert [line_id for _xmin, line_id in tallies] == sorted(line_id for _xmin, line_id in tallies)
    # Both tables were rewritten into new files: the old ones, with every version of every row, are gone.
    assert all(before != after for before, after in zip(files_before, files_after))
