"""``ask --batch``: one question per input line, one JSON answer object per output line, in order.

A line that cannot be decoded or is empty gets an error object in its place, so output line N always
answers input line N.

Input is read a block at a time, as much as is waiting (up to ``BLOCK_BYTES``), and each block's
answers are written and flushed before the next read: a script that writes one question and waits
for its answer gets it at once. A large block (a file or a pipe full of questions) is shared among
processes forked for it, one part per core (see ``parallel.py``), and its answers come back in order.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO, TextIO

from . import engine, render
from .errors import IomfactsError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from .dates import DateInfo

REMEMBERED = 10000  # questions whose answers a process keeps, for lines that repeat one
BLOCK_BYTES = 1 << 18  # the most read at once
PARALLEL_LINES = 400  # a block of fewer lines is answered in this process: forking costs more than it saves


class _Answerer:
    """Answers lines with one store's options; a forked child answers with the copy it starts with."""

    def __init__(self, store: object, limit: int, min_score: float, as_of: DateInfo | None) -> None:
        self.store, self.limit, self.min_score, self.as_of = store, limit, min_score, as_of
        self.lines = render.AnswerLines(store.sources)  # type: ignore[attr-defined]
        self.asked: dict[str, list] = {}  # scripts often ask a question again: its answers are the same

    def chunk(self, first: int, raws: list[bytes]) -> tuple[str, int]:
        """The output lines for input lines first, first + 1, …, and how many got an answer."""
        out: list[str] = []
        answered = 0
        for number, raw in enumerate(raws, first):
            try:
                question = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as exc:
                out.append(self.lines.line(None, [], number, f"line {number} is not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at position {exc.start + 1})"))
                continue
            answers = self.asked.get(question)
            if answers is None:
                try:
                    answers = engine.ask(self.store, question, limit=self.limit, min_score=self.min_score, as_of=self.as_of)
                except IomfactsError as exc:
                    out.append(self.lines.line(question, [], number, str(exc)))
                    continue
                if len(self.asked) >= REMEMBERED:
                    self.asked.clear()
                self.asked[question] = answers
            out.append(self.lines.line(question, answers, number))
            answered += bool(answers)
        out.append("")
        return "\n".join(out), answered


def _start_child(answerer: _Answerer) -> Callable[[], None]:
    def start() -> None:
        index = getattr(answerer.store, "index", None)
        if index is not None:
            index.reopen()  # an SQLite connection must not be shared across a fork
    return start


def _blocks(stream: BinaryIO) -> Iterator[list[bytes]]:
    """The input's lines, in blocks of what was waiting to be read; a last line may lack its newline."""
    read = getattr(stream, "read1", None)
    if read is None:  # a stream without read1 (a test's list of lines): one block
        yield list(stream)
        return
    rest = b""
    while True:
        data = read(BLOCK_BYTES)
        if not data:
            break
        lines = (rest + data).split(b"\n")
        rest = lines.pop()
        if lines:
            yield [line + b"\n" for line in lines]
    if rest:
        yield [rest]


def run_batch(store: object, lines: BinaryIO, out: TextIO, *, limit: int, min_score: float, as_of: DateInfo | None) -> int:
    """Answer every line; return how many lines were answered with at least one fact."""
    # A bad option is the command's error (exit 2), not one error object per input line.
    if limit < 1:
        raise UsageError(f"--limit must be 1 or more, not {limit}")
    if not 0.0 <= min_score <= 1.0:
        raise UsageError(f"--min-score must be between 0 and 1, not {min_score}")
    from . import parallel

    answerer = _Answerer(store, limit, min_score, as_of)
    n_workers = parallel.workers()
    warmed = False
    answered = 0
    number = 1
    for block in _blocks(lines):
        if n_workers > 1 and len(block) >= PARALLEL_LINES:
            if not warmed:  # (speed) before the first fork, so that every worker starts with it
                engine.warm(store)
                warmed = True
            size = -(-len(block) // n_workers)
            tasks = [(number + i, block[i:i + size]) for i in range(0, len(block), size)]
            results = parallel.forked_map(lambda task: answerer.chunk(*task), tasks, _start_child(answerer))
        else:
            results = [answerer.chunk(number, block)]
        for text, got in results:
            out.write(text)
            answered += got
        out.flush()
        number += len(block)
    return answered
