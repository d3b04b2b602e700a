"""The parsed-store cache: one SQLite index file per store content.

The file name is a hash of the store's bytes (and of the index format), so an edited store is never
answered from a stale index. A cache file is written under a temporary name and renamed into place,
so a crash leaves no half-written index under the real name; on opening, a file whose size disagrees
with its SQLite header, or that SQLite rejects, is deleted and rebuilt. An unwritable or missing
cache directory only costs speed: the index is then built in memory.
"""
from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from .index import FORMAT, Index

ENV_CACHE = "IOMFACTS_CACHE_DIR"
KEEP_FILES = 8  # index files of older store versions kept before the oldest are removed


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


def content_key(blobs: list[bytes], names: list[str]) -> str:
    from _blake2 import blake2b  # the builtin module: hashlib would load OpenSSL, slower to start

    h = blake2b(digest_size=20)
    h.update(FORMAT.encode())
    for name, blob in zip(names, blobs):
        h.update(len(name).to_bytes(8, "little") + name.encode("utf-8", "surrogateescape"))
        h.update(len(blob).to_bytes(8, "little"))
        h.update(blob)
    return h.hexdigest()


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


def _open_cached(path: Path, key: str) -> Index | None:
    if not path.is_file():
        return None
    if _sane_file(path):
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            index = Index(conn)
            if index.key == key:
                return index
            conn.close()
        except sqlite3.Error:
            pass
    try:  # corrupt, truncated or foreign: never trusted
        path.unlink()
    except OSError:
        pass
    return None


def _build_in(conn: sqlite3.Connection, files: list[Path], texts: list[str], key: str) -> None:
    from . import index, store

    parsed = store.parse_store(files, texts)
    index.build(conn, parsed.sources, parsed.facts, key)


def _prune(directory: Path, keep: Path) -> None:
    try:
        olds = sorted((p for p in directory.glob("store-*.sqlite") if p != keep), key=lambda p: p.stat().st_mtime)
        for p in olds[: max(0, len(olds) - (KEEP_FILES - 1))]:
            p.unlink()
    except OSError:
        pass


def open_index(files: list[Path], *, use_cache: bool = True, cache_dir: str | os.PathLike[str] | None = None) -> Index:
    """The index of a store's files: from the cache when it is sound, else freshly built."""
    from .store import _decode, read_bytes

    blobs = [read_bytes(f) for f in files]
    key = content_key(blobs, [f.name for f in files])
    directory = globals()["cache_dir"](cache_dir)
    target = directory / f"store-{key}.sqlite"
    if use_cache:
        index = _open_cached(target, key)
        if index is not None:
            return index
    texts = [_decode(f, b) for f, b in zip(files, blobs)]
    if use_cache:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".build-", suffix=".sqlite", dir=directory)
            os.close(fd)
        except OSError:
            tmp = None
        if tmp is not None:
            try:
                conn = sqlite3.connect(tmp)
                try:
                    _build_in(conn, files, texts, key)
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
    _build_in(conn, files, texts, key)
    return Index(conn)
