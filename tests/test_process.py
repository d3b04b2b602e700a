"""The process: a closed output pipe ends quietly, Ctrl-C exits 130 with one line and leaves no
half-written cache, and a missing or read-only home or cache directory never stops an answer."""
from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

QUESTION = "When was IOM founded?"


def _env(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("IOMFACTS_DATA", "NO_COLOR", "FORCE_COLOR")}
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "iomfacts", *args]


# --- closed pipes --------------------------------------------------------------------------------

PIPED = [
    ["timeline"], ["timeline", "--format", "jsonl"], ["timeline", "--format", "csv"], ["timeline", "--format", "markdown"],
    ["search", "iom"], ["search", "--json", "iom"], ["ask", QUESTION], ["ask", "--json", QUESTION],
    ["show", "iom-founded-1951"], ["show", "--json", "iom-founded-1951"], ["sources"], ["sources", "--json"],
    ["cite", "--all"], ["check"], ["check", "--json"], ["--help"], ["ask", "--help"], ["--version"],
]


@pytest.mark.parametrize("args", PIPED, ids=[" ".join(a) for a in PIPED])
def test_output_into_a_closed_pipe_ends_quietly(args: list[str], _session_cache: Path) -> None:
    """The reader is gone before the first byte (the harshest `| head`): no traceback, no message."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(command(*args), stdout=write_end, stderr=subprocess.PIPE, timeout=60,
                              env=_env(IOMFACTS_CACHE_DIR=str(_session_cache)))
    finally:
        os.close(write_end)
    assert proc.stderr == b"", proc.stderr.decode()[-2000:]
    assert proc.returncode == 141  # as a shell reports a process ended by SIGPIPE


@pytest.mark.parametrize("pipeline", [
    "{iomfacts} timeline 2>{err} | head -1",
    "{iomfacts} search iom 2>{err} | head -1",
    "{iomfacts} ask --json 'When was IOM founded?' 2>{err} | head -c 10",
    "yes 'When was IOM founded?' | head -n 5000 | {iomfacts} ask --batch 2>{err} | head -c 10",
])
def test_shell_pipelines_into_head_end_quietly(pipeline: str, _session_cache: Path, tmp_path: Path) -> None:
    err = tmp_path / "stderr"
    script = pipeline.format(iomfacts=f"'{sys.executable}' -m iomfacts", err=f"'{err}'")
    proc = subprocess.run(["bash", "-c", f'{script}; echo "status=${{PIPESTATUS[*]}}"'], capture_output=True,
                          timeout=120, env=_env(IOMFACTS_CACHE_DIR=str(_session_cache)))
    assert proc.stderr == b"", proc.stderr
    assert err.read_bytes() == b""
    printed, _, statuses = proc.stdout.partition(b"status=")
    iomfacts_status = int(statuses.split()[-2])
    assert iomfacts_status in (0, 141), statuses
    assert printed.strip(), "head printed the start of the output"


class _ClosedPipe(io.StringIO):
    def write(self, s: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("args", [["ask", "--json", QUESTION], ["ask", QUESTION], ["timeline"], ["sources", "--json"]])
def test_run_in_process_returns_141_on_a_closed_pipe(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A script calling iomfacts.cli.run() gets a status, never a SystemExit or a BrokenPipeError."""
    from iomfacts.cli import run

    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr("iomfacts.cli._silence_stdout", lambda: None)  # no real fd 1 to redirect here
    assert run(args) == 141
    assert err.getvalue() == ""


# --- Ctrl-C --------------------------------------------------------------------------------------

def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def test_ctrl_c_in_batch_waiting_on_an_open_pipe_exits_130_with_one_line(_session_cache: Path) -> None:
    proc = subprocess.Popen(command("ask", "--batch"), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_env(IOMFACTS_CACHE_DIR=str(_session_cache)))
    try:
        assert proc.stdin and proc.stdout
        proc.stdin.write(b"When was IOM founded?\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())  # answered: the process now waits for the next line
        assert first["answers"][0]["id"] == "iom-founded-1951"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)  # stdin stays open until here: only the signal ends it
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert err == b"iomfacts: error: interrupted\n"


def test_ctrl_c_while_the_command_is_still_importing_exits_130_with_one_line() -> None:
    """The CLI's own handling begins once its imports are done; Ctrl-C before that is not a traceback."""
    slow_start = (
        "import os, signal, sys, time, types\n"
        "cli = types.ModuleType('iomfacts.cli')\n"
        "def entry():\n"
        "    os.kill(os.getpid(), signal.SIGINT)  # as if pressed while the CLI was still importing\n"
        "    time.sleep(5)\n"
        "cli.entry = entry\n"
        "sys.modules['iomfacts.cli'] = cli\n"
        "from iomfacts import console\n"
        "console.main()\n"
    )
    done = subprocess.run([sys.executable, "-c", slow_start], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (130, "iomfacts: error: interrupted\n")


def test_ctrl_c_while_building_the_index_exits_130_and_leaves_no_half_written_cache(tmp_path: Path) -> None:
    """Interrupted in the middle of parsing a large store: one line, status 130, and the next run
    finds no partial cache file (it builds afresh and answers)."""
    text = (ROOT / "data" / "facts.yaml").read_text(encoding="utf-8")
    head, sep, facts = text.partition("\nfacts:\n")
    pattern = re.compile(r"^(\s*- id: |\s*key: )(\S+)", re.M)
    store = tmp_path / "big.yaml"
    store.write_text(head + sep + "".join(pattern.sub(lambda m, c=i: f"{m.group(1)}{m.group(2)}-c{c}", facts) for i in range(40)),
                     encoding="utf-8")
    cache = tmp_path / "cache"
    proc = subprocess.Popen(command("--data", str(store), "ask", QUESTION), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_env(IOMFACTS_CACHE_DIR=str(cache)))
    deadline = time.monotonic() + 60
    while _cpu_seconds(proc.pid) < 1.0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # past start-up and into the work, wherever it is
    if proc.poll() is not None:
        pytest.skip("the store was loaded before it could be interrupted (a very fast machine)")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err == b"iomfacts: error: interrupted\n"
    leftovers = [p.name for p in cache.glob("*") if p.name.startswith(".")] if cache.exists() else []
    assert leftovers == []
    again = subprocess.run(command("--data", str(store), "ask", "--json", QUESTION), capture_output=True, timeout=300,
                           env=_env(IOMFACTS_CACHE_DIR=str(cache)))
    assert again.returncode == 0 and again.stderr == b""
    assert json.loads(again.stdout)["answers"]


# --- home and cache directories ------------------------------------------------------------------

def _answer(env: dict[str, str], cwd: Path) -> None:
    proc = subprocess.run(command("ask", "--json", QUESTION), capture_output=True, timeout=120, env=env, cwd=cwd)
    assert proc.stderr == b"", proc.stderr.decode()
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["answers"][0]["id"] == "iom-founded-1951"


def _places(tmp: Path) -> dict[str, dict[str, str | None]]:
    a_file = tmp / "a-file"
    a_file.write_text("not a directory\n")
    read_only = tmp / "read-only"
    read_only.mkdir()
    read_only.chmod(0o500)
    no_cache = {"IOMFACTS_CACHE_DIR": None, "XDG_CACHE_HOME": None}
    places: dict[str, dict[str, str | None]] = {
        "HOME unset": {**no_cache, "HOME": None},
        "HOME empty": {**no_cache, "HOME": ""},
        "HOME missing": {**no_cache, "HOME": str(tmp / "missing" / "home")},
        "HOME is a file": {**no_cache, "HOME": str(a_file)},
        "HOME read-only": {**no_cache, "HOME": str(read_only)},
        "XDG_CACHE_HOME is a file": {"IOMFACTS_CACHE_DIR": None, "XDG_CACHE_HOME": str(a_file)},
        "cache dir is a file": {"IOMFACTS_CACHE_DIR": str(a_file)},
        "cache dir below a file": {"IOMFACTS_CACHE_DIR": str(a_file / "cache")},
        "cache dir read-only": {"IOMFACTS_CACHE_DIR": str(read_only)},
        "cache dir missing": {"IOMFACTS_CACHE_DIR": str(tmp / "not" / "yet" / "there")},
    }
    if Path("/proc/self").is_dir():  # a place no one may write, root included
        places["HOME in /proc"] = {**no_cache, "HOME": "/proc/self"}
        places["cache dir in /proc"] = {"IOMFACTS_CACHE_DIR": "/proc/self/iomfacts-cache"}
    return places


PLACES = ["HOME unset", "HOME empty", "HOME missing", "HOME is a file", "HOME read-only", "XDG_CACHE_HOME is a file",
          "cache dir is a file", "cache dir below a file", "cache dir read-only", "cache dir missing", "HOME in /proc",
          "cache dir in /proc"]


@pytest.mark.parametrize("place", PLACES)
def test_a_missing_or_read_only_home_or_cache_never_stops_an_answer(place: str, tmp_path: Path) -> None:
    places = _places(tmp_path)
    if place not in places:
        pytest.skip("no /proc here")
    env = _env(**places[place])
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    try:
        _answer(env, cwd)
        _answer(env, cwd)  # twice: a cache that could not be written must not be half there
    finally:
        (tmp_path / "read-only").chmod(0o700)
    assert not any(cwd.iterdir()), "nothing is written to the current directory"


def test_no_home_directory_at_all_in_process(monkeypatch: pytest.MonkeyPatch, cli: Any) -> None:
    """HOME unset and no passwd entry (a service account): Path.home() raises; the answer still comes."""
    for var in ("IOMFACTS_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(var, raising=False)

    def no_home(cls: type) -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", classmethod(no_home))
    code, out, err = cli("ask", "--json", QUESTION)
    assert (code, err) == (0, "")
    assert json.loads(out)["answers"][0]["id"] == "iom-founded-1951"


# --- closed and full descriptors -----------------------------------------------------------------

def _shell(script: str, cache: Path) -> tuple[int, bytes, bytes]:
    proc = subprocess.run(["bash", "-c", script.format(iomfacts=f"'{sys.executable}' -m iomfacts")], capture_output=True,
                          timeout=60, env=_env(IOMFACTS_CACHE_DIR=str(cache)))
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("args", ["ask 'When was IOM founded?'", "ask --json 'When was IOM founded?'", "timeline", "sources --json"])
def test_closed_stdout_is_one_line_and_exit_2(args: str, _session_cache: Path) -> None:
    code, _, err = _shell("{iomfacts} " + args + " >&-", _session_cache)
    assert code == 2
    assert err == b"iomfacts: error: standard output is closed: nowhere to write (redirect it, e.g. > answer.txt)\n"


def test_closed_stderr_still_answers(_session_cache: Path) -> None:
    code, out, _ = _shell("{iomfacts} ask --json 'When was IOM founded?' 2>&-", _session_cache)
    assert code == 0 and json.loads(out)["answers"]
    code, out, _ = _shell("{iomfacts} ask '' 2>&-", _session_cache)  # the error has nowhere to go; the status says it
    assert code == 2 and out == b""


def test_closed_stdin_is_an_empty_batch(_session_cache: Path) -> None:
    code, out, err = _shell("{iomfacts} ask --batch <&-", _session_cache)
    assert (code, out, err) == (0, b"", b"")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", ["ask 'When was IOM founded?'", "ask --json 'When was IOM founded?'", "timeline",
                                  "timeline --format csv", "search iom", "check --json"])
def test_a_full_disk_is_one_line_and_exit_2(args: str, _session_cache: Path) -> None:
    code, _, err = _shell("{iomfacts} " + args + " > /dev/full", _session_cache)
    assert code == 2
    assert err == b"iomfacts: error: cannot write the output: No space left on device\n"


def test_a_full_disk_in_batch(_session_cache: Path) -> None:
    code, _, err = _shell("yes 'When was IOM founded?' | head -n 200 | {iomfacts} ask --batch > /dev/full", _session_cache)
    assert code == 2
    assert err == b"iomfacts: error: cannot write the output: No space left on device\n"


def test_a_plain_question_imports_no_optional_module(_session_cache: Path) -> None:
    # start-up is most of what a question costs: the stemmer, the spelling matcher, YAML and the
    # citation styles are imported only where a question or command needs them
    env = _env(IOMFACTS_CACHE_DIR=str(_session_cache))
    subprocess.run(command("ask", QUESTION), capture_output=True, timeout=120, env=env)  # the index is built once
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "iomfacts", "ask", "--json", QUESTION],
                          capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "iomfacts.engine" in imported  # (the measure works)
    assert imported & {"snowballstemmer", "rapidfuzz", "yaml", "citeproc"} == set()
