"""Hostile stores and queries (tests/hostile/cases.yaml): each gets a clear one-line message and its
documented exit status, within bounded time and memory, and never a traceback.

Every case runs the installed command in a subprocess, as a user would, under an address-space limit
(so a YAML bomb fails the test instead of the machine) and a time limit.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, validate_json

HERE = Path(__file__).resolve().parent / "hostile"
STORES = HERE / "stores"
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
DEFAULT_SECONDS = 20
DEFAULT_MEMORY_MIB = 1536
QUESTION = "When was IOM founded?"


# --- running the command -------------------------------------------------------------------------

def _limits(memory_mib: int) -> Callable[[], None]:
    def apply() -> None:
        import resource

        limit = memory_mib * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("IOMFACTS_DATA", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env.update({"IOMFACTS_CACHE_DIR": str(cache), "PYTHONIOENCODING": "utf-8:strict", "COLUMNS": "200"})
    return env


def start(args: list[str | bytes], cache: Path, cwd: Path, stdin: bytes | None = None,
          memory_mib: int = DEFAULT_MEMORY_MIB) -> subprocess.Popen[bytes]:
    cmd: list[str | bytes] = [sys.executable, "-m", "iomfacts", *args]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=cwd, env=_env(cache), preexec_fn=_limits(memory_mib))
    proc._feed = stdin or b""  # type: ignore[attr-defined]
    proc._started = time.monotonic()  # type: ignore[attr-defined]
    return proc


def finish(proc: subprocess.Popen[bytes], seconds: float) -> tuple[int, str, str, float]:
    try:
        out, err = proc.communicate(proc._feed, timeout=seconds)  # type: ignore[attr-defined]
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"did not finish within {seconds} s: {proc.args!r:.300}")
    took = time.monotonic() - proc._started  # type: ignore[attr-defined]
    return proc.returncode, out.decode("utf-8"), err.decode("utf-8"), took  # output must be UTF-8


def assert_sane(code: int, out: str, err: str) -> None:
    """What holds for every hostile input, whatever its expected answer."""
    assert "Traceback" not in err and "Traceback" not in out, err[-2000:]
    assert "internal error" not in err, err
    assert code in (0, 1, 2), (code, err)
    assert err.count("\n") <= 1, f"more than one line on stderr: {err[:2000]!r}"
    if err:
        assert err.startswith("iomfacts: error: "), err


def expect(pattern: str | None, text: str, subst: dict[str, str], what: str) -> None:
    if pattern is None:
        return
    if pattern == "":
        assert text == "", f"{what} should be empty: {text[:2000]!r}"
        return
    for key, value in subst.items():
        pattern = pattern.replace("{" + key + "}", value)
    assert re.search(pattern, text, re.M), f"{what} does not match {pattern!r}:\n{text[:3000]}"


# --- stores made at test time --------------------------------------------------------------------

def make_50mb(tmp: Path) -> tuple[Path, dict[str, str]]:
    """50 MB of realistic store: the bundled facts repeated with fresh ids, and one typo at the end."""
    text = (ROOT / "data" / "facts.yaml").read_text(encoding="utf-8")
    head, sep, facts = text.partition("\nfacts:\n")
    assert sep, "the bundled store has no 'facts:' section"
    facts = facts if facts.endswith("\n") else facts + "\n"
    pattern = re.compile(r"^(\s*- id: |\s*key: )(\S+)", re.M)
    path = tmp / "store-50mb.yaml"
    size = len(head) + len(sep)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(head + sep)
        copy = 0
        while size < 50 * 2**20:
            chunk = pattern.sub(lambda m, c=copy: f"{m.group(1)}{m.group(2)}-copy{c}", facts)
            fh.write(chunk)
            size += len(chunk.encode("utf-8"))
            copy += 1
        fh.write("  - id: last-bad-fact\n    statment: a typo in the last fact\n")
    lines = path.read_bytes().count(b"\n")
    assert path.stat().st_size >= 50 * 2**20
    return path, {"last_line": str(lines)}


def make_unreadable(tmp: Path) -> tuple[Path, dict[str, str]]:
    if os.geteuid() == 0:  # root reads any file: use one that fails with an I/O error instead
        path = Path("/proc/self/mem")
        if not path.exists():
            pytest.skip("no /proc/self/mem to stand for an unreadable file")
        return path, {}
    path = tmp / "locked.yaml"
    path.write_text("schema: 1\n", encoding="utf-8")
    path.chmod(0)
    return path, {}


def make_good_dir(tmp: Path) -> tuple[Path, dict[str, str]]:
    target = tmp / "good-dir"
    target.mkdir()
    for name in ("a-sources.yaml", "b-facts.yml", "ignored.txt"):
        shutil.copy(STORES / "mixed-dir" / name, target / name)
    return target, {}


def _write(tmp: Path, name: str, text: str) -> tuple[Path, dict[str, str]]:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path, {}


def _no_yaml_dir(tmp: Path) -> tuple[Path, dict[str, str]]:
    (tmp / "empty-dir").mkdir()
    (tmp / "empty-dir" / "notes.txt").write_text("no store here\n", encoding="utf-8")
    return tmp / "empty-dir", {}


def _dev_zero(tmp: Path) -> tuple[Path, dict[str, str]]:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    return Path("/dev/zero"), {}


MAKERS: dict[str, Callable[[Path], tuple[Path, dict[str, str]]]] = {
    "deep-lists": lambda tmp: _write(tmp, "deep-lists.yaml", "x: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    "deep-mappings": lambda tmp: _write(tmp, "deep-mappings.yaml", "x: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n"),
    "deep-fact": lambda tmp: _write(tmp, "deep-fact.yaml", "schema: 1\nsources: []\nfacts:\n  - " + "[" * 900 + "]" * 900 + "\n"),
    "long-schema": lambda tmp: _write(tmp, "long-schema.yaml", "schema: [" + ", ".join(["1"] * 20_000) + "]\nsources: []\nfacts: []\n"),
    "good-dir": make_good_dir,
    "missing": lambda tmp: (tmp / "no-such-store.yaml", {}),
    "no-yaml-dir": _no_yaml_dir,
    "dev-zero": _dev_zero,
    "unreadable": make_unreadable,
    "store-50mb": make_50mb,
}


# --- the table -----------------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES["stores"], ids=[c["name"] for c in CASES["stores"]])
def test_hostile_store(case: dict[str, Any], tmp_path: Path) -> None:
    if "make" in case:
        data, subst = MAKERS[case["make"]](tmp_path)
    else:
        data, subst = STORES / case["file"], {}
    subst["file"] = re.escape(str(data))
    seconds = case.get("seconds", DEFAULT_SECONDS)
    memory = case.get("memory_mib", DEFAULT_MEMORY_MIB)
    cache = tmp_path / "cache"
    work = tmp_path / "cwd"
    work.mkdir()
    # Both commands at once: the 50 MB store costs one parse's time, not two.
    use = start(["--data", str(data), "ask", case.get("question", QUESTION)], cache, work, memory_mib=memory)
    check = start(["--data", str(data), "check"], cache, work, memory_mib=memory)
    for proc, expected, what in ((use, case["use"], "ask"), (check, case["check"], "check")):
        code, out, err, took = finish(proc, seconds)
        assert_sane(code, out, err)
        assert code == expected["exit"], f"{what}: exit {code}, expected {expected['exit']}\n{err}{out[:2000]}"
        expect(expected.get("stderr"), err, subst, f"{what} stderr")
        expect(expected.get("stdout"), out, subst, f"{what} stdout")
        assert took < seconds
    if "never_created" in case:
        assert not (work / case["never_created"]).exists(), "a YAML tag ran a command"


def _arg(value: Any) -> str | bytes:
    if isinstance(value, str):
        return value
    if "latin1" in value:
        return value["latin1"].encode("latin-1")
    text = value["repeat"] * (value["length"] // len(value["repeat"]) + 1)
    return text[: value["length"]]


def _stdin(value: Any) -> bytes | None:
    if value is None:
        return None
    data = _arg(value)
    return data if isinstance(data, bytes) else data.encode("utf-8")


@pytest.mark.parametrize("case", CASES["queries"], ids=[c["name"] for c in CASES["queries"]])
def test_hostile_query(case: dict[str, Any], tmp_path: Path, _session_cache: Path) -> None:
    seconds = case.get("seconds", DEFAULT_SECONDS)
    proc = start([_arg(a) for a in case["args"]], _session_cache, tmp_path, stdin=_stdin(case.get("stdin")))
    code, out, err, took = finish(proc, seconds)
    assert_sane(code, out, err)
    allowed = case["exit"] if isinstance(case["exit"], list) else [case["exit"]]
    assert code in allowed, f"exit {code}, expected {allowed}\n{err}{out[:2000]}"
    expect(case.get("stderr"), err, {}, "stderr")
    expect(case.get("stdout"), out, {}, "stdout")
    if "schema" in case and code in (0, 1):
        docs = [json.loads(line) for line in out.splitlines()] if case.get("jsonl") else [json.loads(out)]
        for doc in docs:
            validate_json(doc, case["schema"])
        if "lines" in case:
            assert len(docs) == case["lines"]
            assert [d.get("line") for d in docs] == list(range(1, case["lines"] + 1))
    assert took < seconds


# --- cases that compare two runs -----------------------------------------------------------------

@pytest.mark.parametrize("word", ["Liège", "Fédasil", "Vitorino", "António Vitorino", "Melsbroek",
                                  "magnetÀ iom", "IOM:0aÀ"])  # a small letter before a capital with an accent
def test_nfc_and_nfd_forms_answer_the_same(cli: Any, word: str) -> None:
    nfc, nfd = unicodedata.normalize("NFC", word), unicodedata.normalize("NFD", word)
    results = []
    for form in (nfc, nfd):
        code, out, err = cli("ask", "--json", f"What happened in {form}?")
        assert err == "" and code in (0, 1)
        results.append((code, [(a["id"], a["score"]) for a in json.loads(out)["answers"]]))
        search_code, search_out, _ = cli("search", "--json", form)
        results.append((search_code, [f["id"] for f in json.loads(search_out)["facts"]]))
    assert results[0] == results[2] and results[1] == results[3]


def test_accent_free_and_accented_words_find_the_same_facts(cli: Any) -> None:
    ids = []
    for form in ("Liège", "Liege", "LIEGE", unicodedata.normalize("NFD", "LIÈGE")):
        code, out, _ = cli("search", "--json", form)
        assert code == 0
        ids.append([f["id"] for f in json.loads(out)["facts"]])
    assert ids[0] and all(i == ids[0] for i in ids)


def test_nul_and_controls_in_process(cli: Any) -> None:
    """A NUL cannot reach argv through exec, but a script calling iomfacts.cli.run() can pass one."""
    for args in (["ask", "When\x00 was IOM founded?"], ["ask", "--json", "\x00"], ["search", "\x00\x1b[2J"],
                 ["show", "iom\x00"], ["search", "--topic", "\x00", "x"], ["timeline", "--from", "2010\x00"],
                 ["--data", "no\x00such.yaml", "ask", "x"], ["ask", "--as-of", "\x00", "x"], ["cite", "\x00"]):
        code, out, err = cli(*args)
        assert_sane(code, out, err)
        assert "\x00" not in err and "\x1b" not in err and "\x1b" not in out, (args, out, err)
        if "--json" in args and code in (0, 1):
            validate_json(json.loads(out), "ask")


def test_batch_line_that_is_not_utf8_gets_an_error_object_and_the_rest_are_answered(_session_cache: Path, tmp_path: Path) -> None:
    lines = [b"When was IOM founded?", b"\xc3\x28 invalid continuation", b"Who is IOM's Director General?",
             b"\xed\xa0\x80 encoded surrogate", b"How much does Belgium give IOM each year?"]
    proc = start(["ask", "--batch"], _session_cache, tmp_path, stdin=b"\n".join(lines) + b"\n")
    code, out, err, _ = finish(proc, DEFAULT_SECONDS)
    assert (code, err) == (0, "")
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["line"] for d in docs] == [1, 2, 3, 4, 5]
    for d in docs:
        validate_json(d, "ask")
    assert docs[1]["query"] is None and docs[1]["answers"] == [] and "not UTF-8" in docs[1]["error"]
    assert docs[3]["query"] is None and "not UTF-8" in docs[3]["error"]
    assert docs[0]["answers"][0]["id"] == "iom-founded-1951"
    assert docs[2]["answers"] and docs[4]["answers"]


def test_a_bug_is_still_one_line_and_a_status_of_its_own(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last line of defence: an exception iomfacts did not expect is reported, not dumped."""
    import iomfacts.engine

    def broken(*args: Any, **kwargs: Any) -> None:
        raise ValueError("something nobody foresaw\nwith a second line")

    monkeypatch.setattr(iomfacts.engine, "ask", broken)
    code, out, err = cli("ask", QUESTION)
    assert code == 70 and out == ""
    assert err == ("iomfacts: error: internal error (ValueError: something nobody foresaw\\nwith a second line); "
                   "please report it (IOMFACTS_DEBUG=1 shows the traceback)\n")
    monkeypatch.setenv("IOMFACTS_DEBUG", "1")
    with pytest.raises(ValueError):
        cli("ask", QUESTION)
