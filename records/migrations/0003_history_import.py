import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0002_rating_rating_person_cover'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoryImport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm')),
                ('file_name', models.CharField(max_length=255, verbose_name='tệp')),
                ('counts', models.JSONField(blank=True, default=dict, verbose_name='số dòng')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người nhập')),
            ],
            options={
                'verbose_name': 'lần nhập tệp lịch sử',
                'verbose_name_plural': 'các lần nhập tệp lịch sử',
                'ordering': ['-at', '-id'],
            },
        ),
    ]
