"""The index cache: keyed by the store's content, never trusted when damaged, never fatal.

Each case asks a question through the command line (in-process, or as a separate process where
the environment matters) and checks the answer, then checks what the cache directory holds.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from iomfacts import cache, load_store

QUESTION = "When was the Example Programme founded?"

STORE = """\
schema: 1
sources:
  - id: example-report
    title: Example Report
    publisher: Example Publisher
    author: null
    published: "2020"
    kind: report
    file: example.txt
facts:
  - id: example-programme-founded
    statement: The Example Programme was founded in 1999 in Ghent.
    answer: "1999"
    date: "1999"
    topics: [history]
    entities: [Example Programme, Ghent]
    citations:
      - source: example-report
        quote: The Example Programme, founded in 1999 in Ghent,
        section: null
  - id: example-programme-budget
    statement: The Example Programme has a yearly budget of 2 million euro.
    answer: 2 million euro
    topics: [funding]
    entities: [Example Programme]
    citations:
      - source: example-report
        quote: a yearly budget of 2 million euro
        section: Funding
"""


def write_store(path: Path, text: str = STORE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def ask(cli: Any, *args: str) -> dict[str, Any]:
    """ask --json through the command line: exit 0, nothing on stderr, the parsed answer."""
    code, out, err = cli(*args, "ask", "--json", QUESTION)
    assert (code, err) == (0, ""), err
    return json.loads(out)


def top(cli: Any, *args: str) -> tuple[str, str]:
    first = ask(cli, *args)["answers"][0]
    return first["id"], first["answer"]


def index_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("store-*.sqlite")) if directory.is_dir() else []


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("IOMFACTS_CACHE_DIR", str(path))
    return path


# --- keyed by content ---------------------------------------------------------------------------

def test_an_edited_store_is_never_answered_from_a_stale_cache(tmp_path: Path, cache_dir: Path, cli: Any) -> None:
    data = write_store(tmp_path / "store.yaml")
    assert top(cli, "--data", str(data)) == ("example-programme-founded", "1999")
    assert len(index_files(cache_dir)) == 1
    # The same length and the same modification time: only the content tells the edit apart.
    stat = data.stat()
    write_store(data, STORE.replace('answer: "1999"', 'answer: "1998"').replace("in 1999 in", "in 1998 in"))
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert data.stat().st_size == stat.st_size
    assert top(cli, "--data", str(data)) == ("example-programme-founded", "1998")
    assert len(index_files(cache_dir)) == 2  # one index per content; the older one is kept for a while


def test_another_version_of_the_indexing_code_builds_its_own_index(tmp_path: Path, cache_dir: Path, cli: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data = write_store(tmp_path / "store.yaml")
    assert top(cli, "--data", str(data)) == ("example-programme-founded", "1999")
    monkeypatch.setattr(cache, "_CODE_VERSION", b"another version of text.py")
    assert top(cli, "--data", str(data)) == ("example-programme-founded", "1999")
    assert len(index_files(cache_dir)) == 2  # never the index the other version wrote


def test_every_module_whose_code_decides_an_index_is_in_its_version() -> None:
    # what index.py imports reads facts into the index's rows (answers.py its answer flags, text.py its
    # terms): a change to any of them must build a new index; parallel.py only spreads the work
    import ast

    src = ROOT / "src" / "iomfacts"
    imported = set()
    for node in ast.walk(ast.parse((src / "index.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            imported |= {node.module} if node.module else {a.name for a in node.names}
    assert {f"{m}.py" for m in imported} - {"parallel.py"} <= set(cache._INDEXING_MODULES)


def test_a_large_file_stamped_as_hashed_is_hashed_again_once_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large file's digest is remembered with its stat (see cache.py); any write changes the
    file's change time, so an edit that keeps its size and modification time is still seen."""
    monkeypatch.setattr(cache, "STAMP_MIN_BYTES", 0)
    monkeypatch.setattr(cache, "STAMP_SETTLED_NS", -10**12)  # stamp at once (normally: once a few seconds old)
    data = write_store(tmp_path / "store.yaml")
    directory = tmp_path / "cache"
    assert load_store(data, cache_dir=directory).get("example-programme-founded").answer == "1999"
    stamps = json.loads((directory / "stamps.json").read_text())
    assert list(stamps) == [os.path.abspath(data)]
    stat = data.stat()
    write_store(data, STORE.replace('answer: "1999"', 'answer: "1998"'))
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_store(data, cache_dir=directory).get("example-programme-founded").answer == "1998"
    assert load_store(data, cache_dir=directory).get("example-programme-founded").answer == "1998"


def test_a_corrupt_stamps_file_only_costs_hashing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: Path, cli: Any) -> None:
    monkeypatch.setattr(cache, "STAMP_MIN_BYTES", 0)
    data = write_store(tmp_path / "store.yaml")
    cache_dir.mkdir()
    for junk in (b"\x00\xff garbage", b"[1, 2, 3]", b'{"' + str(data).encode() + b'": [1, 2]}'):
        (cache_dir / "stamps.json").write_bytes(junk)
        assert top(cli, "--data", str(data)) == ("example-programme-founded", "1999")


# --- where the cache is, and when there is none --------------------------------------------------

def test_iomfacts_cache_dir_is_honoured(tmp_path: Path, cache_dir: Path, cli: Any) -> None:
    data = write_store(tmp_path / "store.yaml")
    top(cli, "--data", str(data))
    files = index_files(cache_dir)
    assert len(files) == 1 and files[0].stat().st_size > 0
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".build-")]  # no temporary file left


@pytest.mark.parametrize("where", ["group", "command"])
def test_no_cache_writes_nothing(tmp_path: Path, cache_dir: Path, cli: Any, where: str) -> None:
    data = write_store(tmp_path / "store.yaml")
    args = ["--data", str(data), "--no-cache"] if where == "group" else ["--data", str(data)]
    code, out, err = cli(*args, "ask", *(["--no-cache"] if where == "command" else []), "--json", QUESTION)
    assert (code, err) == (0, "")
    assert json.loads(out)["answers"][0]["id"] == "example-programme-founded"
    assert not cache_dir.exists()


def test_no_cache_reads_nothing_either(tmp_path: Path, cache_dir: Path, cli: Any) -> None:
    """--no-cache parses the store afresh, even when a (here: damaged) cache file exists."""
    data = write_store(tmp_path / "store.yaml")
    top(cli, "--data", str(data))
    [index_file] = index_files(cache_dir)
    index_file.write_bytes(b"SQLite format 3\x00" + os.urandom(4096 - 16))
    before = index_file.read_bytes()
    assert top(cli, "--data", str(data), "--no-cache") == ("example-programme-founded", "1999")
    assert index_file.read_bytes() == before


def _subprocess_answer(env_changes: dict[str, str | None], data: Path, cwd: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("IOMFACTS_DATA",)}
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    proc = subprocess.run([sys.executable, "-m", "iomfacts", "--data", str(data), "ask", "--json", QUESTION],
                          capture_output=True, timeout=120, env=env, cwd=cwd)
    assert (proc.returncode, proc.stderr) == (0, b""), proc.stderr.decode()
    assert json.loads(proc.stdout)["answers"][0]["answer"] == "1999"


def test_unwritable_cache_places_answer_from_memory(tmp_path: Path) -> None:
    """Tests run as root, whom chmod does not stop: a path below a regular file is unwritable for all."""
    data = write_store(tmp_path / "store.yaml")
    a_file = tmp_path / "a-file"
    a_file.write_text("not a directory\n")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    for changes in (
        {"IOMFACTS_CACHE_DIR": str(a_file / "sub")},  # the cache directory cannot exist
        {"IOMFACTS_CACHE_DIR": None, "XDG_CACHE_HOME": str(a_file / "cache")},  # XDG_CACHE_HOME read-only
        {"IOMFACTS_CACHE_DIR": None, "XDG_CACHE_HOME": None, "HOME": str(a_file)},  # home unusable
    ):
        _subprocess_answer(changes, data, cwd)
        _subprocess_answer(changes, data, cwd)
    assert a_file.read_text() == "not a directory\n"
    assert not any(cwd.iterdir())


def test_no_home_directory_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any) -> None:
    data = write_store(tmp_path / "store.yaml")
    for var in ("IOMFACTS_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(var, raising=False)

    def no_home(cls: type) -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", classmethod(no_home))
    assert top(cli, "--data", str(data)) == ("example-programme-founded", "1999")


# --- damaged cache files -------------------------------------------------------------------------

def _garbage(path: Path, tmp: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def _truncated(path: Path, tmp: Path) -> None:
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size // 2)


def _empty(path: Path, tmp: Path) -> None:
    path.write_bytes(b"")


def _overwritten_inside(path: Path, tmp: Path) -> None:
    """A sound header, length and meta table, garbage inside: only reading the other pages shows it."""
    size = path.stat().st_size
    page = int.from_bytes(path.read_bytes()[16:18], "big")
    with path.open("r+b") as fh:
        for offset in range(3 * page, size, page):  # pages 1 and 2: the schema and the meta table
            fh.seek(offset + 8)
            fh.write(os.urandom(2048))


def _another_store(path: Path, tmp: Path) -> None:
    """The index of another store, under this store's name."""
    other = write_store(tmp / "other" / "store.yaml", STORE.replace("Example Programme", "Other Scheme")
                        .replace("in Ghent", "in Namur").replace('"1999"', '"2005"').replace("in 1999", "in 2005"))
    load_store(other, cache_dir=tmp / "other-cache")
    [foreign] = index_files(tmp / "other-cache")
    shutil.copyfile(foreign, path)


def _older_format(path: Path, tmp: Path) -> None:
    """A sound SQLite file of an earlier index format, with this store's key."""
    conn = sqlite3.connect(path)
    key = dict(conn.execute("SELECT k, v FROM meta"))["key"]
    conn.execute("UPDATE meta SET v = 'iomfacts-index-1' WHERE k = 'format'")
    conn.commit()
    conn.close()
    assert key in path.name


def _not_a_file(path: Path, tmp: Path) -> None:
    path.unlink()
    path.mkdir()


DAMAGE = {"garbage bytes": _garbage, "truncated": _truncated, "empty": _empty, "overwritten inside": _overwritten_inside,
          "another store's index": _another_store, "older format": _older_format, "a directory": _not_a_file}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_file_is_never_trusted_and_never_fatal(damage: str, tmp_path: Path, cache_dir: Path, cli: Any) -> None:
    data = write_store(tmp_path / "store.yaml")
    assert top(cli, "--data", str(data)) == ("example-programme-founded", "1999")
    [index_file] = index_files(cache_dir)
    DAMAGE[damage](index_file, tmp_path)
    assert top(cli, "--data", str(data)) == ("example-programme-founded", "1999")
    assert top(cli, "--data", str(data)) == ("example-programme-founded", "1999")
    code, out, err = cli("--data", str(data), "search", "--json", "budget")
    assert (code, err) == (0, "") and json.loads(out)["facts"][0]["id"] == "example-programme-budget"
    if damage != "a directory":  # a directory in its place is left alone; the index is then kept in memory
        [rebuilt] = index_files(cache_dir)
        assert rebuilt.name == index_file.name
        assert cache._open_cached(rebuilt, rebuilt.name[len("store-"):-len(".sqlite")]) is not None


def test_a_cache_file_damaged_inside_heals_in_the_middle_of_a_batch(tmp_path: Path, cache_dir: Path, cli: Any,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch cannot be run again (its input is read), so the index heals under it."""
    data = write_store(tmp_path / "store.yaml")
    top(cli, "--data", str(data))
    [index_file] = index_files(cache_dir)
    _overwritten_inside(index_file, tmp_path)
    lines = f"{QUESTION}\nWhat is the budget of the Example Programme?\n{QUESTION}\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    code, out, err = cli("--data", str(data), "ask", "--batch")
    assert (code, err) == (0, "")
    answers = [json.loads(line)["answers"][0]["id"] for line in out.splitlines()]
    assert answers == ["example-programme-founded", "example-programme-budget", "example-programme-founded"]


def test_the_bundled_store_survives_a_damaged_cache_as_a_separate_process(tmp_path: Path) -> None:
    cache_path = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k != "IOMFACTS_DATA"}
    env["IOMFACTS_CACHE_DIR"] = str(cache_path)
    cmd = [sys.executable, "-m", "iomfacts", "ask", "--json", "When was IOM founded?"]
    first = subprocess.run(cmd, capture_output=True, timeout=120, env=env)
    [index_file] = index_files(cache_path)
    _overwritten_inside(index_file, tmp_path)
    second = subprocess.run(cmd, capture_output=True, timeout=120, env=env)
    assert (second.returncode, second.stderr) == (0, b""), second.stderr.decode()
    assert json.loads(second.stdout)["answers"][0]["id"] == json.loads(first.stdout)["answers"][0]["id"] == "iom-founded-1951"


def test_old_index_files_are_pruned(tmp_path: Path, cache_dir: Path, cli: Any) -> None:
    data = tmp_path / "store.yaml"
    for version in range(cache.KEEP_FILES + 3):
        write_store(data, STORE.replace("2 million euro", f"{version + 2} million euro"))
        top(cli, "--data", str(data))
    assert len(index_files(cache_dir)) == cache.KEEP_FILES


# --- a directory of YAML files is one store ------------------------------------------------------

def _split_bundled_store(directory: Path) -> int:
    """The bundled store split into a sources file and two facts files; returns the number of facts."""
    doc = yaml.safe_load((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8"))
    facts = doc["facts"]
    half = len(facts) // 2
    directory.mkdir(parents=True)
    parts = {"sources.yaml": {"schema": 1, "sources": doc["sources"]},
             "facts-1.yaml": {"schema": 1, "facts": facts[:half]},
             "more/facts-2.yml": {"schema": 1, "facts": facts[half:]}}
    for name, part in parts.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(yaml.safe_dump(part, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(facts)


def test_a_directory_of_yaml_files_is_one_store(tmp_path: Path, cache_dir: Path, cli: Any) -> None:
    directory = tmp_path / "store"
    n = _split_bundled_store(directory)
    code, out, err = cli("--data", str(directory), "check", "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["facts"] == n and len(report["files"]) == 3
    bundled = json.loads(cli("ask", "--json", "When was IOM founded?")[1])
    split = json.loads(cli("--data", str(directory), "ask", "--json", "When was IOM founded?")[1])
    assert [a["id"] for a in split["answers"]] == [a["id"] for a in bundled["answers"]]
    assert [a["score"] for a in split["answers"]] == [a["score"] for a in bundled["answers"]]
    # every file's facts are there, the second file's too
    second = yaml.safe_load((directory / "more" / "facts-2.yml").read_text(encoding="utf-8"))["facts"][-1]["id"]
    code, out, err = cli("--data", str(directory), "show", "--json", second)
    assert (code, err) == (0, "") and json.loads(out)["id"] == second


def test_editing_one_file_of_a_directory_store_is_seen(tmp_path: Path, cache_dir: Path, cli: Any) -> None:
    directory = tmp_path / "store"
    directory.mkdir()
    write_store(directory / "a.yaml", STORE)
    write_store(directory / "b.yaml", "schema: 1\nfacts: []\n")
    assert top(cli, "--data", str(directory)) == ("example-programme-founded", "1999")
    write_store(directory / "b.yaml", "schema: 1\nfacts:\n" + """\
  - id: example-programme-refounded
    statement: The Example Programme was founded again in 2011 in Ghent after a pause.
    answer: "2011"
    date: "2011"
    topics: [history]
    entities: [Example Programme, Ghent]
    aliases: [When was the Example Programme founded again?]
    citations:
      - source: example-report
        quote: founded again in 2011
        section: null
""")
    ids = [a["id"] for a in ask(cli, "--data", str(directory))["answers"]]
    assert "example-programme-refounded" in ids
    assert len(index_files(cache_dir)) == 2
