"""The registration's typed timeline (from-status, to-status, reason)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registration', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='RegistrationEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='thời điểm')),
                ('verb', models.CharField(max_length=20, verbose_name='thao tác')),
                ('from_status', models.CharField(blank=True, choices=[('draft', 'Đang soạn'), ('submitted', 'Đã gửi đăng ký'), ('no_need', 'Không có nhu cầu thi đua, khen thưởng'), ('reopened', 'Được mở lại')], max_length=12, verbose_name='từ trạng thái')),
                ('to_status', models.CharField(blank=True, choices=[('draft', 'Đang soạn'), ('submitted', 'Đã gửi đăng ký'), ('no_need', 'Không có nhu cầu thi đua, khen thưởng'), ('reopened', 'Được mở lại')], max_length=12, verbose_name='sang trạng thái')),
                ('reason', models.TextField(blank=True, verbose_name='lý do')),
                ('data', models.JSONField(blank=True, default=dict)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='registration.registration')),
            ],
            options={
                'verbose_name': 'diễn biến đăng ký thi đua',
                'verbose_name_plural': 'diễn biến đăng ký thi đua',
                'ordering': ['at', 'id'],
            },
        ),
    ]
