"""The database's part of a backup, per engine.

SQLite: a copy by the online backup API (``sqlite3.Connection.backup``) in one step, which reads one consistent
state while the application goes on writing (WAL); restored by writing a new file beside the database and
renaming it over the old one. PostgreSQL: ``pg_dump --format=custom --no-owner --no-privileges`` of a snapshot
exported by a REPEATABLE READ transaction, in which the migrations and row counts are read too; restored by
``pg_restore`` piped into one ``psql --single-transaction`` that first drops the tables there and last checks
every table's row count, so a failure anywhere leaves the database as it was.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

# The tables that say a database holds an installation's data, with what they hold, for the messages.
# (`tdkt migrate` alone fills the rulebook, the holidays, content types and permissions: that is empty.)
MAIN_TABLES = {
    "org_unit": "đơn vị",
    "org_person": "cán bộ",
    "accounts_user": "tài khoản",
    "records_rating": "kết quả xếp loại",
    "decisions_award": "khen thưởng",
    "dossiers_dossier": "hồ sơ đề nghị",
    "decisions_decision": "quyết định",
}
HOLDS_DATA = ("org_unit", "org_person", "accounts_user")


class EngineError(Exception):
    """Said to the person who runs the command, in Vietnamese."""


def engine() -> str:
    return connection.vendor  # "sqlite", "postgresql", …


def engine_name(vendor) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(vendor, vendor)


def describe(rows: dict) -> str:
    """'12 đơn vị, 2.013 cán bộ, 15 tài khoản' from table → count (the main tables, those with rows)."""
    from core.text import format_count

    parts = [f"{format_count(rows[t])} {label}" for t, label in MAIN_TABLES.items() if rows.get(t)]
    return ", ".join(parts) or "không có đơn vị, cán bộ hay tài khoản nào"


def holds_data(rows: dict) -> bool:
    return any(rows.get(t) for t in HOLDS_DATA)


# --- SQLite -----------------------------------------------------------------------------------------------

def sqlite_path() -> Path:
    name = str(settings.DATABASES["default"]["NAME"])
    if not name or name == ":memory:" or "mode=memory" in name:
        raise EngineError("Cơ sở dữ liệu SQLite nằm trong bộ nhớ (không có tệp): không sao lưu hay phục hồi được.")
    return Path(name)


def _timeout():
    return float(settings.DATABASES["default"].get("OPTIONS", {}).get("timeout", 60))


def sqlite_snapshot(dest: Path) -> dict:
    """Copy the live database to ``dest`` (one consistent state) → its facts (migrations, rows)."""
    source = sqlite_path()
    if not source.exists():
        raise EngineError(f"Không có cơ sở dữ liệu {source}: chưa chạy “tdkt migrate”?")
    src = sqlite3.connect(source, timeout=_timeout())
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)  # pages=-1: the whole database in one step, under one read transaction
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file (the application turns WAL on again)
        finally:
            dst.close()
    finally:
        src.close()
    return sqlite_facts(dest)


def sqlite_facts(path: Path) -> dict:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        rows = {t: db.execute(f'SELECT COUNT(*) FROM "{_ident(t)}"').fetchone()[0] for t in tables}
        migrations = ([list(r) for r in db.execute("SELECT app, name FROM django_migrations ORDER BY app, name")]
                      if "django_migrations" in tables else [])
        version = db.execute("SELECT sqlite_version()").fetchone()[0]
    finally:
        db.close()
    return {"migrations": migrations, "rows": rows, "server_version": version}


def sqlite_check(path: Path) -> str | None:
    """What is wrong with the SQLite file at ``path`` (PRAGMA quick_check), or None."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = [r[0] for r in db.execute("PRAGMA quick_check")]
        finally:
            db.close()
    except sqlite3.DatabaseError as e:
        return str(e)
    return None if result == ["ok"] else "; ".join(result[:3])


def sqlite_target_rows() -> dict:
    """Row counts of the main tables of the database to restore into ({} when there is none)."""
    path = sqlite_path()
    if not path.exists() or path.stat().st_size == 0:
        return {}
    db = sqlite3.connect(path, timeout=_timeout())
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in MAIN_TABLES if t in tables}
    except sqlite3.DatabaseError as e:
        raise EngineError(f"Không đọc được cơ sở dữ liệu {path}: {e}. Không có gì được ghi.") from None
    finally:
        db.close()


def sqlite_swap(new: Path, *, keep_old_as: Path | None):
    """Put ``new`` in place of the database file in one rename; the old one stays as ``keep_old_as``.

    The application must be stopped: a write it makes meanwhile goes to the old file."""
    path = sqlite_path()
    connection.close()
    if path.exists():
        # Fold the write-ahead log into the old file: a log left beside would be read into the new one.
        db = sqlite3.connect(path, timeout=_timeout())
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError as e:
            raise EngineError(
                f"Cơ sở dữ liệu {path} đang được dùng ({e}): hãy dừng ứng dụng (web và worker) rồi phục hồi lại. "
                "Không có gì được ghi.") from None
        finally:
            db.close()
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            raise EngineError(
                f"Cơ sở dữ liệu {path} đang được dùng (còn {wal.name}): hãy dừng ứng dụng (web và worker) rồi "
                "phục hồi lại. Không có gì được ghi.")
        if keep_old_as is not None:
            os.link(path, keep_old_as)
    os.replace(new, path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _ident(name):
    return name.replace('"', '""')


# --- PostgreSQL -----------------------------------------------------------------------------------------

def _pg_env():
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGDATABASE": str(db.get("NAME") or ""), "PGAPPNAME": "tdkt-backup"}
    for key, var in (("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"), ("HOST", "PGHOST"), ("PORT", "PGPORT")):
        if db.get(key):
            env[var] = str(db[key])
    options = db.get("OPTIONS", {})
    for key, var in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT"), ("sslcert", "PGSSLCERT"),
                     ("sslkey", "PGSSLKEY"), ("service", "PGSERVICE"), ("passfile", "PGPASSFILE")):
        if options.get(key):
            env[var] = str(options[key])
    return env


def _server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _tool_major(path) -> int | None:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return None
    m = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(m.group(1)) if m else None


def pg_tool(name: str, server_major: int) -> str:
    """The PostgreSQL client program ``name`` of the server's major version (or the nearest newer one).

    Looked for in TDKT_PG_BIN, on PATH, then in Debian's /usr/lib/postgresql/<version>/bin."""
    candidates = []
    if os.environ.get("TDKT_PG_BIN"):
        candidates.append(str(Path(os.environ["TDKT_PG_BIN"]) / name))
    if found := shutil.which(name):
        candidates.append(found)
    candidates += sorted((str(p) for p in Path("/usr/lib/postgresql").glob(f"*/bin/{name}")), reverse=True)
    versions = {}
    for path in candidates:
        if os.access(path, os.X_OK) and path not in versions:
            versions[path] = _tool_major(path)
    usable = sorted((v, p) for p, v in versions.items() if v is not None and v >= server_major)
    if usable:
        exact = [p for v, p in usable if v == server_major]
        return exact[0] if exact else usable[0][1]
    if not versions:
        raise EngineError(
            f"Không tìm thấy chương trình {name} của PostgreSQL: cài gói postgresql-client-{server_major} "
            f"(apt install postgresql-client-{server_major}) hoặc đặt TDKT_PG_BIN là thư mục chứa {name}. "
            "Không có gì được ghi.")
    found = ", ".join(f"{p} (bản {v})" for p, v in versions.items())
    raise EngineError(
        f"{name} tìm thấy cũ hơn máy chủ PostgreSQL {server_major}: {found}. Cài postgresql-client-{server_major} "
        "hoặc đặt TDKT_PG_BIN. Không có gì được ghi.")


def _run(args, **kwargs):
    done = subprocess.run(args, capture_output=True, text=True, env=_pg_env(), **kwargs)
    if done.returncode != 0:
        raise EngineError(f"{Path(args[0]).name} báo lỗi (mã {done.returncode}): {done.stderr.strip()[-2000:]}")
    return done


def pg_snapshot(dest: Path) -> dict:
    """pg_dump of one snapshot to ``dest``, its migrations and row counts read in the same snapshot."""
    import psycopg
    from psycopg import sql

    pg_dump = pg_tool("pg_dump", _server_major())
    conn = connection.get_new_connection(connection.get_connection_params())
    try:
        conn.autocommit = False
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with conn.cursor() as cur:
            cur.execute("SELECT pg_export_snapshot(), current_schema(), version()")
            snapshot, schema, version = cur.fetchone()
            _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                  f"--file={dest}"])
            cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
            tables = [r[0] for r in cur.fetchall()]
            rows = {}
            for t in tables:
                cur.execute(sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(t)))
                rows[t] = cur.fetchone()[0]
            migrations = []
            if "django_migrations" in tables:
                cur.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
                migrations = [list(r) for r in cur.fetchall()]
        conn.rollback()
    finally:
        conn.close()
    return {"migrations": migrations, "rows": rows, "server_version": version, "schema": schema}


def pg_target_rows() -> dict:
    tables = set(connection.introspection.table_names())
    rows = {}
    with connection.cursor() as cur:
        for t in MAIN_TABLES:
            if t in tables:
                cur.execute(f'SELECT COUNT(*) FROM "{_ident(t)}"')
                rows[t] = cur.fetchone()[0]
    return rows


def pg_check(dump: Path) -> str | None:
    """What is wrong with the dump (pg_restore cannot list it), or None."""
    pg_restore = pg_tool("pg_restore", _server_major())
    try:
        _run([pg_restore, "--list", str(dump)])
    except EngineError as e:
        return str(e)
    return None


_DROP_ALL = """
SET client_min_messages = warning;
DO $tdkt$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') LOOP
    EXECUTE format(CASE r.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS %I CASCADE'
                                  WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS %I CASCADE'
                                  WHEN 'f' THEN 'DROP FOREIGN TABLE IF EXISTS %I CASCADE'
                                  ELSE 'DROP TABLE IF EXISTS %I CASCADE' END, r.relname);
  END LOOP;
  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = current_schema() AND c.relkind = 'S'
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS %I CASCADE', r.relname);
  END LOOP;
END
$tdkt$;
"""


def _literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def _count_check(schema, rows):
    """A block that fails the transaction unless every table holds the rows the manifest says."""
    lines = ["DO $tdkt$", "DECLARE n bigint;", "BEGIN"]
    for table, expected in sorted(rows.items()):
        target = f'"{_ident(schema)}"."{_ident(table)}"'
        lines.append(f"  SELECT COUNT(*) INTO n FROM {target};")
        lines.append(f"  IF n <> {int(expected)} THEN RAISE EXCEPTION 'bảng %: % dòng, bản sao lưu ghi %', "
                     f"{_literal(table)}, n, {int(expected)}; END IF;")
    lines += ["END", "$tdkt$;", ""]
    return "\n".join(lines)


def pg_restore(dump: Path, manifest: dict, workdir: Path):
    """Replace every table of the database by the dump's, in one transaction that also checks the counts."""
    major = _server_major()
    pg_restore_bin, psql = pg_tool("pg_restore", major), pg_tool("psql", major)
    listing = _run([pg_restore_bin, "--list", str(dump)]).stdout
    # COMMENT ON EXTENSION needs the extension's owner (a superuser): the comment is not data.
    kept = "\n".join(line for line in listing.splitlines() if " COMMENT - EXTENSION " not in line)
    (workdir / "list").write_text(kept + "\n")
    (workdir / "before.sql").write_text(_DROP_ALL)
    schema = manifest["database"].get("schema") or "public"
    (workdir / "after.sql").write_text(_count_check(schema, manifest.get("rows", {})))
    connection.close()
    env = _pg_env()
    with tempfile.TemporaryFile() as errors_restore, tempfile.TemporaryFile() as errors_psql:
        source = subprocess.Popen([pg_restore_bin, "--no-owner", "--no-privileges", f"--use-list={workdir / 'list'}",
                                   "--file=-", str(dump)], stdout=subprocess.PIPE, stderr=errors_restore, env=env)
        sink = subprocess.run([psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                               f"--file={workdir / 'before.sql'}", "--file=-", f"--file={workdir / 'after.sql'}"],
                              stdin=source.stdout, stdout=subprocess.DEVNULL, stderr=errors_psql, env=env)
        source.stdout.close()
        source.wait()
        if source.returncode or sink.returncode:
            errors_restore.seek(0)
            errors_psql.seek(0)
            said = (errors_psql.read() or errors_restore.read()).decode(errors="replace").strip()[-2000:]
            raise EngineError(f"PostgreSQL không nhận bản sao lưu, cơ sở dữ liệu giữ nguyên như trước: {said}")
