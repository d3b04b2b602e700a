"""ask --batch: the same answers whether a block is answered here or by forked workers, lines in
order, each answer written as soon as its line is read, and workers that fail never lose a line."""
from __future__ import annotations

import io
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from iomfacts import batch, parallel, render

QUESTIONS = [d["q"] for d in yaml.safe_load((ROOT / "bench" / "questions.yaml").read_text(encoding="utf-8"))]


def _batch(store: Any, data: bytes, **options: Any) -> tuple[str, int]:
    out = io.StringIO()
    answered = batch.run_batch(store, io.BytesIO(data), out, limit=options.get("limit", 3), min_score=0.5, as_of=None)
    return out.getvalue(), answered


def test_each_line_is_the_json_of_its_answers(store: Any) -> None:
    """The batch's fast writer makes exactly the text of the ask --json payload, plus the line number."""
    from iomfacts import engine

    lines = render.AnswerLines(store.sources)
    for number, question in enumerate(QUESTIONS + ["Who was Director General in 2016?"], 1):
        answers = engine.ask(store, question)
        payload = render.ask_payload(question, answers, store.sources)
        payload["line"] = number
        assert lines.line(question, answers, number) == render.dumps(payload)
        assert lines.line(question, answers, number) == lines.line(question, answers, number)  # from its memory too


def test_workers_answer_as_this_process_does(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    if parallel.workers() < 2:
        pytest.skip("one core, or no fork here: a batch has no workers")
    data = ("\n".join(QUESTIONS) + "\n\xff\n\nWhen was IOM founded?").encode("latin-1", "replace")
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    alone = _batch(store, data)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(batch, "PARALLEL_LINES", 10)
    shared = _batch(store, data)
    assert shared == alone
    records = [json.loads(line) for line in shared[0].splitlines()]
    assert [r["line"] for r in records] == list(range(1, len(QUESTIONS) + 4))
    assert records[-1]["answers"] and "error" in records[-2] and "error" in records[-3]


def _fails_in_a_child(item: int) -> int:
    if os.getpid() != PARENT:
        if item == 2:
            os._exit(3)  # a child that dies
        if item == 3:
            os.kill(os.getpid(), 9)
        if item == 4:
            raise RuntimeError("a child that fails")
    return item * 10


PARENT = os.getpid()


def test_a_child_that_fails_leaves_its_part_to_this_process() -> None:
    if parallel.workers() < 2:
        pytest.skip("one core, or no fork here")
    assert parallel.forked_map(_fails_in_a_child, range(6)) == [0, 10, 20, 30, 40, 50]
    assert parallel.forked_map(_fails_in_a_child, []) == []


def test_each_part_but_the_first_is_computed_by_a_child() -> None:
    if parallel.workers() < 2:
        pytest.skip("one core, or no fork here")
    pids = parallel.forked_map(lambda _: os.getpid(), range(4), child_start=lambda: None)
    assert pids[0] == os.getpid() and len(set(pids)) == 4


def test_ctrl_c_in_a_large_batch_exits_130_and_leaves_no_process(_session_cache: Path, tmp_path: Path) -> None:
    big = tmp_path / "questions.txt"
    big.write_text("\n".join(QUESTIONS * 100) + "\n", encoding="utf-8")
    env = {**os.environ, "IOMFACTS_CACHE_DIR": str(_session_cache)}
    for delay in (0.3, 0.6, 0.9):
        with big.open("rb") as stdin:
            proc = subprocess.Popen([sys.executable, "-m", "iomfacts", "ask", "--batch"], stdin=stdin, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, env=env, start_new_session=True)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to every process of the command
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise AssertionError("the batch did not end on Ctrl-C") from None
        assert proc.stderr is not None
        err = proc.stderr.read().decode()
        assert (code, err) in ((130, "iomfacts: error: interrupted\n"), (0, "")), (code, err)
        time.sleep(0.2)
        with pytest.raises(ProcessLookupError):
            os.killpg(proc.pid, 0)  # no process of its group is left


def test_an_answer_is_written_as_soon_as_its_line_is_read(_session_cache: Path) -> None:
    """A script may write a question and wait for its answer before writing the next."""
    env = {**os.environ, "IOMFACTS_CACHE_DIR": str(_session_cache)}
    proc = subprocess.Popen([sys.executable, "-m", "iomfacts", "ask", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for number, question in enumerate((b"When was IOM founded?", b"Who leads IOM?"), 1):
            proc.stdin.write(question + b"\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready, f"no answer to line {number} while the input stays open"
            record = json.loads(proc.stdout.readline())
            assert record["line"] == number and record["answers"]
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        proc.wait()


def test_warming_a_store_before_forking_changes_no_answer(_session_cache: Path) -> None:
    from iomfacts import engine
    from iomfacts.store import load_store

    cold, warmed = load_store(cache_dir=_session_cache), load_store(cache_dir=_session_cache)
    engine.warm(warmed)
    for question in QUESTIONS[:300]:
        assert engine.ask(warmed, question) == engine.ask(cold, question), question
