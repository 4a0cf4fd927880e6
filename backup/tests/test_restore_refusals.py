"""`tdkt restore` refuses, saying why in Vietnamese and writing nothing, an archive it must not restore: damaged
(a byte changed in a member or in the compressed file, a file cut short), foreign (not a tdkt backup), of another
format version, of another database engine, made by newer code; and a place that already holds data, unless
--force. `restore --check` refuses the same archives. The code newer than a backup migrates it after."""

import shutil

import pytest

from backup.tests.helpers import (
    Installation, digests, foreign_tar, manifest_of, sqlite_counts, sqlite_migrations, state, truncated,
    with_manifest, with_member_flipped, with_raw_byte_flipped)

SCAN = "dossiers/2026/1-scan.pdf"
MEDIA = {SCAN: b"%PDF-1.4 ban scan da ky\n" * 50, "decisions/2026/quyet-dinh-1.docx": b"PK\x03\x04 word" * 40}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A small installation (migrated, one account, two files), its archive, and a migrated empty database."""
    root = tmp_path_factory.mktemp("backup")
    source = Installation(root / "source")
    source.ok("migrate", "-v", "0")
    empty_db = root / "empty.sqlite3"
    shutil.copyfile(source.db, empty_db)
    source.ok("createsuperuser", "--noinput", "--username", "quantri", "--email", "qt@example.gov.vn",
              DJANGO_SUPERUSER_PASSWORD="Mat-khau-thu-nghiem-2025")
    source.add_media(MEDIA)
    archive = root / "tdkt.tar.gz"
    source.ok("backup", archive)
    return {"root": root, "source": source, "archive": archive, "empty_db": empty_db}


@pytest.fixture
def target(made, tmp_path):
    """An installation that is only migrated: empty, a restore may go there."""
    place = Installation(tmp_path / "target")
    place.data_dir.mkdir()
    shutil.copyfile(made["empty_db"], place.db)
    return place


def _bump_version(m):
    m["format_version"] = 2


def _newer_code(m):
    m["migrations"].append(["org", "9999_from_the_future"])


def _postgresql(m):
    m["database"] = {"engine": "postgresql", "member": "database/tdkt.pgdump"}
    m["members"][0]["name"] = "database/tdkt.pgdump"
    return {"database/tdkt.sqlite3": "database/tdkt.pgdump"}


def _other_format(m):
    m["format"] = "other-backup"


REFUSED = {
    "a byte changed in a file": (lambda a, t: with_member_flipped(a, t, f"media/{SCAN}"),
                                 "không khớp mã kiểm tra sha256"),
    "a byte changed in the database": (lambda a, t: with_member_flipped(a, t, "database/tdkt.sqlite3"),
                                       "không khớp mã kiểm tra sha256"),
    "a byte changed in the compressed file": (with_raw_byte_flipped, "Tệp sao lưu bị hỏng"),
    "a file cut short": (truncated, "Tệp sao lưu bị hỏng"),
    "a tar that is not a backup": (lambda a, t: foreign_tar(t), "không phải bản sao lưu của tdkt"),
    "a manifest of another format": (lambda a, t: with_manifest(a, t, _other_format), "không phải bản sao lưu của tdkt"),
    "a manifest of another format version": (lambda a, t: with_manifest(a, t, _bump_version), "phiên bản 2"),
    "a backup of newer code": (lambda a, t: with_manifest(a, t, _newer_code), "org.9999_from_the_future"),
    "a backup of PostgreSQL into SQLite": (lambda a, t: with_manifest(a, t, _postgresql), "cùng loại cơ sở dữ liệu"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_an_archive_that_must_not_be_restored_is_refused_and_nothing_is_written(made, target, tmp_path, case):
    spoil, message = REFUSED[case]
    archive = spoil(made["archive"], tmp_path / "spoilt.tar.gz")
    before = state(target)
    checked = target.run("restore", "--check", archive)
    assert checked.returncode == 1 and message in checked.stderr, checked.stderr
    done = target.run("restore", archive)
    assert done.returncode == 1, done.stdout
    assert message in done.stderr and "Không có gì được ghi" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert state(target) == before


def test_nothing_is_made_where_there_was_no_database(made, tmp_path):
    nowhere = Installation(tmp_path / "new")
    done = nowhere.run("restore", with_member_flipped(made["archive"], tmp_path / "spoilt.tar.gz", f"media/{SCAN}"))
    assert done.returncode == 1 and "sha256" in done.stderr
    assert not nowhere.db.exists() and not nowhere.media.exists()


def test_a_place_that_holds_data_is_replaced_only_with_force_and_the_old_one_is_kept(made, tmp_path):
    place = Installation(tmp_path / "busy")
    place.data_dir.mkdir()
    shutil.copyfile(made["source"].db, place.db)  # one account
    place.add_media({"old/giu-lai.pdf": b"%PDF cu"})
    before = state(place)

    refused = place.run("restore", made["archive"])
    assert refused.returncode == 1
    assert "đã có dữ liệu" in refused.stderr and "1 tài khoản" in refused.stderr and "1 tệp" in refused.stderr
    assert "--force" in refused.stderr
    assert state(place) == before

    done = place.ok("restore", "--force", made["archive"])
    assert "Thay thế" in done.stdout and "Bản cũ giữ lại" in done.stdout
    assert digests(place.media) == digests(made["source"].media)
    kept = sorted(p.name for p in place.data_dir.iterdir() if ".before-restore-" in p.name)
    assert [name.split(".before-restore-")[0] for name in kept] == ["media", "tdkt.sqlite3"]
    assert digests(place.data_dir / kept[0]) == {"old/giu-lai.pdf": before["media"]["old/giu-lai.pdf"]}


def test_a_backup_of_older_code_is_migrated_after_the_restore(made, tmp_path):
    old = Installation(tmp_path / "old")
    old.data_dir.mkdir()
    shutil.copyfile(made["empty_db"], old.db)
    old.ok("migrate", "initiatives", "0002", "-v", "0")  # as before initiatives' latest migration
    archive = tmp_path / "old.tar.gz"
    old.ok("backup", archive)
    assert ["initiatives", "0003_list_order_index"] not in manifest_of(archive)["migrations"]

    target = Installation(tmp_path / "new")
    done = target.ok("restore", archive)
    assert "migrate" in done.stdout
    assert ("initiatives", "0003_list_order_index") in sqlite_migrations(target.db)
    assert sqlite_counts(target.db)["accounts_user"] == 0


def test_restore_check_writes_nothing(made, target):
    before = state(target)
    done = target.ok("restore", "--check", made["archive"])
    assert "nguyên vẹn" in done.stdout and "1 tài khoản" in done.stdout and "2 tệp" in done.stdout
    assert state(target) == before
