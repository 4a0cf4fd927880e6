"""The council's thresholds become one dated parameter per period, ``council_ballot_rules`` (ballot type, threshold,
its comparison and base, status and legal basis per award and level), with ``council_recusal_base`` beside it;
both are added by the loader after ``migrate`` from rulebook.toml. The three keys they replace
(``council_vote_awards``, ``council_vote_threshold_pct``, ``council_pass_share``) are removed here; their last values
are kept in the rulebook's history (one event each), so that an administrator who had changed them sees what to
carry into the new parameter."""

from django.db import migrations

OLD = {
    "council_vote_awards": ["CSTD_TINH", "CSTD_TQ", "BK_TTG", "CO_TINH", "CO_CP"],
    "council_vote_threshold_pct": 90,
    "council_pass_share": {"op": ">", "share": 0.5},
}


def forwards(apps, schema_editor):
    import json

    Parameter = apps.get_model("rulebook", "Parameter")
    Event = apps.get_model("audit", "Event")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="rulebook", model="parameter")
    for p in Parameter.objects.filter(key__in=list(OLD)).order_by("key", "id"):
        shown = json.dumps(p.value, ensure_ascii=False)
        changed = p.value != OLD[p.key]
        Event.objects.create(
            verb="rulebook", target_type=kind, target_id=p.pk, target_label=p.name[:300],
            changes={"Giá trị": [shown, ""]},
            note=(f"Tham số “{p.key}” được thay bằng “council_ballot_rules” (hình thức bỏ phiếu, tỷ lệ và cơ sở tính "
                  "theo từng khen thưởng và cấp, có hiệu lực theo thời kỳ)."
                  + (" Giá trị đã được sửa khác mặc định: hãy sửa council_ballot_rules tương ứng." if changed else "")))
        p.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("rulebook", "0007_legal_basis"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
