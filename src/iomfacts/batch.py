"""``ask --batch``: one question per input line, one JSON answer object per output line, in order.

A line that cannot be decoded or is empty gets an error object in its place, so output line N always
answers input line N.
"""
from __future__ import annotations

from typing import BinaryIO, TextIO

from . import engine, render
from .dates import DateInfo
from .errors import IomfactsError


def run_batch(store: object, lines: BinaryIO, out: TextIO, *, limit: int, min_score: float, as_of: DateInfo | None) -> int:
    """Answer every line; return how many lines were answered with at least one fact."""
    sources = store.sources  # type: ignore[attr-defined]
    answered = 0
    for number, raw in enumerate(lines, 1):
        try:
            question = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            out.write(render.dumps({"query": None, "line": number, "answers": [], "error": f"line {number} is not UTF-8 text (byte {exc.start})"}) + "\n")
            continue
        try:
            answers = engine.ask(store, question, limit=limit, min_score=min_score, as_of=as_of)
        except IomfactsError as exc:
            out.write(render.dumps({"query": question, "line": number, "answers": [], "error": str(exc)}) + "\n")
            continue
        payload = render.ask_payload(question, answers, sources)
        payload["line"] = number
        out.write(render.dumps(payload) + "\n")
        answered += bool(answers)
    out.flush()
    return answered
