"""Builders shared by the council's tests.

``ballot_on_disk`` runs in a separate process (``tdkt shell -c``) against a real SQLite FILE
(``DATABASE_URL``), where the write-ahead log and the pages exist on disk as an operator would find them;
the in-memory test database has neither.
"""

import json
import shutil
import struct
from pathlib import Path


def council_of(world, count=3, without_account=()):
    """Ward A's council, established by a decision: the persona ``council``, ``count - 1`` more members with an
    account, then the members named in ``without_account`` (no account: they vote on paper)."""
    from org.models import Role
    from tdkt.testing import user
    from tdkt.testing.council import establish

    members = [world.users["council"]] + [user(f"hoidong{i}", Role.COUNCIL_MEMBER, world.ward_a, full_name=f"Thành viên {i}")
                                          for i in range(2, count + 1)]
    establish(world.ward_a, members, without_account=without_account)
    return members


def convene(world, dossiers, title="Phiên họp tổng kết năm 2025", open_ballot=True):
    """A meeting of ward A's council on ``dossiers``, every member present, its ballot open."""
    from council import actions
    from council.selectors import in_force
    from tdkt.testing.council import establish

    office = world.users["ward_specialist"]
    if in_force(world.ward_a, dossiers[0].updated_at.date()) is None:
        establish(world.ward_a)  # every account holding the council member role there
    m = actions.meeting_create(acting_user=office, authority=world.ward_a, title=title,
                               date=dossiers[0].updated_at.date(), dossiers=dossiers)
    actions.attendance_set(acting_user=office, meeting=m, present_member_ids=list(m.members.values_list("pk", flat=True)))
    if open_ballot:
        actions.ballot_open(acting_user=office, meeting=m)
    return m


def all_lines(meeting, choice):
    """A ballot giving ``choice`` on every line of the meeting."""
    return {str(line_id): choice for line_id in meeting.tallies.values_list("line_id", flat=True)}


def ballot_on_disk(order: str, out: str) -> None:
    """Ward A's council of three (all present) on a dossier of two lines; members ``a`` (the persona
    ``council``) and ``b`` vote opposite ways on screen, in ``order`` ("ab" or "ba"), then member ``c`` on paper (the
    secretary enters the counting group's totals). After each ballot: a copy of the -wal file as it is then
    (``wal-1`` … ``wal-3``) and ``observations.json`` with the connection's
    ``PRAGMA secure_delete`` and the receipts' (rowid, member) pairs."""
    from django.db import connection
    from django.test import override_settings

    from council import actions
    from org.models import Person, Role
    from tdkt.testing import build_world, user
    from tdkt.testing.council import establish
    from tdkt.testing.dossiers import dossier_at_council

    out = Path(out)
    db_file = Path(connection.settings_dict["NAME"])
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        world = build_world()
        members = {"a": world.users["council"], "b": user("hoidong2", Role.COUNCIL_MEMBER, world.ward_a),
                   "c": user("hoidong3", Role.COUNCIL_MEMBER, world.ward_a)}
    establish(world.ward_a, list(members.values()))
    dossier = dossier_at_council(world, [world.thinh, Person.objects.get(code="CB0002")])
    office = world.users["ward_specialist"]
    m = actions.meeting_create(acting_user=office, authority=world.ward_a, title="Phiên họp tổng kết năm 2025",
                               date=dossier.updated_at.date(), dossiers=[dossier])
    actions.attendance_set(acting_user=office, meeting=m, present_user_ids=[u.pk for u in members.values()])
    actions.ballot_open(acting_user=office, meeting=m)
    lines = [str(i) for i in m.tallies.order_by("line__position").values_list("line_id", flat=True)]
    choice = {"a": "agree", "b": "disagree"}
    observations = {"users": {k: m.members.get(user=u).pk for k, u in members.items()}, "after": []}
    # After the two screen ballots, member c's paper ballot, entered by the secretary as the counting group's totals.
    steps = [(who, lambda who=who: actions.ballot_cast(acting_user=members[who], meeting=m,
                                                        choices={line: choice[who] for line in lines})) for who in order]
    paper = m.members.get(user=members["c"])
    steps.append(("c", lambda: actions.paper_count_enter(acting_user=office, meeting=m, handed_out=1, received=1,
                                                        member_ids=[paper.pk], totals={line: {"abstain": 1} for line in lines})))
    for n, (who, step) in enumerate(steps, start=1):
        step()
        wal = db_file.with_name(db_file.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, out / f"wal-{n}")
        with connection.cursor() as c:
            c.execute("PRAGMA secure_delete")
            secure_delete = c.fetchone()[0]
            c.execute("SELECT rowid, member_id FROM council_receipt ORDER BY rowid")
            receipts = [list(row) for row in c.fetchall()]
        observations["after"].append({"voter": who, "secure_delete": secure_delete, "receipts": receipts})
    (out / "observations.json").write_text(json.dumps(observations))


def wal_frames(data: bytes) -> list[int]:
    """The page numbers of every frame a -wal file holds, current or left over from before a reset:
    a 32-byte header (page size at offset 8), then frames of a 24-byte header (page number first) and a page."""
    if not data:
        return []
    magic, _version, page_size = struct.unpack(">III", data[:12])
    assert magic in (0x377F0682, 0x377F0683), f"not a WAL file (magic {magic:#x})"
    frame = 24 + page_size
    return [struct.unpack(">I", data[at:at + 4])[0] for at in range(32, len(data) - frame + 1, frame)]


def table_pages(db_file: Path, table: str) -> bytes:
    """The bytes of a small table's b-tree in the database file: its root page, which must be a leaf."""
    import sqlite3

    with sqlite3.connect(db_file) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    conn.close()
    with open(db_file, "rb") as f:
        f.seek((root - 1) * page_size)
        page = f.read(page_size)
    assert page[0] == 0x0D, f"{table} spans more than one page"
    return page


def city_dossier_at_council(world, people, award="CSTD_TINH", year=2025):
    """A dossier of ward A to the city proposing ``people`` for ``award`` (each line justified, its report attached),
    appraised, its public disclosure over, waiting for the city's council."""
    from dossiers import actions
    from dossiers.models import Dossier, DocumentKind
    from rulebook.models import AwardType
    from tdkt.testing.dossiers import pdf, rate

    officer, office = world.users["officer_a"], world.users["specialist"]
    rate(people, year)
    d = actions.dossier_create(acting_user=officer, unit=world.ward_a, authority=world.city, year=year,
                               title=f"Đề nghị khen thưởng cấp Thành phố năm {year}")
    actions.lines_add(acting_user=officer, dossier=d, items=[
        {"person": p, "award_type": AwardType.objects.get(code=award), "summary": "Có sáng kiến cấp Thành phố"} for p in people])
    for ln in d.lines.all():
        actions.line_update(acting_user=officer, line=ln, justification="Đã có xác nhận sáng kiến cấp Thành phố")
        actions.attachment_add(acting_user=officer, dossier=d, kind=DocumentKind.REPORT, line=ln, upload=pdf())
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        actions.attachment_add(acting_user=officer, dossier=d, kind=kind, upload=pdf())
    actions.dossier_submit(acting_user=officer, dossier=d)
    actions.dossier_receive(acting_user=office, dossier=d)
    d = actions.dossier_appraise(acting_user=office, dossier=d)
    if d.disclosure_until:  # the list was published; its days are over
        Dossier.objects.filter(pk=d.pk).update(disclosure_until=d.disclosure_until.replace(year=d.disclosure_until.year - 1))
        d = actions.disclosure_close(acting_user=office, dossier=d)
    return d
