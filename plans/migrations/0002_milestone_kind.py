"""Each milestone says what completes it for a unit (``done_when``): the units' year-end dossiers, their
registration, their own plan, or their word on the compliance board. Existing milestones get it from their kind and
wording, and what the units already did in the application is recorded as done, at the time they did it."""

from django.db import migrations, models
from django.db.models import Min, Q

DOSSIER, PLAN, REGISTRATION, REPORT, MANUAL = "dossier", "plan", "registration", "report", "manual"


def _fold(text):
    import unicodedata

    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _default(kind, title):
    # As plans.models.default_done_when when this migration was written.
    if kind == "registration":
        return REGISTRATION
    if kind == "plan":
        return PLAN
    if kind in ("year_end", "commendation"):
        return DOSSIER
    words = _fold(title)
    if kind == "other" and "ho so" in words and "tong ket" in words:
        return DOSSIER
    if "bao cao" in words:
        return REPORT
    return MANUAL


def forwards(apps, schema_editor):
    Milestone = apps.get_model("plans", "Milestone")
    Completion = apps.get_model("plans", "Completion")
    Plan = apps.get_model("plans", "Plan")
    Unit = apps.get_model("org", "Unit")
    Dossier = apps.get_model("dossiers", "Dossier")
    Event = apps.get_model("dossiers", "Event")
    from datetime import date

    for m in Milestone.objects.filter(done_when=""):
        m.done_when = _default(m.kind, m.title)
        m.save(update_fields=["done_when"])
    wanted = Milestone.objects.filter(tracked=True, done_when__in=[DOSSIER, PLAN], plan__status="published")
    for plan in Plan.objects.filter(pk__in=wanted.values("plan")).select_related("unit"):
        units = {u.pk: u for u in Unit.objects.filter(path__startswith=plan.unit.path, depth=plan.unit.depth + 1)
                 .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date(plan.year, 1, 1)))}
        done = {}  # (work, unit id) -> (at, note)
        dossiers = Dossier.objects.filter(unit__in=list(units), authority=plan.unit, year=plan.year, kind="thuong_xuyen")
        first = dict(Event.objects.filter(dossier__in=dossiers, verb__in=["submit", "resubmit"])
                     .values_list("dossier").annotate(at=Min("at")))
        for d in dossiers.filter(pk__in=list(first)):
            at = first[d.pk]
            if (DOSSIER, d.unit_id) not in done or at < done[(DOSSIER, d.unit_id)][0]:
                done[(DOSSIER, d.unit_id)] = (at, f"Gửi hồ sơ HS-{d.year}-{d.pk:05d}: {d.title}"[:500])
        for child in Plan.objects.filter(parent=plan, status="published", unit__in=list(units)).exclude(published_at=None):
            if (PLAN, child.unit_id) not in done or child.published_at < done[(PLAN, child.unit_id)][0]:
                number = f"Kế hoạch số {child.number}" if child.number else child.title
                done[(PLAN, child.unit_id)] = (child.published_at, f"Ban hành {number}"[:500])
        for m in wanted.filter(plan=plan):
            have = set(Completion.objects.filter(milestone=m).values_list("unit_id", flat=True))
            Completion.objects.bulk_create([Completion(milestone=m, unit_id=uid, done_at=at, note=note)
                                            for (work, uid), (at, note) in done.items()
                                            if work == m.done_when and uid not in have])


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0001_initial'),
        ('dossiers', '0006_status_abandoned_label'),
    ]

    operations = [
        migrations.AddField(
            model_name='milestone',
            name='done_when',
            field=models.CharField(blank=True, choices=[('manual', 'Đơn vị tự ghi nhận trên bảng tiến độ'), ('registration', 'Khi đơn vị gửi đăng ký thi đua'), ('dossier', 'Khi đơn vị gửi hồ sơ khen thưởng tổng kết năm'), ('plan', 'Khi đơn vị ban hành kế hoạch thực hiện kế hoạch này'), ('report', 'Khi đơn vị gửi báo cáo (đơn vị tự ghi nhận)')], default='', max_length=20, verbose_name='ghi nhận hoàn thành'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
