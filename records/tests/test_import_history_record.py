"""Each `tdkt import-history` run leaves one record (file, counts) and one event on it; the awards it creates or
changes each get an event on their recipient's history; what did not change gets none."""

import pytest
from django.contrib.contenttypes.models import ContentType

from audit.models import Event
from org.models import Person
from records.models import HistoryImport
from tdkt.testing.history import history, import_file, sample_history, write_json

pytestmark = pytest.mark.django_db


def _award_events():
    return Event.objects.filter(verb="award", target_type=ContentType.objects.get_for_model(Person))


def test_a_run_is_recorded_once_with_its_counts(tmp_path):
    h = sample_history()
    assert import_file(write_json(tmp_path, h, "lich-su.json")).status == 0
    run = HistoryImport.objects.get()
    assert run.file_name == "lich-su.json"
    assert run.counts["awards"] == {"created": len(h["awards"]), "updated": 0, "unchanged": 0}
    assert run.counts["people"]["created"] == len(h["people"])
    event = Event.objects.get(verb="history_import")
    assert event.target_id == run.pk
    assert event.changes["awards"] == ["", f"{len(h['awards'])} mới, 0 cập nhật, 0 không đổi"]
    # Events for the awards only: one for each one given to a person, none for ratings or people.
    assert _award_events().count() == sum(1 for a in h["awards"] if a["recipient"] in {"P", "A", "B"})
    assert Event.objects.count() == 1 + len(h["awards"])


def test_re_importing_the_same_file_adds_a_record_but_no_award_event(tmp_path):
    path = write_json(tmp_path, sample_history())
    import_file(path)
    before = _award_events().count()
    assert import_file(path).status == 0
    assert HistoryImport.objects.count() == 2
    assert _award_events().count() == before
    assert HistoryImport.objects.first().counts["awards"]["created"] == 0


def test_a_changed_decision_number_is_one_event_with_old_and_new(tmp_path):
    h = history(ratings={"P": {2024: "HTXSNV"}}, awards=[("P", "LDTT", 2024)])
    import_file(write_json(tmp_path, h, "a.json"))
    h["awards"][0]["decision_number"] = "7/QĐ-UBND"
    assert import_file(write_json(tmp_path, h, "b.json")).status == 0
    [event] = _award_events().filter(note__contains="b.json")
    assert event.changes["Quyết định"] == ["1/QĐ-UBND 15/01/2025", "7/QĐ-UBND 15/01/2025"]


def test_a_refused_file_leaves_no_record(tmp_path):
    h = history(awards=[("P", "LDTT", 2024), ("P", "LDTT", 2024)])
    assert import_file(write_json(tmp_path, h)).status == 1
    assert not HistoryImport.objects.exists()
    assert not Event.objects.exists()
