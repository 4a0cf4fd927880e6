"""A database made before plans, registration and notifications left ``movements``
carries over: its rows are read through the new apps' models, and the history (an
audit event on a plan, which points at a content type) still finds the plan.

The database is taken back to the schema before the split: ``movements`` 0002, with
the new apps' migrations unapplied (they and ``movements`` 0003 are state-only, so the
tables stay) and the content types named as they were (``movements.plan`` …). Rows
are written there through the historical models, then the database is migrated to
the latest migrations, as ``tdkt migrate`` does on an existing installation.
"""

from datetime import date, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from audit.models import Event
from core.dates import VN_TZ
from notifications.models import Holiday, Notification, ReminderLog
from plans.models import Completion, Milestone, Plan
from registration.models import Registration, RegistrationLine
from rulebook.models import AwardType

# The flush after the test runs post_migrate, which seeds the rulebook and the holidays again.
pytestmark = pytest.mark.django_db(transaction=True)

# The leaf of ``movements`` before the split (git show <before>:movements/migrations):
# every moved table was created by its 0001 and last changed by its 0002.
PRE_SPLIT = [("movements", "0002_plan_signer_from_issuer")]
# Going there unapplies movements 0003 and the new apps (target None: none of the app).
BEFORE_SPLIT_TARGETS = PRE_SPLIT + [("notifications", None), ("registration", None), ("plans", None)]
MOVED = {"plans": ["plan", "plantask", "milestone", "completion"],
         "registration": ["registration", "registrationline"],
         "notifications": ["notification", "reminderlog", "holiday"]}


def _migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    return executor


def _old_content_types(apps):
    """The content types as an old database has them: under ``movements``, none under the new labels."""
    old_ct = apps.get_model("contenttypes", "ContentType")
    old_ct.objects.filter(app_label__in=list(MOVED)).delete()
    return {model: old_ct.objects.get_or_create(app_label="movements", model=model)[0].pk
            for models_ in MOVED.values() for model in models_}


def test_old_rows_are_read_through_the_new_apps_and_the_history_finds_its_plan(world):
    award, _ = AwardType.objects.get_or_create(code="LDTT", defaults={
        "name": "Lao động tiên tiến", "category": "title", "recipient_kinds": ["individual"]})
    sp = world.users["specialist"]
    try:
        executor = _migrate(BEFORE_SPLIT_TARGETS)
        assert not MigrationRecorder(connection).applied_migrations().keys() & {("plans", "0001_initial"), ("movements", "0003_plans_registration_notifications_apart")}
        # The state as the old database has it: movements at 0002, every other app at its leaf.
        others = [n for n in executor.loader.graph.leaf_nodes() if n[0] not in ("movements", *MOVED)]
        apps = executor.loader.project_state(PRE_SPLIT + others).apps
        cts = _old_content_types(apps)

        OldPlan = apps.get_model("movements", "Plan")
        plan = OldPlan.objects.create(unit_id=world.city.pk, year=2022, number="319/KH-HĐTĐKT", issued_on=date(2021, 12, 24),
                                      issuer="Hội đồng Thi đua - Khen thưởng thành phố Hà Nội", status="published",
                                      title="Kế hoạch công tác thi đua, khen thưởng năm 2022")
        milestone = apps.get_model("movements", "Milestone").objects.create(
            plan=plan, kind="registration", title="Các đơn vị gửi đăng ký thi đua", due_on=date(2022, 1, 30))
        apps.get_model("movements", "Completion").objects.create(
            milestone=milestone, unit_id=world.ward_a.pk, done_at=datetime(2022, 1, 20, 9, 0, tzinfo=VN_TZ), by_id=sp.pk)
        reg = apps.get_model("movements", "Registration").objects.create(
            plan=plan, unit_id=world.ward_b.pk, status="submitted", submitted_at=datetime(2022, 1, 21, 10, 0, tzinfo=VN_TZ))
        apps.get_model("movements", "RegistrationLine").objects.create(
            registration=reg, award_type_id=award.pk, person_id=world.person_b.pk)
        note = apps.get_model("movements", "Notification").objects.create(
            user_id=world.users["officer_a"].pk, title="Kế hoạch mới: năm 2022", url=f"/ke-hoach/{plan.pk}/")
        apps.get_model("movements", "ReminderLog").objects.create(milestone=milestone, unit_id=world.ward_b.pk, kind="due")
        apps.get_model("movements", "Holiday").objects.create(date=date(2099, 1, 1), name="Tết Dương lịch")
        event = apps.get_model("audit", "Event").objects.create(
            actor_id=sp.pk, verb="publish", target_type_id=cts["plan"], target_id=plan.pk,
            target_label=f"Kế hoạch {plan.number}", changes={"Trạng thái": ["Dự thảo", "Đã ban hành"]})

        _migrate()

        new_plan = Plan.objects.get(pk=plan.pk)
        assert new_plan.number == "319/KH-HĐTĐKT" and new_plan.unit == world.city
        m = new_plan.milestones.get()
        assert (m.pk, m.title, m.due_on) == (milestone.pk, "Các đơn vị gửi đăng ký thi đua", date(2022, 1, 30))
        assert Completion.objects.get(milestone=m).unit == world.ward_a
        new_reg = Registration.objects.get(plan=new_plan)
        assert (new_reg.pk, new_reg.unit, new_reg.get_status_display()) == (reg.pk, world.ward_b, "Đã gửi đăng ký")
        assert [(line.award_type.code, line.person) for line in RegistrationLine.objects.filter(registration=new_reg)] == [("LDTT", world.person_b)]
        assert Notification.objects.get(pk=note.pk).url == f"/ke-hoach/{plan.pk}/"
        assert ReminderLog.objects.get(milestone=m).kind == "due"
        assert Holiday.objects.get(date=date(2099, 1, 1)).name == "Tết Dương lịch"

        # The event keeps its content type row, now under the plans app, and finds the plan.
        ev = Event.objects.get(pk=event.pk)
        assert ev.target_type_id == cts["plan"] == ContentType.objects.get_for_model(Plan).pk
        assert ev.target_type.get_object_for_this_type(pk=ev.target_id) == new_plan
        assert ContentType.objects.get_for_model(Registration).pk == cts["registration"]
        assert ContentType.objects.get_for_model(Milestone).pk == cts["milestone"]
        assert not ContentType.objects.filter(app_label="movements", model__in=[m for ms in MOVED.values() for m in ms]).exists()

        # And back: the content types return to movements with their history.
        _migrate(BEFORE_SPLIT_TARGETS)
        assert ContentType.objects.get(pk=cts["plan"]).app_label == "movements"
        assert ContentType.objects.get(pk=cts["holiday"]).app_label == "movements"
    finally:
        _migrate()
    assert ContentType.objects.get(pk=cts["plan"]).app_label == "plans"
