import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0003_award_award_revoked'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='award',
            name='revocation_decision_number',
            field=models.CharField(blank=True, db_default='', default='', max_length=60, verbose_name='số quyết định hủy bỏ'),
        ),
        migrations.AddField(
            model_name='award',
            name='revoked_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người hủy bỏ'),
        ),
        migrations.AddField(
            model_name='award',
            name='revoked_ground',
            field=models.CharField(blank=True, choices=[('a', 'a) Gian dối trong việc kê khai thành tích để được khen thưởng'), ('b', 'b) Thông tin sai sự thật hoặc giả mạo hồ sơ, giấy tờ'), ('c', 'c) Thẩm định, xét, đề nghị khen thưởng trái pháp luật'), ('d', 'd) Có kết luận, quyết định, bản án cho thấy vi phạm đến mức không đủ tiêu chuẩn trong thời gian được tính để khen thưởng')], db_default='', default='', max_length=1, verbose_name='căn cứ hủy bỏ'),
        ),
        migrations.AddField(
            model_name='award',
            name='revoked_reason',
            field=models.TextField(blank=True, db_default='', default='', verbose_name='lý do hủy bỏ'),
        ),
    ]
