"""``ask --batch``: one question per input line, one JSON answer object per output line, in order.

A line that cannot be decoded or is empty gets an error object in its place, so output line N always
answers input line N.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO, TextIO

from . import engine, render
from .errors import IomfactsError, UsageError

if TYPE_CHECKING:
    from .dates import DateInfo

REMEMBERED = 10000  # questions whose answers a batch keeps, for lines that repeat one


def run_batch(store: object, lines: BinaryIO, out: TextIO, *, limit: int, min_score: float, as_of: DateInfo | None) -> int:
    """Answer every line; return how many lines were answered with at least one fact."""
    # A bad option is the command's error (exit 2), not one error object per input line.
    if limit < 1:
        raise UsageError(f"--limit must be 1 or more, not {limit}")
    if not 0.0 <= min_score <= 1.0:
        raise UsageError(f"--min-score must be between 0 and 1, not {min_score}")
    sources = store.sources  # type: ignore[attr-defined]
    answered = 0
    asked: dict[str, list] = {}  # scripts often ask a question again: its answers are the same
    for number, raw in enumerate(lines, 1):
        try:
            question = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            out.write(render.dumps({"query": None, "line": number, "answers": [], "error": f"line {number} is not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at position {exc.start + 1})"}) + "\n")
            continue
        answers = asked.get(question)
        if answers is None:
            try:
                answers = engine.ask(store, question, limit=limit, min_score=min_score, as_of=as_of)
            except IomfactsError as exc:
                out.write(render.dumps({"query": question, "line": number, "answers": [], "error": str(exc)}) + "\n")
                continue
            if len(asked) >= REMEMBERED:
                asked.clear()
            asked[question] = answers
        payload = render.ask_payload(question, answers, sources)
        payload["line"] = number
        out.write(render.dumps(payload) + "\n")
        answered += bool(answers)
    out.flush()
    return answered
