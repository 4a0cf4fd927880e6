"""Drafts of the rulebook (rulebook.Draft) are seeded from rulebook/data/drafts.toml after `migrate`, for everyone,
apart from the rules in force: the Ministry of Home Affairs' draft law of December 2025 (rules.md §9, §12;
research-regimes.md §11) is there, marked unverified, and adds nothing to the rulebook's criteria or standards."""

import pytest

from rulebook.loader import DATA, load_data, sync_drafts
from rulebook.models import Criterion, Draft, Standard

pytestmark = pytest.mark.django_db

MOHA = "DU_THAO_BNV_12_2025"


def test_the_moha_draft_of_december_2025_is_seeded_and_unverified():
    d = Draft.objects.get(code=MOHA)
    assert d.status == "unverified"
    assert d.published_on.isoformat() == "2025-12-16"
    assert "Bộ Nội vụ" in d.name and "dự thảo" in d.legal_basis.lower()
    assert "Dân trí" in d.source


def test_cstdcs_under_the_draft_needs_htxsnv_and_an_initiative_and_no_longer_ldtt():
    change = Draft.objects.get(code=MOHA).awards["CSTDCS"]
    kinds = [(c["kind"], c["params"]) for c in change["criteria"]]
    assert kinds == [("rating_at_least", {"level": "HTXSNV"}),
                     ("initiatives", {"scope": "co_so", "count": 1, "window": 1})]
    assert all(c["text"] and c["legal_basis"] for c in change["criteria"])
    assert "dự thảo" in change["legal_basis"]


def test_renamed_commune_title_is_a_note_and_ldtt_is_left_unchanged_saying_so():
    awards = Draft.objects.get(code=MOHA).awards
    assert awards["XA_TIEU_BIEU"]["name"] == "Xã, phường, đặc khu tiêu biểu"
    assert "cấp tỉnh" in awards["XA_TIEU_BIEU"]["note"] and "criteria" not in awards["XA_TIEU_BIEU"]
    assert "criteria" not in awards["LDTT"]
    assert "chưa tìm được nội dung mới" in awards["LDTT"]["note"]


def test_the_draft_adds_nothing_to_the_rules_in_force():
    assert not Criterion.objects.filter(legal_basis__icontains="dự thảo").exists()
    assert not Standard.objects.filter(legal_basis__icontains="dự thảo").exists()
    assert "draft" not in load_data(DATA)  # drafts are kept out of rulebook.toml


def test_a_seeded_draft_edited_since_is_left_alone_and_a_missing_one_is_added_again():
    Draft.objects.filter(code=MOHA).update(name="Tên đã sửa")
    assert sync_drafts() == 0
    assert Draft.objects.get(code=MOHA).name == "Tên đã sửa"
    Draft.objects.all().delete()
    assert sync_drafts() == 1
    assert Draft.objects.get(code=MOHA).awards["CSTDCS"]["criteria"]
