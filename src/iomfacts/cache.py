"""The parsed-store cache: one SQLite index file per store content.

The file name is a hash of the store's bytes (and of the index format), so an edited store is never
answered from a stale index. A cache file is written under a temporary name and renamed into place,
so a crash leaves no half-written index under the real name; on opening, a file whose size disagrees
with its SQLite header, that SQLite rejects, or that holds another store or format, is deleted and
rebuilt. An unwritable or missing cache directory only costs speed: the index is then built in memory.

Hashing a store of a million facts (hundreds of MB) would cost a second on every run, so the digest
of each large file is remembered in ``stamps.json`` beside the index files, with what ``stat`` said
of the file (device, inode, size, modification and change times, to the nanosecond). Any write to a
file changes its change time, which no program can set back, so a changed file is always hashed
afresh; a file modified in the last few seconds is never stamped, so two writes within the same clock
tick cannot hide behind one stamp.
"""
from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .index import FORMAT, Index

ENV_CACHE = "IOMFACTS_CACHE_DIR"
KEEP_FILES = 8  # index files of older store versions kept before the oldest are removed
STAMP_MIN_BYTES = 1 << 16  # smaller files are hashed on every run: quicker than reading a stamp
STAMP_SETTLED_NS = 3 * 10**9  # a file written less than this long ago is not stamped
STAMPS_KEPT = 512
_BLOCK = 1 << 20


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """$IOMFACTS_CACHE_DIR, else the platform's user cache directory."""
    chosen = override or os.environ.get(ENV_CACHE)
    if chosen:
        return Path(chosen).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iomfacts"


def _hasher():  # type: ignore[no-untyped-def]
    from _blake2 import blake2b  # the builtin module: hashlib would load OpenSSL, slower to start

    return blake2b(digest_size=20)


def content_key(blobs: list[bytes], names: list[str]) -> str:
    """The cache key of a store given its files' bytes (equal to ``store_key`` of those files)."""
    digests = []
    for blob in blobs:
        h = _hasher()
        h.update(blob)
        digests.append((len(blob), h.hexdigest()))
    return _combine(digests, names)


_CODE_VERSION: bytes | None = None

# The modules whose code decides what an index holds: a cache written by another version of any of
# them is not this version's index, whatever FORMAT says.
_INDEXING_MODULES = ("text.py", "index.py", "model.py", "store.py", "validate.py", "dates.py", "answers.py")


def _code_version() -> bytes:
    """FORMAT and a hash of the indexing code (read once per process; a fraction of a millisecond)."""
    global _CODE_VERSION
    if _CODE_VERSION is None:
        h = _hasher()
        h.update(FORMAT.encode())
        here = Path(__file__).parent
        for name in _INDEXING_MODULES:
            try:
                h.update((here / name).read_bytes())
            except OSError:  # installed without its sources: FORMAT alone tells versions apart
                pass
        _CODE_VERSION = h.hexdigest().encode()
    return _CODE_VERSION


def _combine(digests: list[tuple[int, str]], names: list[str]) -> str:
    h = _hasher()
    h.update(_code_version())
    for name, (size, digest) in zip(names, digests):
        h.update(len(name).to_bytes(8, "little") + name.encode("utf-8", "surrogateescape"))
        h.update(size.to_bytes(8, "little") + digest.encode())
    return h.hexdigest()


def file_digest(path: Path) -> tuple[int, str]:
    """(size, hash) of a file's bytes, read in blocks so that a huge store is never all in memory."""
    from .errors import Problem, StoreError
    from .store import MAX_FILE_BYTES

    h = _hasher()
    size = 0
    try:
        with open(path, "rb") as fh:
            while block := fh.read(_BLOCK):
                h.update(block)
                size += len(block)
                if size > MAX_FILE_BYTES:  # an endless device or pipe (/dev/zero) must not hash forever
                    raise StoreError([Problem(str(path), None, f"the file is over the {MAX_FILE_BYTES // 2**20} MiB limit",
                                              "split the store into several files in a directory")])
    except OSError as exc:
        raise StoreError([Problem(str(path), None, f"cannot read the file: {exc.strerror or exc}", "check its permissions")]) from None
    return size, h.hexdigest()


def _stat_id(st: os.stat_result) -> list[int]:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _read_stamps(directory: Path) -> dict[str, list]:
    import json

    try:
        with open(directory / "stamps.json", "rb") as fh:
            stamps = json.loads(fh.read())
        return stamps if isinstance(stamps, dict) else {}
    except (OSError, ValueError):
        return {}  # none yet, unreadable or corrupt: hash the files


def _write_stamps(directory: Path, stamps: dict[str, list]) -> None:
    import json
    import tempfile

    try:
        kept = dict(list(stamps.items())[-STAMPS_KEPT:])
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".stamps-", suffix=".json", dir=directory)
        with os.fdopen(fd, "w") as fh:
            json.dump(kept, fh)
        os.replace(tmp, directory / "stamps.json")
    except OSError:
        pass  # only costs the hashing again next time


def store_key(files: list[Path], directory: Path | None = None) -> str:
    """The cache key of a store: a hash of its format, file names and bytes.

    With a cache ``directory``, a large file whose ``stat`` is exactly as when it was last hashed
    is not read again (see the module's docstring).
    """
    stamps = None
    changed = False
    digests: list[tuple[int, str]] = []
    now = time.time_ns()
    for f in files:
        if directory is None:
            digests.append(file_digest(f))
            continue
        try:
            st = f.stat()
        except OSError:
            digests.append(file_digest(f))  # raises the StoreError that says why
            continue
        if st.st_size < STAMP_MIN_BYTES:
            digests.append(file_digest(f))
            continue
        if stamps is None:
            stamps = _read_stamps(directory)
        name = os.path.abspath(f)
        ident = _stat_id(st)
        stamp = stamps.get(name)
        if isinstance(stamp, list) and len(stamp) == 6 and stamp[:5] == ident and isinstance(stamp[5], str):
            digests.append((st.st_size, stamp[5]))
            continue
        size, digest = file_digest(f)
        digests.append((size, digest))
        after = f.stat()
        settled = now - max(after.st_mtime_ns, after.st_ctime_ns) > STAMP_SETTLED_NS
        if settled and _stat_id(after) == ident and size == st.st_size:
            stamps.pop(name, None)
            stamps[name] = [*ident, digest]
            changed = True
    if changed and stamps is not None and directory is not None:
        _write_stamps(directory, stamps)
    return _combine(digests, [f.name for f in files])


def _sane_file(path: Path) -> bool:
    """An SQLite file whose length matches the page count in its header (catches truncation)."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
        size = path.stat().st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return pages > 0 and page_size * pages == size


def _open_cached(path: Path, key: str, heal: Callable[[], sqlite3.Connection] | None = None) -> Index | None:
    if not path.is_file():
        return None
    if _sane_file(path):
        try:
            # Read-only and immutable: a cache file is never changed once renamed into place, so
            # SQLite may skip locking. The path goes in a URI, percent-encoded.
            uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            try:
                index = Index(conn, heal)
                index.uri = uri
                if index.key == key:
                    return index
            except (sqlite3.Error, ValueError, KeyError):
                pass
            conn.close()
        except sqlite3.Error:
            pass
    try:  # corrupt, truncated, foreign or of another format: never trusted
        path.unlink()
    except OSError:
        pass
    return None


def _build_in(conn: sqlite3.Connection, files: list[Path], key: str) -> None:
    from . import index, store

    with store.quiet_gc():
        texts = [store._decode(f, store.read_bytes(f)) for f in files]
        parsed = store.parse_store(files, texts)
        del texts  # the parsed store is all that is needed from here on
        index.build(conn, parsed.sources, parsed.facts, key)


def _prune(directory: Path, keep: Path) -> None:
    try:
        olds = sorted((p for p in directory.glob("store-*.sqlite") if p != keep), key=lambda p: p.stat().st_mtime)
        for p in olds[: max(0, len(olds) - (KEEP_FILES - 1))]:
            p.unlink()
    except OSError:
        pass


def _directory(override: str | os.PathLike[str] | None) -> Path | None:
    try:
        return cache_dir(override)
    except (RuntimeError, KeyError, OSError):  # no home directory to be found (HOME unset, no passwd entry)
        return None


def open_index(files: list[Path], *, use_cache: bool = True, cache_dir: str | os.PathLike[str] | None = None) -> Index:
    """The index of a store's files: from the cache when it is sound, else freshly built."""
    directory = _directory(cache_dir) if use_cache else None
    if directory is None:  # --no-cache, or nowhere to cache: build in memory, write nothing
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        _build_in(conn, files, "")
        return Index(conn)
    key = store_key(files, directory)
    target = directory / f"store-{key}.sqlite"

    def heal() -> sqlite3.Connection:
        """A sound index in place of a cache file found damaged while reading it."""
        try:
            target.unlink()
        except OSError:
            pass
        return _build(files, directory, target, key).conn

    return _open_cached(target, key, heal) or _build(files, directory, target, key)


def _build(files: list[Path], directory: Path, target: Path, key: str) -> Index:
    """Build the index into the cache (written aside, then renamed into place), else in memory."""
    tmp = None
    try:
        import tempfile

        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".build-", suffix=".sqlite", dir=directory)
        os.close(fd)
    except OSError:
        tmp = None
    if tmp is not None:
        try:
            conn = sqlite3.connect(tmp)
            try:
                _build_in(conn, files, key)
            finally:
                conn.close()
            os.replace(tmp, target)
            _prune(directory, target)
            index = _open_cached(target, key)
            if index is not None:
                return index
        except (OSError, sqlite3.Error):
            pass  # an unwritable or full disk: fall back to memory below
        finally:
            if os.path.exists(tmp):
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    _build_in(conn, files, key)
    return Index(conn)
