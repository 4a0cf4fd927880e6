# A revocation is a decision of the authority that awarded (Luật TĐKT 2022, Điều 93.2): drafts prepared by the
# standing office, issued by the signer, each revoked award linked to it.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0007_award_occasion_achievement_signer'),
        ('org', '0006_import_job_tracked'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Revocation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('runner', models.CharField(blank=True, db_default='', default='', max_length=200, verbose_name='tiến trình xử lý')),
                ('beat_at', models.DateTimeField(blank=True, null=True, verbose_name='lần báo tiến độ cuối')),
                ('status', models.CharField(choices=[('draft', 'Dự thảo, chờ ký'), ('issued', 'Đã ban hành')], default='draft', max_length=10, verbose_name='trạng thái')),
                ('ground', models.CharField(choices=[('a', 'a) Gian dối trong việc kê khai thành tích để được khen thưởng'), ('b', 'b) Thông tin sai sự thật hoặc giả mạo hồ sơ, giấy tờ'), ('c', 'c) Thẩm định, xét, đề nghị khen thưởng trái pháp luật'), ('d', 'd) Có kết luận, quyết định, bản án cho thấy vi phạm đến mức không đủ tiêu chuẩn trong thời gian được tính để khen thưởng')], max_length=1, verbose_name='căn cứ hủy bỏ')),
                ('reason', models.TextField(verbose_name='lý do hủy bỏ')),
                ('number', models.CharField(blank=True, max_length=20, verbose_name='số')),
                ('symbol', models.CharField(default='QĐ-UBND', max_length=40, verbose_name='ký hiệu')),
                ('date', models.DateField(blank=True, null=True, verbose_name='ngày ký')),
                ('subject', models.CharField(default='Về việc hủy bỏ quyết định khen thưởng', max_length=300, verbose_name='trích yếu')),
                ('legal_bases', models.TextField(blank=True, verbose_name='căn cứ ban hành')),
                ('signer_title', models.TextField(default='CHỦ TỊCH', verbose_name='chức danh người ký')),
                ('signer_name', models.CharField(blank=True, max_length=200, verbose_name='họ tên người ký')),
                ('total', models.BigIntegerField(default=0, verbose_name='tổng tiền thu hồi (đồng)')),
                ('prepared_at', models.DateTimeField(auto_now_add=True)),
                ('issued_at', models.DateTimeField(blank=True, null=True)),
                ('docx', models.FileField(blank=True, upload_to='revocations/%Y/', verbose_name='quyết định hủy bỏ (Word)')),
                ('pdf', models.FileField(blank=True, upload_to='revocations/%Y/', verbose_name='quyết định hủy bỏ (PDF)')),
                ('signed', models.BooleanField(default=False, verbose_name='đã ký số')),
                ('render_status', models.CharField(blank=True, choices=[('pending', 'Đang chờ'), ('running', 'Đang tạo'), ('done', 'Đã tạo'), ('failed', 'Lỗi')], default='', max_length=10)),
                ('render_error', models.TextField(blank=True)),
                ('authority', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='revocations', to='org.unit', verbose_name='cấp quyết định')),
                ('follows', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='followers', to='decisions.revocation', verbose_name='theo quyết định hủy bỏ')),
                ('prepared_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người lập')),
                ('root', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='decisions.award', verbose_name='khen thưởng bị hủy bỏ đầu tiên')),
                ('signed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người ký')),
            ],
            options={
                'verbose_name': 'quyết định hủy bỏ khen thưởng',
                'verbose_name_plural': 'quyết định hủy bỏ khen thưởng',
                'ordering': ['-date', '-id'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='award',
            name='revocation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='awards', to='decisions.revocation', verbose_name='quyết định hủy bỏ'),
        ),
        migrations.CreateModel(
            name='RevocationLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(default=0)),
                ('proposed', models.BooleanField(default=True, verbose_name='hệ thống đề nghị hủy bỏ')),
                ('included', models.BooleanField(default=True, verbose_name='hủy bỏ')),
                ('excluded_reason', models.TextField(blank=True, verbose_name='lý do không hủy bỏ')),
                ('figures', models.TextField(blank=True, verbose_name='căn cứ, số liệu')),
                ('recover_amount', models.BigIntegerField(default=0, verbose_name='tiền thưởng phải thu hồi (đồng)')),
                ('items_to_return', models.CharField(blank=True, max_length=300, verbose_name='hiện vật phải nộp lại')),
                ('award', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revocation_lines', to='decisions.award', verbose_name='khen thưởng')),
                ('rests_on', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='decisions.award', verbose_name='dựa trên khen thưởng')),
                ('revocation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='decisions.revocation')),
            ],
            options={
                'verbose_name': 'khen thưởng trong quyết định hủy bỏ',
                'verbose_name_plural': 'khen thưởng trong quyết định hủy bỏ',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='revocation',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'issued')), fields=('authority', 'number', 'symbol', 'date'), name='revocation_number_once'),
        ),
        migrations.AddConstraint(
            model_name='revocationline',
            constraint=models.UniqueConstraint(fields=('revocation', 'award'), name='revocation_line_once'),
        ),
    ]
