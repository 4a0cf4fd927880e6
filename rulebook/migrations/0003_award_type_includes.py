from django.db import migrations, models


def includes_from_the_seed_file(apps, schema_editor):
    """Rows seeded before the field existed take it from rulebook.toml (new rows get it from the loader)."""
    from rulebook.loader import load_data

    AwardType = apps.get_model("rulebook", "AwardType")
    for row in load_data().get("award", []):
        if not row.get("includes"):
            continue
        for award in AwardType.objects.filter(code=row["code"]):
            if not award.includes:
                award.includes = row["includes"]
                award.save(update_fields=["includes"])


class Migration(migrations.Migration):

    dependencies = [
        ('rulebook', '0002_rule_set_short_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='awardtype',
            name='includes',
            field=models.JSONField(blank=True, default=list, help_text='Mã các danh hiệu mà người được tặng danh hiệu này được tính là đã đạt khi xét tập thể (Chiến sĩ thi đua cơ sở bao gồm Lao động tiên tiến).', verbose_name='bao gồm danh hiệu'),
        ),
        migrations.RunPython(includes_from_the_seed_file, migrations.RunPython.noop),
    ]
