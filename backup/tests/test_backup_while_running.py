"""`tdkt backup` while the application runs: a file deleted after the database was read is skipped with a
warning, not a failed backup; a backup that fails half-way leaves no archive (and an older one untouched)."""

import sqlite3

import pytest

from backup import archive, operations


@pytest.fixture
def installation(settings, tmp_path, monkeypatch):
    """MEDIA_ROOT with three files, and a small SQLite database standing for the snapshot of the live one."""
    settings.MEDIA_ROOT = tmp_path / "data" / "media"
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        path = settings.MEDIA_ROOT / "dossiers" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(name.encode() * 100)

    def snapshot(dest):
        db = sqlite3.connect(dest)
        db.execute("CREATE TABLE org_unit (id integer)")
        db.commit()
        db.close()
        return {"migrations": [], "rows": {"org_unit": 0}, "server_version": sqlite3.sqlite_version}

    monkeypatch.setattr(operations.engines, "engine", lambda: "sqlite")
    monkeypatch.setattr(operations.engines, "sqlite_snapshot", snapshot)
    return settings.MEDIA_ROOT


def test_a_file_deleted_during_the_backup_is_skipped_with_a_warning(installation, tmp_path, monkeypatch):
    listed = operations._media_files

    def deleting_c_after_the_listing(media, warn):
        for name, path in listed(media, warn):
            if name == "media/dossiers/c.pdf":
                path.unlink()  # listed, then deleted by the application before the backup takes it
            yield name, path

    monkeypatch.setattr(operations, "_media_files", deleting_c_after_the_listing)
    warnings = []
    written = operations.make_backup(tmp_path / "b.tar.gz", warn=warnings.append)

    assert written.skipped == ["media/dossiers/c.pdf"] and written.files == 2
    assert warnings == ["Bỏ qua media/dossiers/c.pdf: tệp đã bị xóa trong lúc sao lưu."]
    names = []
    archive.read(tmp_path / "b.tar.gz", on_manifest=lambda m: None, sink=lambda n, e: names.append(n))
    assert names == ["database/tdkt.sqlite3", "media/dossiers/a.pdf", "media/dossiers/b.pdf"]
    assert not list((tmp_path / "data").glob(".tdkt-backup-*")), "the working folder is removed"


def test_a_backup_that_fails_half_way_leaves_no_archive_and_the_older_one_untouched(installation, tmp_path,
                                                                                      monkeypatch):
    dest = tmp_path / "b.tar.gz"
    operations.make_backup(dest)
    older = dest.read_bytes()
    digest = archive.file_digest

    def a_file_changes_after_it_was_hashed(path):
        size, sha = digest(path)
        return (size, "0" * 64) if path.name == "b.pdf" else (size, sha)

    monkeypatch.setattr(archive, "file_digest", a_file_changes_after_it_was_hashed)
    with pytest.raises(OSError, match="đã thay đổi trong lúc sao lưu"):
        operations.make_backup(dest)
    assert dest.read_bytes() == older
    assert not (tmp_path / "b.tar.gz.partial").exists()
