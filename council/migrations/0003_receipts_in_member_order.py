from django.db import migrations, transaction

CODES = {"screen": 3, "paper": 4, "written": 5}


def receipts_in_member_order(apps, schema_editor):
    """Each opened meeting's receipts written again, one per member in member order: the receipts of members who
    voted flipped, the others not. The old rows, numbered in the order of voting, are deleted."""
    Meeting = apps.get_model("council", "Meeting")
    Receipt = apps.get_model("council", "Receipt")
    for meeting in Meeting.objects.exclude(status="planned").order_by("id"):
        counted = dict(Receipt.objects.filter(meeting=meeting).values_list("user_id", "channel"))
        users = list(meeting.members.order_by("id").values_list("user_id", flat=True))
        users += sorted(set(counted) - set(users))
        Receipt.objects.filter(meeting=meeting).delete()
        Receipt.objects.bulk_create([Receipt(meeting=meeting, user_id=u, voted=u in counted,
                                             channel_code=CODES.get(counted.get(u), 2)) for u in users])
    conn = schema_editor.connection
    if conn.vendor == "sqlite":
        # Once committed, nothing of the old rows left in the write-ahead log (council/disk.py).
        def truncate_log():
            with conn.cursor() as c:
                c.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        transaction.on_commit(truncate_log, using=conn.alias)


class Migration(migrations.Migration):

    dependencies = [
        ("council", "0002_receipt_voted"),
    ]

    operations = [
        migrations.RunPython(receipts_in_member_order, migrations.RunPython.noop),
    ]
