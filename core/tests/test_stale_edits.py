"""The one guard against lost updates (core.stale) and the form side that carries what the editor saw."""

from datetime import date, datetime, timezone as tz
from types import SimpleNamespace

import pytest
from django import forms

from core.forms import Form, VNDateField, carry_seen, seen_values
from core.stale import StaleEdit, guard, same

AT = datetime(2026, 3, 12, 2, 15, tzinfo=tz.utc)  # 09:15 in Hà Nội


def _guard(row, fields, expected, **kw):
    return guard(row, fields, expected, what="Đơn vị này", changed_by=lambda labels: ("Nguyễn Văn A", AT),
                 labels={"name": "Tên đơn vị", "phone": "Điện thoại"}, **kw)


def test_a_field_the_editor_left_as_seen_keeps_what_someone_else_saved():
    row = SimpleNamespace(name="Trường B", phone="024 1")  # someone renamed it since
    assert _guard(row, {"name": "Trường A", "phone": "024 2"}, {"name": "Trường A", "phone": "024 1"}) == \
        {"name": "Trường B", "phone": "024 2"}


def test_a_field_both_changed_differently_is_refused_naming_who_when_and_the_field():
    row = SimpleNamespace(name="Trường B", phone="024 1")
    with pytest.raises(StaleEdit) as refused:
        _guard(row, {"name": "Trường C", "phone": "024 1"}, {"name": "Trường A", "phone": "024 1"})
    assert refused.value.messages == [
        "Đơn vị này vừa được Nguyễn Văn A sửa lúc 09:15 ngày 12/03/2026 (ô “Tên đơn vị”); thay đổi của bạn chưa "
        "được lưu, hãy tải lại trang để xem thông tin mới rồi sửa lại."]


def test_both_making_the_same_change_is_no_conflict_and_no_expected_values_means_no_guard():
    row = SimpleNamespace(name="Trường B", phone="")
    assert _guard(row, {"name": "Trường B"}, {"name": "Trường A"}) == {"name": "Trường B"}
    assert _guard(row, {"name": "Trường C"}, None) == {"name": "Trường C"}
    assert _guard(row, {"name": "Trường C"}, {}) == {"name": "Trường C"}
    assert _guard(row, {"name": "Trường C", "phone": "1"}, {"phone": ""}) == {"name": "Trường C", "phone": "1"}


def test_the_row_as_the_form_shows_it_can_be_given():
    row = SimpleNamespace(due_on=date(2026, 3, 1))
    # The form shows no date for a milestone computed from another: compared as shown, not as stored.
    assert _guard(row, {"due_on": date(2026, 4, 1)}, {"due_on": None}, current={"due_on": None}) == {"due_on": date(2026, 4, 1)}
    with pytest.raises(StaleEdit):
        _guard(row, {"due_on": date(2026, 4, 1)}, {"due_on": None})


def test_same_treats_empty_text_as_nothing_but_not_zero_and_ignores_cr_lf():
    assert same("", None) and same("a\r\nb", "a\nb") and same(date(2026, 1, 1), date(2026, 1, 1))
    assert not same(0, None) and not same(False, None) and not same("a", "b")


def test_who_is_unknown_when_the_history_says_nothing():
    with pytest.raises(StaleEdit, match=r"Đơn vị này vừa được người khác sửa \(các ô “Tên đơn vị”, “Điện thoại”\);"):
        guard(SimpleNamespace(name="B", phone="2"), {"name": "C", "phone": "3"}, {"name": "A", "phone": "1"},
              what="Đơn vị này", changed_by=lambda labels: None, labels={"name": "Tên đơn vị", "phone": "Điện thoại"})


class _EditForm(Form):
    name = forms.CharField(label="Tên")
    on = VNDateField(label="Ngày", required=False)
    note = forms.CharField(label="Lý do", required=False)
    secret = forms.CharField(label="Mật khẩu", required=False, widget=forms.PasswordInput)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


def test_the_form_carries_each_seen_value_and_reads_it_back_as_the_field_reads_a_typed_one():
    page = carry_seen(_EditForm(initial={"name": "Trường A", "on": date(2026, 3, 1), "note": ""}), exclude=("note",))
    html = str(page)
    assert 'name="initial-name" value="Trường A"' in html and 'name="initial-on" value="2026-03-01"' in html
    assert "initial-note" not in html and "initial-secret" not in html

    posted = carry_seen(_EditForm({"name": "Trường B", "on": "", "initial-name": "  Trường   A ", "initial-on": "01/03/2026",
                                   "note": "x", "initial-note": "y"}), exclude=("note",))
    assert posted.is_valid()
    assert seen_values(posted) == {"name": "Trường A", "on": date(2026, 3, 1)}
    assert posted.cleaned_data["name"] == "Trường B"  # reading the seen values leaves the typed ones alone
    # A page without the seen values (an older page, a script): nothing to guard with.
    bare = carry_seen(_EditForm({"name": "Trường B"}))
    assert bare.is_valid() and seen_values(bare) == {}


def test_a_seen_empty_value_of_a_required_field_reads_as_empty():
    posted = carry_seen(_EditForm({"name": "Trường B", "initial-name": "", "initial-on": ""}))
    assert posted.is_valid() and seen_values(posted) == {"name": "", "on": None}
