from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0007_clock_pauses'),
    ]

    operations = [
        migrations.AddField(
            model_name='line',
            name='aside_reason',
            field=models.TextField(blank=True, db_default='', default='', verbose_name='lý do không đề nghị'),
        ),
        migrations.AlterField(
            model_name='line',
            name='outcome',
            field=models.CharField(choices=[('proposed', 'Đề nghị'), ('passed', 'Được Hội đồng thông qua'), ('no_vote', 'Không cần biểu quyết'), ('failed', 'Không được thông qua'), ('forwarded', 'Chuyển cấp trên'), ('awarded', 'Đã khen thưởng'), ('sent_central', 'Đã trình cấp Trung ương'), ('not_awarded', 'Cấp Trung ương không khen thưởng'), ('dropped', 'Không đưa vào quyết định'), ('set_aside', 'Không đề nghị')], default='proposed', max_length=12, verbose_name='kết quả'),
        ),
    ]
