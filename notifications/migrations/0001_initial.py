"""The models moved here from ``movements`` keep their tables (``db_table``): this
migration only tells Django's state about them; the tables were created by
``movements`` 0001 and are handed over by ``movements`` 0003."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('movements', '0002_plan_signer_from_issuer'),
        ('plans', '0001_initial'),
        ('org', '0005_import_job_kind'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Holiday',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(unique=True, verbose_name='ngày')),
                        ('name', models.CharField(max_length=120, verbose_name='tên')),
                    ],
                    options={
                        'verbose_name': 'ngày nghỉ lễ',
                        'verbose_name_plural': 'ngày nghỉ lễ',
                        'db_table': 'movements_holiday',
                        'ordering': ['date'],
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=300)),
                        ('body', models.TextField(blank=True)),
                        ('url', models.CharField(blank=True, max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'movements_notification',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['user', 'read_at'], name='movements_n_user_id_964429_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='ReminderLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=20)),
                        ('sent_at', models.DateTimeField(auto_now_add=True)),
                        ('milestone', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='plans.milestone')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.unit')),
                    ],
                    options={
                        'db_table': 'movements_reminderlog',
                        'constraints': [models.UniqueConstraint(fields=('milestone', 'unit', 'kind'), name='reminder_once')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
