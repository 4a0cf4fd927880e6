"""`tdkt backup` and `tdkt restore`: what goes into an archive, and the checks before anything is restored.

What is kept: the database and MEDIA_ROOT (decisions' Word and PDF files, certificates, uploaded signed scans).
What is left out of TDKT_DATA_DIR, on purpose: ``uploads/`` (an import's file waits there only until the worker
has run it, and the worker's queue is not kept either), ``exports/`` (eligibility workbooks, made again from the
page), ``huey.sqlite3`` (the task queue: the daily tasks run again by themselves), ``static/`` (made by
``collectstatic``) and ``secret_key`` (a key, not data: after a restore elsewhere people sign in again).
"""

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from core.text import format_count

from . import archive, engines
from .archive import Refused
from .engines import EngineError

LEFT_OUT = ["uploads/", "exports/", "huey.sqlite3", "static/", "secret_key"]


def tdkt_version() -> str:
    """`git describe` of the code when it is a checkout, else the installed package's version."""
    try:
        done = subprocess.run(["git", "describe", "--tags", "--always", "--dirty"], cwd=settings.BASE_DIR,
                              capture_output=True, text=True, timeout=10)
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    except OSError:
        pass
    return package_version()


def package_version() -> str:
    try:
        return version("tdkt")
    except PackageNotFoundError:
        return "không rõ"


def megabytes(n) -> str:
    return f"{n / 1_000_000:.1f}".replace(".", ",") + " MB"


def seconds(s) -> str:
    return f"{s:.1f}".replace(".", ",") + " giây"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


# --- backup ---------------------------------------------------------------------------------------------

@dataclass
class Written:
    path: Path
    size: int
    files: int
    database_size: int
    seconds: float
    skipped: list = field(default_factory=list)


def make_backup(dest, *, warn=lambda message: None) -> Written:
    """The database, then MEDIA_ROOT's files, into one archive at ``dest`` (written through ``dest.partial``).

    The database is read first, as one consistent state; the files after it. A file that appears meanwhile is
    kept (nothing points at it yet, or a row newer than the copy does); one deleted meanwhile is skipped with a
    warning. Files are hard-linked aside at once (copied when they cannot be), so that a deletion during the
    compression does not matter."""
    started = time.monotonic()
    dest = Path(dest).resolve()
    if not dest.parent.is_dir():
        raise EngineError(f"Không có thư mục {dest.parent} để ghi bản sao lưu.")
    vendor = engines.engine()
    if vendor not in archive.DATABASE_MEMBERS:
        raise EngineError(f"Chưa sao lưu được cơ sở dữ liệu {vendor}: chỉ SQLite và PostgreSQL.")
    media = media_root()
    # Beside MEDIA_ROOT, so that its files can be hard-linked.
    work_parent = media.parent if media.parent.is_dir() else Path(settings.DATA_DIR)
    work = Path(tempfile.mkdtemp(prefix=".tdkt-backup-", dir=work_parent))
    try:
        db_member = archive.DATABASE_MEMBERS[vendor]
        db_file = work / "database"
        created = timezone.localtime()
        facts = engines.sqlite_snapshot(db_file) if vendor == "sqlite" else engines.pg_snapshot(db_file)
        files = {db_member: db_file}
        skipped = []
        for name, source in _media_files(media, warn):
            staged = work / "files" / name
            staged.parent.mkdir(parents=True, exist_ok=True)
            try:
                _link_or_copy(source, staged)
            except FileNotFoundError:
                skipped.append(name)
                warn(f"Bỏ qua {name}: tệp đã bị xóa trong lúc sao lưu.")
                continue
            files[name] = staged
        members = []
        for name, path in files.items():
            size, digest = archive.file_digest(path)
            members.append({"name": name, "size": size, "sha256": digest})
        manifest = {
            "format": archive.FORMAT,
            "format_version": archive.VERSION,
            "created_at": created.isoformat(timespec="seconds"),
            "created_epoch": int(created.timestamp()),
            "tdkt_version": tdkt_version(),
            "package_version": package_version(),
            "database": {"engine": vendor, "member": db_member, "server_version": facts["server_version"],
                         **({"schema": facts["schema"]} if "schema" in facts else {})},
            "migrations": facts["migrations"],
            "rows": facts["rows"],
            "members": members,
            "left_out": LEFT_OUT,
        }
        size = archive.write(dest, manifest, files)
        return Written(path=dest, size=size, files=len(files) - 1, database_size=members[0]["size"],
                       seconds=time.monotonic() - started, skipped=skipped)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _media_files(media: Path, warn):
    """(member name, path) of every regular file under MEDIA_ROOT, in a stable order."""
    if not media.is_dir():
        return
    for folder, dirs, names in os.walk(media):
        dirs.sort()
        for n in sorted(names):
            path = Path(folder) / n
            rel = path.relative_to(media).as_posix()
            if path.is_symlink() or (path.exists() and not path.is_file()):
                warn(f"Bỏ qua {archive.MEDIA}{rel}: không phải tệp thường.")
                continue
            yield archive.MEDIA + rel, path


def _link_or_copy(source: Path, target: Path):
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copyfile(source, target)


# --- restore --------------------------------------------------------------------------------------------

def code_migrations():
    """(known, leaves): every migration the code has (squashed ones included), and the latest of each app."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for key, migration in loader.disk_migrations.items():
        known.update(tuple(r) for r in (migration.replaces or ()))
    return known, set(loader.graph.leaf_nodes())


def check_compatible(manifest):
    """Refuse an archive of another engine, or one made by newer code (migrations this code does not have)."""
    here, there = engines.engine(), manifest["database"]["engine"]
    if here != there:
        raise Refused(
            f"Bản sao lưu là của cơ sở dữ liệu {engines.engine_name(there)}, còn cơ sở dữ liệu đang cấu hình "
            f"(DATABASE_URL) là {engines.engine_name(here)}: tdkt chỉ phục hồi vào cùng loại cơ sở dữ liệu. Hãy đặt "
            f"DATABASE_URL là một cơ sở dữ liệu {engines.engine_name(there)} rồi phục hồi lại. Không có gì được ghi.")
    known, _ = code_migrations()
    unknown = sorted({tuple(m) for m in manifest["migrations"]} - known)
    if unknown:
        names = ", ".join(f"{a}.{n}" for a, n in unknown[:5]) + (f" và {len(unknown) - 5} migration khác" if len(unknown) > 5 else "")
        raise Refused(
            f"Bản sao lưu được tạo bởi phiên bản tdkt mới hơn mã đang chạy ({manifest.get('tdkt_version', 'không rõ')}): "
            f"mã này không có các migration {names}. Hãy cài phiên bản tdkt mới hơn (ít nhất bằng phiên bản đã "
            "sao lưu) rồi phục hồi lại. Không có gì được ghi.")


def pending_migrations(manifest) -> list:
    """The latest migrations of the code that the backup has not applied: the code is newer, migrate after."""
    _, leaves = code_migrations()
    applied = {tuple(m) for m in manifest["migrations"]}
    return sorted(leaf for leaf in leaves if leaf not in applied)


def target_rows() -> dict:
    return engines.sqlite_target_rows() if engines.engine() == "sqlite" else engines.pg_target_rows()


def media_count(media: Path) -> int:
    if not media.is_dir():
        return 0
    return sum(len(names) for _, _, names in os.walk(media))


@dataclass
class Restored:
    manifest: dict
    files: int
    seconds: float
    migrated: list
    kept: list = field(default_factory=list)


def check(path) -> dict:
    """Read the whole archive and check it, writing nothing where the application keeps its data.

    → the manifest. The database is also opened: SQLite's quick_check on a temporary copy, or pg_restore's
    listing of the dump."""
    with tempfile.TemporaryDirectory(prefix="tdkt-check-") as tmp:
        db_file = Path(tmp) / "database"

        def sink(name, entry):
            return open(db_file, "wb") if name in archive.DATABASE_MEMBERS.values() else None

        manifest = archive.read(path, on_manifest=check_compatible, sink=sink)
        _check_database(manifest, db_file)
    return manifest


def _check_database(manifest, db_file):
    if manifest["database"]["engine"] == "sqlite":
        problem = engines.sqlite_check(db_file)
        if problem is None:
            rows = engines.sqlite_facts(db_file)["rows"]
            if rows != manifest.get("rows", rows):
                problem = "số dòng các bảng khác với manifest.json"
    else:
        problem = engines.pg_check(db_file)
    if problem:
        raise archive.damaged(f"cơ sở dữ liệu trong bản sao lưu không đọc được ({problem})")


def restore(path, *, force=False, say=lambda message: None) -> Restored:
    """Restore the archive into the configured database and MEDIA_ROOT, all or nothing.

    Refused (nothing written) for a damaged or foreign archive, another engine, newer code, or a database or
    media folder that holds data, unless ``force``. Everything is read and checked into a folder beside the
    data first; then the database is swapped in (SQLite: one rename; PostgreSQL: one transaction), then the
    folder of files. The code newer than the backup: `migrate` after."""
    started = time.monotonic()
    vendor = engines.engine()
    media = media_root()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    plan = {}

    def on_manifest(manifest):
        check_compatible(manifest)
        rows = target_rows()
        files_there = media_count(media)
        if (engines.holds_data(rows) or files_there) and not force:
            where = str(engines.sqlite_path()) if vendor == "sqlite" else str(settings.DATABASES["default"].get("NAME"))
            held = []
            if engines.holds_data(rows):
                held.append(f"cơ sở dữ liệu {where} có {engines.describe(rows)}")
            if files_there:
                held.append(f"thư mục {media} có {format_count(files_there)} tệp")
            raise Refused(
                f"Nơi phục hồi đã có dữ liệu: {'; '.join(held)}. "
                "Phục hồi sẽ thay thế toàn bộ cơ sở dữ liệu và thư mục tệp bằng bản sao lưu"
                + (" (bản cũ được giữ lại bên cạnh)" if vendor == "sqlite" else
                   " (dữ liệu cũ trong PostgreSQL bị xóa: hãy chạy “tdkt backup” trước)")
                + ". Nếu đúng là muốn vậy, chạy lại với --force. Không có gì được ghi.")
        plan.update(rows=rows, files_there=files_there)

    if vendor == "sqlite":
        db_path = engines.sqlite_path()
        db_path.parent.mkdir(parents=True, exist_ok=True)
        new_db = db_path.with_name(f"{db_path.name}.restore-{stamp}-{os.getpid()}")
    media.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tdkt-restore-", dir=media.parent))
    staged_media = work / "media"
    staged_media.mkdir()
    db_file = new_db if vendor == "sqlite" else work / "database.pgdump"

    def sink(name, entry):
        if name in archive.DATABASE_MEMBERS.values():
            return open(db_file, "wb")
        target = staged_media / name[len(archive.MEDIA):]
        target.parent.mkdir(parents=True, exist_ok=True)
        return open(target, "wb")

    try:
        manifest = archive.read(path, on_manifest=on_manifest, sink=sink)
        if vendor == "sqlite":
            _check_database(manifest, db_file)
        kept = []
        had_data = engines.holds_data(plan["rows"])
        if force and (had_data or plan["files_there"]):
            say(f"Thay thế cơ sở dữ liệu ({engines.describe(plan['rows'])}) và {format_count(plan['files_there'])} tệp "
                f"trong {media}.")
        if vendor == "sqlite":
            keep = db_path.with_name(f"{db_path.name}.before-restore-{stamp}") if had_data else None
            engines.sqlite_swap(new_db, keep_old_as=keep)
            if keep:
                kept.append(keep)
        else:
            engines.pg_restore(db_file, manifest, work)
        if media.exists():
            if plan["files_there"]:
                aside = media.with_name(f"{media.name}.before-restore-{stamp}")
                media.rename(aside)
                kept.append(aside)
            else:
                shutil.rmtree(media)
        staged_media.rename(media)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if vendor == "sqlite" and new_db.exists():
            new_db.unlink()
    connection.close()
    migrated = pending_migrations(manifest)
    if migrated:
        say("Mã mới hơn bản sao lưu: chạy migrate.")
        call_command("migrate", interactive=False, verbosity=0)
    return Restored(manifest=manifest, files=len(manifest["members"]) - 1, seconds=time.monotonic() - started,
                    migrated=migrated, kept=kept)
