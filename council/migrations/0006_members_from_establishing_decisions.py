import math
from decimal import Decimal

from django.db import migrations

# The roles that granted the vote (org.duties.ROLE_DUTIES when this was written).
VOTING_ROLES = ["council_member"]
NOTE = ("Tạo tự động khi chuyển sang quản lý thành viên theo quyết định thành lập, kiện toàn Hội đồng: danh sách lấy từ "
        "các tài khoản thành viên Hội đồng. Hãy nhập số, ngày ký, chức danh trong Hội đồng và nhiệm kỳ theo quyết định.")


def _name(user):
    return (user.full_name or user.username)[:200]


def forwards(apps, schema_editor):
    """Every existing council keeps working: each authority with meetings, or with accounts holding the vote there,
    gets an establishing decision "chưa nhập số" in force since always, listing those accounts; each meeting's
    members get their names; receipts and recusals point at the meeting's member instead of the account."""
    Unit = apps.get_model("org", "Unit")
    Membership = apps.get_model("org", "Membership")
    User = apps.get_model("accounts", "User")
    Meeting = apps.get_model("council", "Meeting")
    Member = apps.get_model("council", "Member")
    Receipt = apps.get_model("council", "Receipt")
    Recusal = apps.get_model("council", "Recusal")
    Tally = apps.get_model("council", "Tally")
    Establishment = apps.get_model("council", "Establishment")
    Seat = apps.get_model("council", "Seat")

    # Members of past meetings: their names (and person) as the accounts read.
    users = {u.pk: u for u in User.objects.filter(pk__in=Member.objects.values("user_id"))}
    for member in Member.objects.all().order_by("id"):
        u = users.get(member.user_id)
        if u is not None:
            member.name, member.person_id = _name(u), u.person_id
            member.save(update_fields=["name", "person"])

    def member_of(meeting_id, user_id):
        member = Member.objects.filter(meeting_id=meeting_id, user_id=user_id).first()
        if member is None:  # a receipt or recusal of an account that was not called (data from before)
            u = User.objects.get(pk=user_id)
            member = Member.objects.create(meeting_id=meeting_id, user_id=user_id, name=_name(u), person_id=u.person_id)
        return member

    for r in Receipt.objects.filter(member__isnull=True).order_by("id"):
        r.member = member_of(r.meeting_id, r.user_id)
        r.save(update_fields=["member"])
    for r in Recusal.objects.filter(member__isnull=True).order_by("id"):
        member = member_of(r.meeting_id, r.user_id)
        nominee = member.person_id is not None and r.line.person_id == member.person_id
        r.member, r.kind = member, "nominee" if nominee else "declared"
        r.save(update_fields=["member", "kind"])

    # Closed ballots: the rule they were judged by, as it was then (secret: ≥ its threshold; others: more than it).
    for t in Tally.objects.filter(passed__isnull=False).select_related("meeting"):
        pct = Decimal(t.threshold_pct or 50)
        base = t.meeting.members_count
        exact = pct * base / 100
        strict = not t.secret
        t.op = ">" if strict else ">="
        t.base, t.needed = base, int(exact) + 1 if strict and exact == int(exact) else math.ceil(exact)
        t.save(update_fields=["op", "base", "needed"])

    # One establishing decision per council in use.
    authority_ids = set(Meeting.objects.values_list("authority_id", flat=True))
    authority_ids |= set(Membership.objects.filter(role__in=VOTING_ROLES).values_list("unit_id", flat=True))
    for unit in Unit.objects.filter(pk__in=authority_ids).order_by("path"):
        accounts = list(User.objects.filter(is_active=True, memberships__unit=unit, memberships__role__in=VOTING_ROLES)
                        .distinct().order_by("id"))
        if not accounts:
            last = Meeting.objects.filter(authority=unit).order_by("-date", "-id").first()
            accounts = [User.objects.get(pk=m.user_id) for m in Member.objects.filter(meeting=last, user__isnull=False).order_by("id")]
        est = Establishment.objects.create(authority=unit, kind="establish", number="", note=NOTE)
        seats = {}
        for i, u in enumerate(accounts, start=1):
            seats[u.pk] = Seat.objects.create(establishment=est, position=i, full_name=_name(u), role="member", user=u,
                                              person_id=u.person_id)
        Meeting.objects.filter(authority=unit).update(establishment=est)
        for member in Member.objects.filter(meeting__authority=unit, user_id__in=list(seats)):
            member.seat, member.title = seats[member.user_id], member.title or "Ủy viên"
            member.save(update_fields=["seat", "title"])


def backwards(apps, schema_editor):
    Receipt = apps.get_model("council", "Receipt")
    Recusal = apps.get_model("council", "Recusal")
    for model in (Receipt, Recusal):
        for r in model.objects.select_related("member").order_by("id"):
            r.user_id = r.member.user_id
            r.save(update_fields=["user"])
        model.objects.filter(user__isnull=True).delete()  # members without an account had none before


class Migration(migrations.Migration):

    dependencies = [
        ("council", "0005_council_establishment_seats_paper_counts"),
        ("org", "0005_import_job_kind"),
        ("accounts", "0003_username_ascii"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
