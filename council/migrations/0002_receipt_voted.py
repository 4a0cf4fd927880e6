from django.db import migrations, models


class Migration(migrations.Migration):
    """Receipts written for every member when the ballot opens and flipped by the ballot (the order of voting is
    no longer in their ids): a ``voted`` flag, and the channel as a one-byte code (``channel_code``, renamed to
    ``channel`` in 0004) so that a receipt keeps its size, and its place in a SQLite page, when flipped."""

    dependencies = [
        ("council", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="receipt",
            name="voted",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="receipt",
            name="channel_code",
            field=models.PositiveSmallIntegerField(
                choices=[(2, "Chưa bỏ phiếu"), (3, "Bỏ phiếu trên hệ thống"), (4, "Phiếu giấy (thư ký nhập)"),
                         (5, "Phiếu gửi của thành viên vắng mặt (thư ký nhập)")],
                default=2),
        ),
    ]
