"""Helpers of the backup tests: installations driven by the real `tdkt` in a subprocess, what they hold, and
archives damaged on purpose."""

import gzip
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

TDKT = Path(sys.executable).parent / "tdkt"


class Installation:
    """A TDKT_DATA_DIR with its database (SQLite in the folder unless ``database_url`` names another)."""

    def __init__(self, data_dir: Path, database_url: str | None = None):
        assert TDKT.exists(), f"{TDKT} is not installed"
        self.data_dir = Path(data_dir)
        self.db = self.data_dir / "tdkt.sqlite3"
        self.url = database_url or f"sqlite:///{self.db}"
        self.media = self.data_dir / "media"

    def run(self, *args, timeout=900, **env):
        environment = {**os.environ, "DATABASE_URL": self.url, "TDKT_DATA_DIR": str(self.data_dir),
                       "DJANGO_SETTINGS_MODULE": "tdkt.settings", **env}
        environment.pop("TDKT_TEST_SQLITE", None)
        return subprocess.run([str(TDKT), *map(str, args)], env=environment, capture_output=True, text=True,
                              timeout=timeout)

    def ok(self, *args, **env):
        done = self.run(*args, **env)
        assert done.returncode == 0, f"tdkt {' '.join(map(str, args))}: {done.stdout}\n{done.stderr}"
        return done

    def add_media(self, files: dict):
        for name, content in files.items():
            path = self.media / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def digests(folder: Path) -> dict:
    """{relative path: sha256} of every file under ``folder``."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def sqlite_counts(path: Path) -> dict:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        db.close()


def sqlite_migrations(path: Path) -> set:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return set(db.execute("SELECT app, name FROM django_migrations"))
    finally:
        db.close()


def state(installation: Installation) -> dict:
    """What a refused restore must leave as it was: the database file's bytes, the files beside it whose
    name starts with it (no half-written new database), MEDIA_ROOT, and no working folder left behind."""
    data = installation.data_dir
    beside = sorted(p.name for p in data.iterdir() if p.name.startswith(installation.db.name) or p.name.startswith(".tdkt-")
                    or p.name.startswith("media")) if data.exists() else []
    db = hashlib.sha256(installation.db.read_bytes()).hexdigest() if installation.db.exists() else None
    return {"database": db, "beside": beside, "media": digests(installation.media)}


# --- archives ------------------------------------------------------------------------------------------

def members(path: Path) -> list[tuple[str, bytes]]:
    with tarfile.open(path, "r:gz") as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]


def manifest_of(path: Path) -> dict:
    return json.loads(dict(members(path))["manifest.json"])


def write_archive(path: Path, items: list[tuple[str, bytes]]):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in items:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    path.write_bytes(gzip.compress(buf.getvalue()))
    return path


def with_member_flipped(source: Path, target: Path, name: str) -> Path:
    """The same archive with one byte of member ``name`` changed (its manifest line left as it was)."""
    items = []
    for n, data in members(source):
        if n == name:
            middle = len(data) // 2
            data = data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]
        items.append((n, data))
    return write_archive(target, items)


def with_manifest(source: Path, target: Path, change) -> Path:
    """The same archive with ``change(manifest)`` applied to its manifest (and ``change`` may rename members:
    it returns {old name: new name})."""
    items = members(source)
    manifest = json.loads(items[0][1])
    renamed = change(manifest) or {}
    out = [("manifest.json", json.dumps(manifest).encode())]
    out += [(renamed.get(n, n), data) for n, data in items[1:]]
    return write_archive(target, out)


def truncated(source: Path, target: Path) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: len(data) * 2 // 3])
    return target


def with_raw_byte_flipped(source: Path, target: Path) -> Path:
    data = bytearray(source.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


def foreign_tar(target: Path) -> Path:
    return write_archive(target, [("README.txt", b"khong phai ban sao luu"), ("data/db.sqlite3", b"SQLite format 3\x00")])
