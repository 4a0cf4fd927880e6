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
        ('org', '0005_import_job_kind'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Plan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('number', models.CharField(blank=True, help_text='ví dụ 319/KH-HĐTĐKT', max_length=60, verbose_name='số, ký hiệu')),
                        ('issued_on', models.DateField(blank=True, null=True, verbose_name='ngày ban hành')),
                        ('issuer', models.CharField(max_length=255, verbose_name='cơ quan ban hành')),
                        ('place', models.CharField(default='Hà Nội', max_length=80, verbose_name='địa danh')),
                        ('title', models.CharField(max_length=500, verbose_name='trích yếu')),
                        ('purposes', models.TextField(blank=True, verbose_name='mục đích')),
                        ('requirements', models.TextField(blank=True, verbose_name='yêu cầu')),
                        ('content', models.TextField(blank=True, verbose_name='nội dung, nhiệm vụ trọng tâm')),
                        ('recipients', models.TextField(blank=True, help_text='mỗi dòng một nơi nhận', verbose_name='nơi nhận')),
                        ('signer_title', models.TextField(blank=True, default='', help_text='Để trống: theo cơ quan ban hành (default_signer_title).', verbose_name='thẩm quyền, chức vụ người ký')),
                        ('signer_name', models.CharField(blank=True, max_length=120, verbose_name='người ký')),
                        ('status', models.CharField(choices=[('draft', 'Dự thảo'), ('published', 'Đã ban hành')], default='draft', max_length=12, verbose_name='trạng thái')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='ban hành lúc')),
                        ('search_text', models.CharField(default='', editable=False, max_length=600)),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='children', to='plans.plan', verbose_name='thực hiện kế hoạch của cấp trên')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='plans', to='org.unit', verbose_name='cấp ban hành')),
                    ],
                    options={
                        'verbose_name': 'kế hoạch',
                        'verbose_name_plural': 'kế hoạch',
                        'db_table': 'movements_plan',
                        'ordering': ['-year', 'unit__path'],
                    },
                ),
                migrations.CreateModel(
                    name='Milestone',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveIntegerField(default=0)),
                        ('kind', models.CharField(choices=[('registration', 'Đăng ký thi đua'), ('plan', 'Ban hành kế hoạch của đơn vị'), ('initiative', 'Hồ sơ công nhận sáng kiến'), ('cstd', 'Hồ sơ Chiến sĩ thi đua'), ('honours', 'Hồ sơ danh hiệu, kỷ niệm chương'), ('exemplar', 'Đề xuất điển hình tiên tiến'), ('year_end', 'Hồ sơ khen thưởng cuối năm'), ('commendation', 'Hồ sơ đề nghị khen thưởng'), ('other', 'Khác')], default='other', max_length=20, verbose_name='loại')),
                        ('title', models.CharField(max_length=500, verbose_name='nội dung')),
                        ('due_on', models.DateField(verbose_name='hạn cuối (hết ngày)')),
                        ('working_days_before', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='số ngày làm việc trước mốc đó')),
                        ('tracked', models.BooleanField(default=True, verbose_name='theo dõi từng đơn vị thực hiện')),
                        ('note', models.CharField(blank=True, max_length=500, verbose_name='ghi chú')),
                        ('relative_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='dependents', to='plans.milestone', verbose_name='tính từ mốc')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='plans.plan')),
                    ],
                    options={
                        'verbose_name': 'mốc tiến độ',
                        'verbose_name_plural': 'tiến độ',
                        'db_table': 'movements_milestone',
                        'ordering': ['due_on', 'position', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='PlanTask',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveIntegerField(default=0)),
                        ('responsible', models.CharField(max_length=255, verbose_name='đơn vị thực hiện')),
                        ('content', models.TextField(verbose_name='nhiệm vụ')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tasks', to='plans.plan')),
                        ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='org.unit')),
                    ],
                    options={
                        'db_table': 'movements_plantask',
                        'ordering': ['position', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Completion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('done_at', models.DateTimeField(verbose_name='hoàn thành lúc')),
                        ('note', models.CharField(blank=True, max_length=500, verbose_name='ghi chú')),
                        ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.unit')),
                        ('milestone', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='completions', to='plans.milestone')),
                    ],
                    options={
                        'db_table': 'movements_completion',
                        'constraints': [models.UniqueConstraint(fields=('milestone', 'unit'), name='completion_once')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
