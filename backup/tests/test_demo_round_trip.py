"""The demo city backed up and restored into another, empty installation finds every row and every file.

The real `tdkt` in subprocesses on SQLite files (the tests' own database is in memory): `migrate`, `demo`,
`backup`, then `restore --check` and `restore` into a new data folder. The demo takes about half a minute."""

from backup.tests.helpers import Installation, digests, manifest_of, sqlite_counts


def test_the_demo_restored_into_an_empty_installation_has_every_row_and_every_file(tmp_path):
    source = Installation(tmp_path / "source")
    source.ok("migrate", "-v", "0")
    source.ok("demo")
    files = digests(source.media)
    assert any(name.startswith("dossiers/") for name in files), "the demo's dossiers carry signed scans"

    archive = tmp_path / "tdkt.tar.gz"
    said = source.ok("backup", archive).stdout
    assert "Đã ghi bản sao lưu" in said and f"{len(files)} tệp" in said
    assert not (tmp_path / "tdkt.tar.gz.partial").exists()
    assert archive.stat().st_mode & 0o777 == 0o600, "readable by its owner only"
    manifest = manifest_of(archive)
    assert manifest["format"] == "tdkt-backup" and manifest["format_version"] == 1
    assert manifest["database"]["engine"] == "sqlite"
    assert manifest["rows"] == sqlite_counts(source.db)
    assert {m["name"]: m["sha256"] for m in manifest["members"][1:]} == {f"media/{n}": h for n, h in files.items()}

    target = Installation(tmp_path / "target")
    checked = target.ok("restore", "--check", archive).stdout
    assert "nguyên vẹn" in checked and "không ghi gì" in checked
    assert not target.db.exists() and not target.media.exists()

    restored = target.ok("restore", archive).stdout
    assert "Đã phục hồi" in restored
    counts = sqlite_counts(target.db)
    assert counts["org_person"] > 1000 and counts["decisions_award"] > 0
    assert counts == sqlite_counts(source.db)
    assert digests(target.media) == files
    # The restored installation works: the demo refuses to load again into it, naming what it holds.
    again = target.run("demo")
    assert again.returncode != 0 and "đơn vị" in again.stderr
