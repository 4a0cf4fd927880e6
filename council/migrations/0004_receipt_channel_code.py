from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("council", "0003_receipts_in_member_order"),
    ]

    operations = [
        migrations.RemoveField(model_name="receipt", name="channel"),
        migrations.RenameField(model_name="receipt", old_name="channel_code", new_name="channel"),
    ]
