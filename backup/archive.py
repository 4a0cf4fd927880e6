"""The backup archive, format ``tdkt-backup`` version 1.

One gzip-compressed tar (PAX) whose members are, in this order:

- ``manifest.json`` first, so that a foreign or too new archive is refused before anything else is read;
- ``database/tdkt.sqlite3`` (a SQLite file made by the online backup API) or ``database/tdkt.pgdump``
  (``pg_dump --format=custom``);
- ``media/<path>``: every file under MEDIA_ROOT.

The manifest names every other member with its size and sha256; reading checks each of them, that none is
missing or added, and the gzip trailer (CRC and length), so a flipped byte or a cut file is refused.
"""

import gzip
import hashlib
import io
import json
import os
import re
import tarfile
import zlib
from pathlib import Path, PurePosixPath

FORMAT = "tdkt-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/tdkt.sqlite3", "postgresql": "database/tdkt.pgdump"}
MEDIA = "media/"
# Level 1: on the city-scale demo's 650 MB database it writes about 3 times faster than level 6 for an
# archive about 15 % larger (zlib, measured on this machine: 115 MB/s against 40 MB/s).
COMPRESSLEVEL = 1
CHUNK = 1 << 20
MANIFEST_LIMIT = 256 * 1024 * 1024
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Refused(Exception):
    """The archive cannot be restored here; the message says why, in Vietnamese, for the person who runs it."""


def damaged(why):
    return Refused(f"Tệp sao lưu bị hỏng, không phục hồi: {why}. Không có gì được ghi.")


def foreign(why):
    return Refused(f"Tệp này không phải bản sao lưu của tdkt ({why}). Không có gì được ghi.")


def file_digest(path) -> tuple[int, str]:
    h, size = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return size, h.hexdigest()


def safe_member(name) -> bool:
    """A member name that can only land inside the folder it is extracted to."""
    if not isinstance(name, str) or not name or "\x00" in name or name.startswith("/"):
        return False
    parts = PurePosixPath(name).parts
    if any(part in ("", ".", "..") for part in parts) or "//" in name:
        return False
    return name in DATABASE_MEMBERS.values() or (name.startswith(MEDIA) and len(parts) >= 2)


# --- writing --------------------------------------------------------------------------------------------

class _Hashing(io.RawIOBase):
    def __init__(self, f):
        self.f, self.h = f, hashlib.sha256()

    def readable(self):
        return True

    def read(self, n=-1):
        data = self.f.read(n)
        self.h.update(data)
        return data


def write(dest: Path, manifest: dict, files: dict[str, Path]) -> int:
    """Write the archive to ``dest`` through ``dest.partial``, renamed only once complete and on disk.

    ``files`` maps each member named in the manifest to the file holding it; a file that no longer matches
    its manifest line (changed while the archive was written) stops the backup. → the archive's size."""
    dest = Path(dest)
    partial = dest.with_name(dest.name + ".partial")
    entries = {m["name"]: m for m in manifest["members"]}
    try:
        partial.unlink(missing_ok=True)  # a left-over of a backup cut short, with whatever mode it had
        # Readable by its owner only: it holds everything, password hashes and ballots included.
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=COMPRESSLEVEL) as gz:
                with tarfile.open(fileobj=gz, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                    body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                    tar.addfile(_info(MANIFEST, len(body), manifest), io.BytesIO(body))
                    for name, path in files.items():
                        entry = entries[name]
                        with open(path, "rb") as f:
                            if os.fstat(f.fileno()).st_size != entry["size"]:
                                raise OSError(f"tệp {name} đã thay đổi trong lúc sao lưu; hãy chạy lại")
                            reader = _Hashing(f)
                            tar.addfile(_info(name, entry["size"], manifest), reader)
                            if reader.h.hexdigest() != entry["sha256"]:
                                raise OSError(f"tệp {name} đã thay đổi trong lúc sao lưu; hãy chạy lại")
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _sync_dir(dest.parent)
    return dest.stat().st_size


def _info(name, size, manifest):
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.type = size, 0o644, tarfile.REGTYPE
    info.mtime = manifest.get("created_epoch", 0)
    return info


def _sync_dir(folder):
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- reading --------------------------------------------------------------------------------------------

def read(path, *, on_manifest, sink):
    """Read and check the whole archive.

    ``on_manifest(manifest)`` is called once the manifest is read and checked, before any other member, and
    may refuse (raise Refused). ``sink(name, entry)`` returns a binary file to write the member to, or None to
    only check it. Every member is checked against the manifest; the gzip trailer is checked at the end.
    → the manifest. Raises Refused (the message in Vietnamese) for a damaged or foreign archive."""
    try:
        raw = open(path, "rb")
    except OSError as e:
        raise Refused(f"Không đọc được tệp {path}: {e.strerror or e}.") from None
    with raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if gzipped else raw
        try:
            return _read(stream, on_manifest, sink)
        except (tarfile.TarError, gzip.BadGzipFile, zlib.error, EOFError) as e:
            raise damaged(_reason(e)) from None


def _reason(e):
    text = str(e)
    if isinstance(e, EOFError) or "unexpected end" in text or "end of data" in text:
        return "tệp bị cắt cụt (thiếu phần cuối)"
    if isinstance(e, (gzip.BadGzipFile, zlib.error)):
        return f"phần nén gzip không đọc được ({text})"
    return f"phần tar không đọc được ({text})"


def _read(stream, on_manifest, sink):
    try:
        tar = tarfile.open(fileobj=stream, mode="r|")
    except tarfile.ReadError:
        raise foreign("không phải tệp .tar hay .tar.gz") from None
    with tar:
        first = tar.next()
        if first is None or first.name != MANIFEST or not first.isfile():
            raise foreign(f"không có {MANIFEST} ở đầu tệp")
        if first.size > MANIFEST_LIMIT:
            raise foreign(f"{MANIFEST} quá lớn")
        manifest = parse_manifest(tar.extractfile(first).read())
        on_manifest(manifest)
        expected = {m["name"]: m for m in manifest["members"]}
        seen = set()
        while (info := tar.next()) is not None:
            name = info.name
            if name not in expected:
                raise damaged(f"có tệp {name!r} không được ghi trong {MANIFEST}")
            if name in seen or not info.isfile():
                raise damaged(f"tệp {name!r} lặp lại hoặc không phải tệp thường")
            entry = expected[name]
            if info.size != entry["size"]:
                raise damaged(f"tệp {name} dài {info.size} byte, {MANIFEST} ghi {entry['size']}")
            out = sink(name, entry)
            h, source = hashlib.sha256(), tar.extractfile(info)
            while chunk := source.read(CHUNK):
                h.update(chunk)
                if out is not None:
                    out.write(chunk)
            if out is not None:
                out.close()
            if h.hexdigest() != entry["sha256"]:
                raise damaged(f"tệp {name} không khớp mã kiểm tra sha256 ghi trong {MANIFEST}")
            seen.add(name)
        missing = sorted(set(expected) - seen)
        if missing:
            raise damaged(f"thiếu {len(missing)} tệp ghi trong {MANIFEST} (đầu tiên: {missing[0]})")
    # The tar ends before gzip's trailer: read to the end, which checks its CRC and length.
    while stream.read(CHUNK):
        pass
    return manifest


def parse_manifest(body: bytes) -> dict:
    try:
        manifest = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise damaged(f"{MANIFEST} không phải JSON đọc được") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise foreign(f"{MANIFEST} không ghi định dạng {FORMAT}")
    version = manifest.get("format_version")
    if version != VERSION:
        raise Refused(
            f"Bản sao lưu có định dạng {FORMAT} phiên bản {version}, phiên bản tdkt này chỉ đọc phiên bản {VERSION}: "
            "hãy phục hồi bằng phiên bản tdkt đã tạo ra nó. Không có gì được ghi.")
    problem = _manifest_problem(manifest)
    if problem:
        raise damaged(f"{MANIFEST} không hợp lệ: {problem}")
    return manifest


def _manifest_problem(m):
    database = m.get("database")
    if not isinstance(database, dict) or database.get("engine") not in DATABASE_MEMBERS:
        return "thiếu hoặc sai loại cơ sở dữ liệu"
    migrations = m.get("migrations")
    if not isinstance(migrations, list) or not all(
            isinstance(x, list) and len(x) == 2 and all(isinstance(y, str) for y in x) for x in migrations):
        return "danh sách migration sai"
    members = m.get("members")
    if not isinstance(members, list):
        return "thiếu danh sách tệp"
    names = set()
    for entry in members:
        if not isinstance(entry, dict) or not safe_member(entry.get("name")):
            return f"tên tệp không hợp lệ: {entry.get('name') if isinstance(entry, dict) else entry!r}"
        if not isinstance(entry.get("size"), int) or entry["size"] < 0 or not SHA256.match(str(entry.get("sha256"))):
            return f"kích thước hoặc sha256 sai ở {entry['name']}"
        if entry["name"] in names:
            return f"tệp {entry['name']} ghi hai lần"
        names.add(entry["name"])
    databases = names & set(DATABASE_MEMBERS.values())
    if databases != {DATABASE_MEMBERS[database["engine"]]}:
        return "tệp cơ sở dữ liệu không khớp loại cơ sở dữ liệu"
    if not isinstance(m.get("rows", {}), dict):
        return "số dòng các bảng sai"
    return None
