"""The `tdkt demo` command: what it prints, that it is deterministic, that it refuses a database with data."""

import hashlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.builder import build
from decisions.models import Award
from initiatives.models import Initiative
from org.models import Employment, Membership, Person, Unit
from records.models import Discipline, Rating

pytestmark = pytest.mark.django_db


def _digest() -> str:
    h = hashlib.sha256()
    for row in Person.objects.order_by("code").values_list("code", "full_name", "gender", "birth_date", "position", "unit__code"):
        h.update(repr(row).encode())
    for row in Employment.objects.order_by("person__code", "start").values_list("person__code", "unit__code", "position", "start", "end"):
        h.update(repr(row).encode())
    for row in Unit.objects.order_by("path").values_list("path", "code", "name", "valid_from", "valid_to", "successor__code"):
        h.update(repr(row).encode())
    for row in Rating.objects.order_by("person__code", "unit__code", "year").values_list("person__code", "unit__code", "year", "level"):
        h.update(repr(row).encode())
    for row in Award.objects.order_by("person__code", "unit__code", "year", "award_type__code").values_list(
            "person__code", "unit__code", "year", "award_type__code", "decision_number", "decision_date"):
        h.update(repr(row).encode())
    for row in Initiative.objects.order_by("code").values_list("code", "title", "scope", "recognized_on", "recognized_by"):
        h.update(repr(row).encode())
    for row in Discipline.objects.order_by("person__code", "date").values_list("person__code", "date", "level"):
        h.update(repr(row).encode())
    return h.hexdigest()


def _wipe():
    from council.models import Establishment, Meeting
    from decisions.models import Decision
    from dossiers.models import Dossier, Line
    from movements.models import Movement
    from plans.models import Plan

    from clusters.models import Cluster, Member as ClusterMember, Score
    from exemplars.models import Exemplar, Reminder
    from portal.models import CitizenProposal

    # The year's exemplars, clusters and citizens' proposals hold on to their units.
    CitizenProposal.objects.all().delete()
    Reminder.objects.all().delete()
    Exemplar.objects.all().delete()
    Score.objects.all().delete()
    ClusterMember.objects.all().delete()
    Cluster.objects.all().delete()
    Movement.objects.all().delete()
    Plan.objects.update(parent=None)
    Plan.objects.all().delete()
    Award.objects.all().delete()
    # The year-end cycle of 2025: meetings, decisions and dossiers hold on to their users and units.
    Meeting.objects.all().delete()
    Establishment.objects.all().delete()
    Decision.objects.all().delete()
    Line.objects.update(origin=None)
    Dossier.objects.update(forwarded_from=None)
    Dossier.objects.all().delete()
    Initiative.objects.all().delete()
    from initiatives.models import Council as InitiativeCouncil

    InitiativeCouncil.objects.all().delete()  # the wards' initiative councils hold on to their units
    Membership.objects.all().delete()
    get_user_model().objects.all().delete()
    Employment.objects.all().delete()
    Person.objects.all().delete()
    Unit.objects.update(successor=None)
    Unit.objects.all().delete()


def test_command_builds_the_demo_and_says_what_it_made():
    out = io.StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert text.startswith("Đã tạo ")
    assert "cán bộ" in text and "đơn vị" in text
    assert "kết quả xếp loại" in text and "khen thưởng" in text
    assert text.rstrip().endswith("giây.")
    assert Unit.objects.filter(code="HN", kind="province").exists()


def test_make_runs_demo_carries_tay_ho_2017_as_the_seed_counts_it():
    """scripts/run asks for the seed's own year-end of 2017 beside the demo: Quận Tây Hồ's report of 2017 reads it."""
    out = io.StringIO()
    call_command("demo", if_empty=True, with_tay_ho_2017=True, stdout=out)
    text = out.getvalue()
    assert "Tổng kết năm 2017 quận Tây Hồ theo tài liệu:" in text and "tiền thưởng của quận 190.580.000 đồng" in text
    assert Award.objects.filter(year=2017, unit__code__startswith="HN-TH-DV").exists()
    # Run again on the full database: nothing more is loaded, nothing refused.
    again = io.StringIO()
    call_command("demo", if_empty=True, with_tay_ho_2017=True, stdout=again)
    assert "giữ nguyên" in again.getvalue() and "Tây Hồ" not in again.getvalue().split("Tài khoản mẫu")[0]


def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    build(seed=11)
    first = _digest()
    _wipe()
    build(seed=11)
    assert _digest() == first
    _wipe()
    build(seed=12)
    assert _digest() != first


def test_running_it_again_refuses_and_changes_nothing():
    call_command("demo", stdout=io.StringIO())
    before = (Unit.objects.count(), Person.objects.count(), Employment.objects.count())
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("demo", stdout=io.StringIO(), stderr=err)
    assert exit_.value.code == 1
    assert "Cơ sở dữ liệu đã có" in err.getvalue() and "trống" in err.getvalue()
    assert (Unit.objects.count(), Person.objects.count(), Employment.objects.count()) == before
