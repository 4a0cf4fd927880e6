"""The models moved here from ``movements`` keep their tables (``db_table``): this
migration only tells Django's state about them; the tables were created by
``movements`` 0001 and are handed over by ``movements`` 0003."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('movements', '0002_plan_signer_from_issuer'),
        ('plans', '0001_initial'),
        ('org', '0005_import_job_kind'),
        ('rulebook', '0002_rule_set_short_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Registration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('draft', 'Đang soạn'), ('submitted', 'Đã gửi đăng ký'), ('no_need', 'Không có nhu cầu thi đua, khen thưởng'), ('reopened', 'Được mở lại')], default='draft', max_length=12, verbose_name='trạng thái')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='gửi lúc')),
                        ('closed_on', models.DateField(blank=True, null=True, verbose_name='ghi nhận không có nhu cầu ngày')),
                        ('reopened_until', models.DateField(blank=True, null=True, verbose_name='được đăng ký bổ sung đến hết ngày')),
                        ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='plans.plan')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='org.unit', verbose_name='đơn vị')),
                    ],
                    options={
                        'verbose_name': 'đăng ký thi đua',
                        'verbose_name_plural': 'đăng ký thi đua',
                        'db_table': 'movements_registration',
                    },
                ),
                migrations.CreateModel(
                    name='RegistrationLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('award_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='rulebook.awardtype', verbose_name='danh hiệu, hình thức')),
                        ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='org.person', verbose_name='cá nhân')),
                        ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='registration.registration')),
                        ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.unit', verbose_name='tập thể')),
                    ],
                    options={
                        'db_table': 'movements_registrationline',
                    },
                ),
                migrations.AddConstraint(
                    model_name='registration',
                    constraint=models.UniqueConstraint(fields=('plan', 'unit'), name='registration_once'),
                ),
                migrations.AddConstraint(
                    model_name='registrationline',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('person__isnull', False), ('unit__isnull', True)), models.Q(('person__isnull', True), ('unit__isnull', False)), _connector='OR'), name='line_one_subject'),
                ),
                migrations.AddConstraint(
                    model_name='registrationline',
                    constraint=models.UniqueConstraint(condition=models.Q(('person__isnull', False)), fields=('registration', 'award_type', 'person'), name='line_person_once'),
                ),
                migrations.AddConstraint(
                    model_name='registrationline',
                    constraint=models.UniqueConstraint(condition=models.Q(('unit__isnull', False)), fields=('registration', 'award_type', 'unit'), name='line_unit_once'),
                ),
            ],
            database_operations=[],
        ),
    ]
