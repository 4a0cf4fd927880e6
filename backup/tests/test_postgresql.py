"""Backup and restore on PostgreSQL (pg_dump, pg_restore and psql of this machine), through the real `tdkt`.

Skipped only when the PostgreSQL client programs are missing. The server is TDKT_TEST_PG_URL (default
postgres://postgres@127.0.0.1:5432, the one of the CI and of the README's test section); two databases of
their own are made there and dropped after."""

import os
import shutil
import uuid
from pathlib import Path

import pytest

from backup.tests.helpers import Installation, digests, manifest_of, state, with_manifest
from tdkt.testing.history import sample_history, write_json

TOOLS = ("pg_dump", "pg_restore", "psql")
SERVER = os.environ.get("TDKT_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def _tool(name):
    return shutil.which(name) or next(iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None)


pytestmark = pytest.mark.skipif(
    not all(_tool(t) for t in TOOLS),
    reason="pg_dump, pg_restore và psql (gói postgresql-client) không có trên máy này: không thử được sao lưu PostgreSQL")


def _admin():
    import psycopg

    try:
        return psycopg.connect(f"{SERVER}/postgres", autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as e:
        pytest.fail(f"Không kết nối được PostgreSQL ở {SERVER} (đặt TDKT_TEST_PG_URL): {e}")


@pytest.fixture(scope="module")
def new_database():
    """new_database() → the URL of a new, empty database; every one is dropped after the module."""
    admin, made = _admin(), []

    def make():
        name = f"tdkt_h_backup_{uuid.uuid4().hex[:10]}"
        admin.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return f"{SERVER}/{name}"

    try:
        yield make
    finally:
        for name in made:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="module")
def source(new_database, tmp_path_factory):
    """A PostgreSQL installation (a small history, one account, two files) and its archive."""
    root = tmp_path_factory.mktemp("pg")
    place = Installation(root / "source", new_database())
    place.ok("migrate", "-v", "0")
    place.ok("import-history", write_json(root, sample_history()))
    place.ok("createsuperuser", "--noinput", "--username", "quantri", "--email", "qt@example.gov.vn",
             DJANGO_SUPERUSER_PASSWORD="Mat-khau-thu-nghiem-2025")
    place.add_media({"dossiers/2026/1-scan.pdf": b"%PDF-1.4 scan\n" * 30, "decisions/2026/bang-khen-1.pdf": b"%PDF b"})
    archive = root / "pg.tar.gz"
    said = place.ok("backup", archive).stdout
    assert "Đã ghi bản sao lưu" in said and "2 tệp" in said
    return place, archive


def counts(url):
    import psycopg
    from psycopg import sql

    with psycopg.connect(url) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")]
        return {t: conn.execute(sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(t))).fetchone()[0]
                for t in tables}


def test_a_postgresql_backup_restored_into_an_empty_database_has_every_row_and_file(source, new_database, tmp_path):
    place, archive = source
    manifest = manifest_of(archive)
    assert manifest["database"]["engine"] == "postgresql" and manifest["members"][0]["name"] == "database/tdkt.pgdump"
    before = counts(place.url)
    assert manifest["rows"] == before and before["org_person"] > 0 and before["accounts_user"] == 1

    target = Installation(tmp_path / "target", new_database())  # a database never migrated
    assert "nguyên vẹn" in target.ok("restore", "--check", archive).stdout
    assert counts(target.url) == {}
    assert "Đã phục hồi" in target.ok("restore", archive).stdout
    assert counts(target.url) == before
    assert digests(target.media) == digests(place.media)


def test_a_postgresql_database_that_holds_data_is_replaced_only_with_force_and_all_at_once(source, new_database,
                                                                                           tmp_path):
    place, archive = source
    target = Installation(tmp_path / "target", new_database())
    target.ok("restore", archive)
    before, untouched = counts(target.url), state(target)

    refused = target.run("restore", archive)
    assert refused.returncode == 1 and "đã có dữ liệu" in refused.stderr and "1 tài khoản" in refused.stderr
    assert "--force" in refused.stderr and counts(target.url) == before and state(target) == untouched

    # A dump that does not give the rows its manifest promises: the whole restore is rolled back.
    def promising_more(m):
        m["rows"]["accounts_user"] = 2

    failed = target.run("restore", "--force", with_manifest(archive, tmp_path / "liar.tar.gz", promising_more))
    assert failed.returncode == 1 and "giữ nguyên như trước" in failed.stderr, failed.stderr
    assert counts(target.url) == before and state(target) == untouched

    # With --force: a database with more rows (a later installation's) is replaced by the archive's.
    target.ok("createsuperuser", "--noinput", "--username", "quantri2", "--email", "qt2@example.gov.vn",
              DJANGO_SUPERUSER_PASSWORD="Mat-khau-thu-nghiem-2025")
    done = target.ok("restore", "--force", archive)
    assert "Thay thế cơ sở dữ liệu (" in done.stdout and "2 tài khoản" in done.stdout
    assert counts(target.url) == before


def test_a_sqlite_backup_is_refused_by_a_postgresql_installation(source, new_database, tmp_path):
    def from_sqlite(m):
        m["database"] = {"engine": "sqlite", "member": "database/tdkt.sqlite3"}
        m["members"][0]["name"] = "database/tdkt.sqlite3"
        return {"database/tdkt.pgdump": "database/tdkt.sqlite3"}

    archive = with_manifest(source[1], tmp_path / "sqlite.tar.gz", from_sqlite)
    target = Installation(tmp_path / "target", new_database())
    done = target.run("restore", archive)
    assert done.returncode == 1
    assert ("Bản sao lưu là của cơ sở dữ liệu SQLite, còn cơ sở dữ liệu đang cấu hình (DATABASE_URL) là PostgreSQL"
            in done.stderr)
    assert counts(target.url) == {} and not target.media.exists()
