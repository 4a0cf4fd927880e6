import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Receipts and recusals belong to the meeting's member (who may have no account), no longer to an account."""

    dependencies = [
        ("council", "0006_members_from_establishing_decisions"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="receipt", name="council_one_ballot"),
        migrations.RemoveConstraint(model_name="recusal", name="council_recuse_once"),
        migrations.RemoveField(model_name="receipt", name="user"),
        migrations.RemoveField(model_name="recusal", name="user"),
        migrations.AlterField(
            model_name="receipt", name="member",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="receipts", to="council.member"),
        ),
        migrations.AlterField(
            model_name="recusal", name="member",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="recusals", to="council.member"),
        ),
        migrations.AddConstraint(
            model_name="receipt",
            constraint=models.UniqueConstraint(fields=("meeting", "member"), name="council_one_ballot"),
        ),
        migrations.AddConstraint(
            model_name="recusal",
            constraint=models.UniqueConstraint(fields=("meeting", "line", "member"), name="council_recuse_once"),
        ),
    ]
